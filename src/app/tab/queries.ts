/**
 * The tab's read use cases on the Store port: who the signed-in person is in which school, and
 * the three views. Authorization lives here: a teacher sees their own pairs only, a leader sees
 * completion of their own school only. The leader query never reads observations, reflections
 * or debrief notes — it cannot leak what it does not load — and takes the pairs' notes off their
 * requests ("what pairs need") before building the view.
 */
import type { DateTime } from 'luxon';
import { schoolsOf } from '../membership';
import type { Locale, School } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import type { Store, Stored } from '../../store/store';
import { ownGrowth, ownGrowthLine } from '../coach/growth';
import { knownPeople } from '../people/names';
import { withoutPairNote } from '../needs/open-needs';
import { buildLeaderView } from './leader-view';
import { buildPairView, buildTeacherView, schoolRef } from './teacher-view';
import type { LeaderView, PairView, TeacherView } from './views';

/** The person behind a validated SSO token. */
export interface TabUser {
  /** Entra object id (oid). */
  readonly userId: string;
  readonly tenantId: string;
  /** The tenant's partition (memberships, conversation references). */
  readonly tenantPartition: string;
  readonly name?: string;
}

export interface TabRequest {
  readonly user: TabUser;
  /** Which of the person's schools; default the most recently seen one that fits. */
  readonly schoolId?: string;
  /** The reader's language from the Teams context; default the school's. */
  readonly locale?: Locale;
  readonly now: DateTime;
  readonly chatLink?: string;
}

/** The installed schools of the person in their own tenant, most recently seen first. */
export async function schoolsOfUser(store: Store, user: TabUser): Promise<Stored<School>[]> {
  const ids = await schoolsOf(store, user.tenantPartition, user.userId);
  const schools: Stored<School>[] = [];
  for (const id of ids) {
    const school = await store.read(id, 'school', id);
    if (school && school.installed && school.tenantId.toLowerCase() === user.tenantId.toLowerCase())
      schools.push(school);
  }
  return schools;
}

function choose(
  schools: readonly Stored<School>[],
  requested: string | undefined,
  fits: (s: School) => boolean = () => true,
): Stored<School> {
  const school = requested !== undefined ? schools.find((s) => s.id === requested) : schools.find(fits);
  if (!school) throw new DomainError('NO_SCHOOL');
  return school;
}

/** People's names by the one lookup (src/app/people/names.ts): only known names, the view says "colleague". */
async function namesOf(
  store: Store,
  schoolId: string,
  tenantPartition: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  const people = await knownPeople(store, { schoolId, tenantPartition }, userIds);
  return new Map([...people].flatMap(([id, person]) => (person.name ? [[id, person.name] as const] : [])));
}

async function pairData(store: Store, schoolId: string, pairIds: readonly string[]) {
  const cycles = (await Promise.all(pairIds.map((pairId) => store.query(schoolId, { type: 'cycle', pairId })))).flat();
  const visits = (await Promise.all(pairIds.map((pairId) => store.query(schoolId, { type: 'visit', pairId })))).flat();
  return { cycles, visits };
}

export async function teacherView(store: Store, request: TabRequest): Promise<TeacherView> {
  const { user } = request;
  const schools = await schoolsOfUser(store, user);
  const school = choose(schools, request.schoolId);
  const pairs = (await store.query(school.id, { type: 'pair', personId: user.userId })).filter((p) =>
    p.memberIds.includes(user.userId),
  );
  const programmes = await store.query(school.id, { type: 'programme' });
  const { cycles, visits } = await pairData(
    store,
    school.id,
    pairs.map((p) => p.id),
  );
  const names = await namesOf(store, school.id, user.tenantPartition, [
    user.userId,
    ...pairs.flatMap((p) => p.memberIds),
  ]);
  const view = buildTeacherView({
    readerId: user.userId,
    ...(user.name ? { readerName: user.name } : {}),
    school,
    schools: schools.map(schoolRef),
    isLeader: school.leaderIds.includes(user.userId),
    programmes,
    pairs,
    cycles,
    visits,
    names,
    now: request.now,
    locale: request.locale ?? school.locale,
    ...(request.chatLink ? { chatLink: request.chatLink } : {}),
  });
  const programme = programmes.find((p) => p.id === view.programme?.id);
  const tallies = programme ? await store.query(school.id, { type: 'coachTally', personId: user.userId }) : [];
  const own = programme
    ? ownGrowthLine(ownGrowth(tallies, user.userId, programme, request.now, school.timezone), view.locale)
    : undefined;
  return own ? { ...view, ownGrowth: own } : view;
}

/** A pair's detail, for its members only; any other pair id (unknown, another school's) is refused alike. */
export async function pairView(store: Store, request: TabRequest, pairId: string): Promise<PairView> {
  const { user } = request;
  const schools = await schoolsOfUser(store, user);
  const candidates = request.schoolId !== undefined ? [choose(schools, request.schoolId)] : schools;
  for (const school of candidates) {
    const pair = await store.read(school.id, 'pair', pairId);
    if (!pair) continue;
    if (!pair.memberIds.includes(user.userId)) break;
    const programmes = await store.query(school.id, { type: 'programme' });
    const { cycles, visits } = await pairData(store, school.id, [pair.id]);
    const names = await namesOf(store, school.id, user.tenantPartition, pair.memberIds);
    if (!names.get(user.userId) && user.name) names.set(user.userId, user.name);
    return buildPairView({
      readerId: user.userId,
      school,
      programmes,
      pair,
      cycles,
      visits,
      names,
      now: request.now,
      locale: request.locale ?? school.locale,
      ...(request.chatLink ? { chatLink: request.chatLink } : {}),
    });
  }
  throw new DomainError('NOT_A_PAIR_MEMBER');
}

/** Completion of the leader's school; refused for anyone who is not one of its leaders. */
/** The school whose leader view the person asks for, and the schools they lead; NOT_A_LEADER for anyone else. */
export async function leaderSchoolOf(
  store: Store,
  request: TabRequest,
): Promise<{ school: Stored<School>; schools: Stored<School>[] }> {
  const { user } = request;
  const schools = await schoolsOfUser(store, user);
  const isLeaderOf = (s: School) => s.leaderIds.includes(user.userId);
  const school = schools.find((s) => (request.schoolId === undefined ? isLeaderOf(s) : s.id === request.schoolId));
  if (!school || !isLeaderOf(school)) throw new DomainError('NOT_A_LEADER');
  return { school, schools: schools.filter(isLeaderOf) };
}

export async function leaderView(store: Store, request: TabRequest): Promise<LeaderView> {
  const { user } = request;
  const { school, schools } = await leaderSchoolOf(store, request);
  const [programmes, pairs, cycles, visits, tallies, needs] = await Promise.all([
    store.query(school.id, { type: 'programme' }),
    store.query(school.id, { type: 'pair' }),
    store.query(school.id, { type: 'cycle' }),
    store.query(school.id, { type: 'visit' }),
    store.query(school.id, { type: 'coachTally' }),
    store.query(school.id, { type: 'pairNeed' }),
  ]);
  const names = await namesOf(
    store,
    school.id,
    user.tenantPartition,
    pairs.flatMap((p) => p.memberIds),
  );
  return buildLeaderView({
    school,
    schools: schools.map(schoolRef),
    programmes,
    pairs,
    cycles,
    visits,
    tallies,
    // The pairs' own notes are not even handed to the view.
    needs: needs.map(withoutPairNote),
    names,
    now: request.now,
    locale: request.locale ?? school.locale,
    ...(request.chatLink ? { chatLink: request.chatLink } : {}),
  });
}
