/**
 * A running Tweetal (HTTP on 127.0.0.1, Bot Connector stand-in) with one school, a programme and
 * a pair with its cycle, on SQLite or on Cosmos DB (cosmosdb-server). People: Anna and Ben (the
 * pair), Carl (a teacher of the same school outside the pair), Lena (the leader) and Olga (a
 * teacher of another school, which has its own pair and visit).
 */
import type { DateTime } from 'luxon';
import { addMembership } from '../../../src/app/membership';
import type { Stored } from '../../../src/store/store';
import { CosmosStore } from '../../../src/store/cosmos-store';
import type { Store } from '../../../src/store/store';
import type { SchoolDocument } from '../../../src/domain/entities';
import { schoolIdFor, tenantPartitionFor } from '../../../src/teams/ids';
import {
  at,
  buildCycle,
  buildPair,
  buildProfile,
  buildProgramme,
  buildSchool,
  buildVisit,
} from '../../domain/builders';
import { startLocalCosmos, type LocalCosmos } from '../../store/cosmos-server';
import { startTestBot, type TestBot } from '../../support/test-bot';
import {
  cardAction,
  person,
  personalInstall,
  personalMessage,
  TEAM_ID,
  TENANT,
  type Person,
} from '../../support/teams-activities';

export type StoreKind = 'sqlite' | 'cosmos';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'cosmos'];

let cosmos: LocalCosmos | undefined;
let databases = 0;

/** Call once per test file: `after(stopLocalCosmos)`. */
export async function stopLocalCosmos(): Promise<void> {
  await cosmos?.close();
  cosmos = undefined;
}

async function cosmosStore(): Promise<Store> {
  cosmos ??= await startLocalCosmos();
  return new CosmosStore({
    endpoint: cosmos.endpoint,
    key: 'local-test-key',
    database: `tweetal-flow-${process.pid}-${++databases}`,
    container: 'documents',
    allowSelfSigned: true,
  });
}

export const OTHER_TEAM = '19:ffffffffffffffffffffffffffffffff@thread.tacv2';

export interface World {
  readonly bot: TestBot;
  readonly schoolId: string;
  readonly otherSchoolId: string;
  readonly anna: Person;
  readonly ben: Person;
  readonly carl: Person;
  readonly lena: Person;
  readonly olga: Person;
  now: DateTime;
  act(
    who: Person,
    verb: string,
    data?: Record<string, unknown>,
    overrides?: Record<string, unknown>,
  ): Promise<{ status: number; body: any }>;
  say(who: Person, text: string, locale?: string): Promise<{ status: number; body: any }>;
  /** Every document of a school (for "nothing changed" assertions), without the volatile version. */
  snapshot(schoolId: string): Promise<unknown[]>;
  stop(): Promise<void>;
}

export async function startWorld(
  kind: StoreKind,
  options: { visitsAgreed?: number; now?: string } = {},
): Promise<World> {
  const store = kind === 'cosmos' ? await cosmosStore() : undefined;
  let now = at(options.now ?? '2026-03-02T10:00');
  const bot = await startTestBot({ store, clock: () => now });
  const schoolId = schoolIdFor(TENANT, TEAM_ID);
  const otherSchoolId = schoolIdFor(TENANT, OTHER_TEAM);
  const [anna, ben, carl, lena, olga] = [
    person(1, 'Anna de Vries'),
    person(2, 'Ben Jansen'),
    person(3, 'Carl Smit'),
    person(4, 'Lena Leider'),
    person(5, 'Olga Anders'),
  ];
  const s = bot.store;
  const id = (p: Person) => p.aadObjectId;
  const agreed = options.visitsAgreed ?? 2;
  await s.create(buildSchool({ id: schoolId, schoolId, tenantId: TENANT, teamId: TEAM_ID, leaderIds: [id(lena)] }));
  await s.create(buildProgramme({ schoolId, visitsPerCycle: agreed }));
  await s.create(buildPair({ schoolId, memberIds: [id(anna), id(ben)] }));
  await s.create(buildCycle({ schoolId, visitsAgreed: agreed }));
  await s.create(buildPair({ id: 'pair-2', schoolId, memberIds: [id(carl), 'teacher-d'] }));
  await s.create(buildCycle({ id: 'cycle-2', pairId: 'pair-2', schoolId }));
  await s.create(
    buildVisit({
      id: 'visit-cycle-2-1',
      schoolId,
      pairId: 'pair-2',
      cycleId: 'cycle-2',
      observerId: id(carl),
      observedId: 'teacher-d',
      personIds: [id(carl), 'teacher-d'],
      state: 'confirmed',
      revision: 1,
    }),
  );
  for (const [p, name] of [
    [anna, 'Anna'],
    [ben, 'Ben'],
    [carl, 'Carl'],
  ] as const) {
    await s.create(buildProfile({ schoolId, userId: id(p), id: `profile-${id(p)}`, name }));
  }
  // Another school in the same tenant, with its own pair and visit.
  await s.create(
    buildSchool({ id: otherSchoolId, schoolId: otherSchoolId, tenantId: TENANT, teamId: OTHER_TEAM, leaderIds: [] }),
  );
  await s.create(buildProgramme({ schoolId: otherSchoolId }));
  await s.create(buildPair({ schoolId: otherSchoolId, memberIds: [id(olga), 'teacher-x'] }));
  await s.create(buildCycle({ schoolId: otherSchoolId }));
  await s.create(
    buildVisit({
      id: 'visit-cycle-1-1',
      schoolId: otherSchoolId,
      observerId: id(olga),
      observedId: 'teacher-x',
      personIds: [id(olga), 'teacher-x'],
      state: 'confirmed',
      revision: 1,
    }),
  );
  const partition = tenantPartitionFor(TENANT);
  for (const p of [anna, ben, carl, lena]) await addMembership(s, partition, TENANT, id(p), schoolId, now);
  await addMembership(s, partition, TENANT, id(olga), otherSchoolId, now);
  for (const p of [anna, ben, carl, lena, olga]) await bot.post(personalInstall(bot.connector.url, p));
  bot.connector.reset();
  const world: World = {
    bot,
    schoolId,
    otherSchoolId,
    anna,
    ben,
    carl,
    lena,
    olga,
    get now() {
      return now;
    },
    set now(value: DateTime) {
      now = value;
    },
    act: (who, verb, data = {}, overrides = {}) =>
      bot.post(
        cardAction(bot.connector.url, who, verb, data, { replyToId: `card-of-${who.aadObjectId}`, ...overrides }),
      ),
    say: (who, text, locale = 'nl-NL') => bot.post(personalMessage(bot.connector.url, who, text, { locale })),
    async snapshot(id: string) {
      const types = [
        'school',
        'programme',
        'pair',
        'cycle',
        'visit',
        'observation',
        'reflection',
        'debriefNote',
        'switchRequest',
        'nudge',
        'profile',
      ] as const;
      const docs: Stored<SchoolDocument>[] = [];
      for (const type of types) docs.push(...((await s.query(id, { type })) as Stored<SchoolDocument>[]));
      return docs
        .map(({ version: _v, ...rest }) => rest as unknown)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    },
    stop: () => bot.stop(),
  };
  return world;
}

/** The default plan submitted from the plan card: Anna observes Ben on Tue 10 March 09:00. */
export function planData(world: World, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    cycleId: 'cycle-1',
    sequence: 1,
    roles: `${world.anna.aadObjectId}|${world.ben.aadObjectId}`,
    date: '2026-03-10',
    time: '09:00',
    lesson: '3B wiskunde',
    focusChoice: 'icalt.clearInstruction',
    focusOther: '',
    discussionGoal: 'hoe controleer ik begrip',
    feedbackPreference: 'questions',
    video: 'false',
    ...overrides,
  };
}

/** Plan (by the observer), confirm, let the moment pass and post the observation: visit `n` is observed. */
export async function observedVisit(
  world: World,
  n: number,
  observer: Person,
  observed: Person,
  day: string,
): Promise<string> {
  const id = `visit-cycle-1-${n}`;
  const roles = `${observer.aadObjectId}|${observed.aadObjectId}`;
  const planned = await world.act(observer, 'visit.plan.submit', planData(world, { sequence: n, roles, date: day }));
  if (planned.status !== 200 || planned.body?.value?.code)
    throw new Error(`plan ${n}: ${JSON.stringify(planned.body)}`);
  const revision = (await world.bot.store.read(world.schoolId, 'visit', id))!.revision;
  await world.act(observed, 'visit.confirm', { visitId: id, revision });
  world.now = at(`${day}T11:00`);
  await world.act(observer, 'observation.submit', { visitId: id, facts: 'Drie leerlingen stonden op.' });
  return id;
}

/** Propose a debrief moment at 15:00 the day after `day` and pick it: the debrief is scheduled. */
export async function scheduledDebrief(world: World, id: string, proposer: Person, picker: Person, day: string) {
  const revision = () => world.bot.store.read(world.schoolId, 'visit', id).then((v) => v!.revision);
  await world.act(proposer, 'debrief.propose.submit', {
    visitId: id,
    revision: await revision(),
    date1: day,
    time1: '15:00',
  });
  await world.act(picker, 'debrief.pick', {
    visitId: id,
    revision: await revision(),
    moment: at(`${day}T15:00`).toUTC().toISO(),
  });
}

/** A whole visit up to its recorded debrief, the clock left after the debrief. */
export async function debriefedVisit(
  world: World,
  n: number,
  observer: Person,
  observed: Person,
  day: string,
  debriefDay: string,
): Promise<string> {
  const id = await observedVisit(world, n, observer, observed, day);
  await scheduledDebrief(world, id, observer, observed, debriefDay);
  world.now = at(`${debriefDay}T16:00`);
  await world.act(observed, 'debrief.record.submit', {
    visitId: id,
    agreements: 'Kortere instructie',
    nextStep: 'Check',
  });
  return id;
}

/** Make pair-1 a trio of Anna, Ben and Carl (Carl leaves pair-2), with 3 visits agreed. */
export async function makeTrio(world: World): Promise<void> {
  const s = world.bot.store;
  const trio = [world.anna, world.ben, world.carl].map((p) => p.aadObjectId);
  const pair = (await s.read(world.schoolId, 'pair', 'pair-1'))!;
  await s.replace({ ...pair, memberIds: trio, personIds: trio });
  const other = (await s.read(world.schoolId, 'pair', 'pair-2'))!;
  await s.replace({ ...other, status: 'closed' });
  const cycle = (await s.read(world.schoolId, 'cycle', 'cycle-1'))!;
  await s.replace({ ...cycle, visitsAgreed: 3 });
}
