/**
 * People's names, one lookup for the whole product, roster first: the name the team roster gives
 * (stored on the person's membership when the roster is read, or the live roster a handler has
 * listed), else the name on their profile, else the name Teams sent with their messages (their
 * conversation reference), else a neutral word ("your colleague"). Someone who only opened the
 * chat has an empty stored name, but the roster knows them.
 */
import { membershipId } from '../app/membership';
import type { Locale, PersonReference, School } from '../domain/entities';
import { t } from '../i18n/translate';
import type { HandlerContext } from './context';
import { tenantPartitionFor } from './ids';
import { findPersonReference } from './references';
import type { RosterMember } from './roster';

type PeopleContext = Pick<HandlerContext, 'services' | 'tenantId'>;

interface Known {
  readonly name?: string;
  readonly reference?: PersonReference;
}

async function lookUp(ctx: PeopleContext, school: Pick<School, 'schoolId'>, id: string): Promise<Known> {
  const { store } = ctx.services;
  const [membership, reference] = await Promise.all([
    store.read(tenantPartitionFor(ctx.tenantId), 'membership', membershipId(id)),
    findPersonReference(store, ctx.tenantId, id),
  ]);
  // The roster's name wins: the profile (a query) is read only when the roster gave none.
  const profileName = membership?.name
    ? undefined
    : (await store.query(school.schoolId, { type: 'profile', personId: id })).find((p) => p.userId === id && p.name)
        ?.name;
  const name = membership?.name || profileName || reference?.name || undefined;
  return { ...(name ? { name } : {}), ...(reference ? { reference } : {}) };
}

/** People's display names (see the file comment). */
export async function namesOf(
  ctx: PeopleContext,
  school: Pick<School, 'schoolId'>,
  ids: readonly string[],
  locale: Locale,
): Promise<Record<string, string>> {
  return (await namesAndTeamsUserIds(ctx, school, ids, locale)).names;
}

/**
 * Display names (as namesOf) and the Teams user MRIs for a card's refresh.userIds (the 29: id we
 * saw, else the orgid form), reading each person's documents once.
 */
export async function namesAndTeamsUserIds(
  ctx: PeopleContext,
  school: Pick<School, 'schoolId'>,
  ids: readonly string[],
  locale: Locale,
): Promise<{ names: Record<string, string>; userIds: string[] }> {
  const names: Record<string, string> = {};
  const userIds: string[] = [];
  for (const id of ids) {
    const known = await lookUp(ctx, school, id);
    names[id] = known.name ?? t(locale, 'visitFields.colleague');
    const seen = (known.reference?.reference as { user?: { id?: string } } | undefined)?.user?.id;
    userIds.push(seen || `8:orgid:${id}`);
  }
  return { names, userIds };
}

/** Names from a roster a handler has just listed: the roster's name, else `unknown`. */
export function rosterNameOf(roster: readonly RosterMember[], unknown: string): (userId: string) => string {
  const names = new Map(roster.map((m) => [m.userId, m.name]));
  return (userId) => names.get(userId) || unknown;
}
