/**
 * People's names: ONE rule and ONE lookup for the whole product (cards, nudges, digest, tab,
 * export). Roster first: the name the team roster gives (stored on the person's membership when
 * the roster is read, a member is added or the person's turn brings their Teams name), else the
 * name on their profile in this school, else the name Teams sent with their messages (their
 * conversation reference), else — only as the last resort, and chosen by the caller in the
 * reader's language — "your colleague". Someone who only opened the chat has an empty stored
 * name, but the roster knows them.
 *
 * Names here are plain text; a card that shows them as markdown escapes them (src/teams/names.ts).
 */
import type { Membership, PersonReference, Profile } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { membershipId } from '../membership';

/** Where a name can come from, best first. */
export interface NameSources {
  /** The team roster's name (a live roster listing, else the one stored on the membership). */
  readonly roster?: string | undefined;
  /** The name on the person's profile in the school. */
  readonly profile?: string | undefined;
  /** The name Teams sent with the person's own messages (their conversation reference). */
  readonly teams?: string | undefined;
}

/** The one rule: the roster's name, else the profile's, else the one Teams sent; undefined when none is known. */
export function chooseName(sources: NameSources): string | undefined {
  for (const name of [sources.roster, sources.profile, sources.teams]) {
    const trimmed = name?.trim();
    if (trimmed) return trimmed;
  }
  return undefined;
}

/** What the lookup knows of one person. */
export interface KnownPerson {
  readonly userId: string;
  /** By the one rule; undefined when nothing is known (the caller says "your colleague"). */
  readonly name?: string;
  readonly reference?: Stored<PersonReference>;
}

export interface PeopleScope {
  /** The school whose profiles count (its partition). */
  readonly schoolId?: string;
  /** The tenant's partition: memberships and conversation references. */
  readonly tenantPartition: string;
  /** The id of a person's conversation reference (a point read); without it, a query by person. */
  readonly referenceIdOf?: (userId: string) => string;
  /** Names a handler has just listed from the live roster (they win over the stored ones). */
  readonly roster?: ReadonlyMap<string, string>;
}

/** The people among `ids`, each with their name by the one rule (reads each person's documents once). */
export async function knownPeople(
  store: Store,
  scope: PeopleScope,
  ids: readonly string[],
): Promise<Map<string, KnownPerson>> {
  const wanted = [...new Set(ids)];
  const read = await readPeople(store, scope, wanted);
  // The roster's name wins: a profile (a query) is read only for someone the roster gave no name.
  const nameless = read.filter(({ userId, membership }) => !scope.roster?.get(userId) && !membership?.name);
  const profiles = scope.schoolId
    ? (
        await Promise.all(
          nameless.map(({ userId }) => store.query(scope.schoolId!, { type: 'profile', personId: userId })),
        )
      ).flat()
    : [];
  return new Map(
    read.map(({ userId, membership, reference }) => [
      userId,
      personFrom(userId, { membership, profiles, reference, roster: scope.roster }),
    ]),
  );
}

/** Each person's membership and conversation reference: with `referenceIdOf`, all in one query by id. */
async function readPeople(
  store: Store,
  scope: PeopleScope,
  userIds: readonly string[],
): Promise<
  { userId: string; membership: Stored<Membership> | undefined; reference: Stored<PersonReference> | undefined }[]
> {
  const { referenceIdOf } = scope;
  if (referenceIdOf && userIds.length > 0) {
    const found = await store.readPartition(scope.tenantPartition, [
      { type: 'membership', where: { id: userIds.map(membershipId) } },
      { type: 'personReference', where: { id: userIds.map(referenceIdOf) } },
    ]);
    const memberships = new Map(found.membership.map((m) => [m.id, m]));
    const references = new Map(found.personReference.map((r) => [r.id, r]));
    return userIds.map((userId) => ({
      userId,
      membership: memberships.get(membershipId(userId)),
      reference: references.get(referenceIdOf(userId)),
    }));
  }
  return Promise.all(
    userIds.map(async (userId) => {
      const [membership, reference] = await Promise.all([
        store.read(scope.tenantPartition, 'membership', membershipId(userId)),
        referenceOf(store, scope, userId),
      ]);
      return { userId, membership, reference };
    }),
  );
}

async function referenceOf(
  store: Store,
  scope: PeopleScope,
  userId: string,
): Promise<Stored<PersonReference> | undefined> {
  if (scope.referenceIdOf) return store.read(scope.tenantPartition, 'personReference', scope.referenceIdOf(userId));
  const found = await store.query(scope.tenantPartition, { type: 'personReference', personId: userId });
  return found.find((r) => r.userId === userId);
}

/** One person by the one rule, from documents already read (the jobs read them in bulk). */
export function personFrom(
  userId: string,
  known: {
    readonly membership?: Pick<Membership, 'name'> | undefined;
    readonly profiles?: readonly Pick<Profile, 'userId' | 'name'>[];
    readonly reference?: Stored<PersonReference> | undefined;
    readonly roster?: ReadonlyMap<string, string> | undefined;
  },
): KnownPerson {
  const name = chooseName({
    roster: known.roster?.get(userId) || known.membership?.name,
    profile: known.profiles?.find((p) => p.userId === userId)?.name,
    teams: known.reference?.name,
  });
  return { userId, ...(name ? { name } : {}), ...(known.reference ? { reference: known.reference } : {}) };
}

/** Display names of `ids`: the one rule, else `fallback` (the reader's "your colleague"). */
export async function namesOf(
  store: Store,
  scope: PeopleScope,
  ids: readonly string[],
  fallback: string,
): Promise<Map<string, string>> {
  const people = await knownPeople(store, scope, ids);
  return new Map([...people].map(([id, person]) => [id, person.name ?? fallback]));
}
