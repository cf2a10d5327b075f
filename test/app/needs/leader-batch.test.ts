/**
 * The leaders' daily 1:1 message about what pairs need (issue 15 item 2), on both stores (SQLite
 * and the Cosmos DB API server on 127.0.0.1): one message per programme, leader and school day
 * with the new requests — names, categories, since when, by when, never the pair's note — sent
 * once, also by two instances at once, and resumed after a crash with the same requests.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DateTime } from 'luxon';
import { runNeedsBatch, type NeedsBatchDeps } from '../../../src/app/needs/leader-batch';
import type { PairNeed } from '../../../src/domain/entities';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { renderNeedsBatchMessage } from '../../../src/teams/features/needs/leader-card';
import {
  at,
  buildPair,
  buildProfile,
  buildProgramme,
  buildSchool,
  LEADER,
  SCHOOL_ID,
  utc,
} from '../../domain/builders';
import { CrashError, everyoneReachable, MovableClock, RecordingMessenger, seed } from '../../jobs/fakes';
import { startLocalCosmos, type LocalCosmos } from '../../store/cosmos-server';
import { buildPairNeed } from '../../store/builders';

const LEADER_2 = 'leader-2';
const NOTE = 'Geheim-notitie-van-het-tweetal';
/** Tuesday 10 March 2026, 10:00 in Amsterdam: a school day, within school hours. */
const TUESDAY = at('2026-03-10T10:00');

const need = (o: Partial<PairNeed> = {}): PairNeed =>
  buildPairNeed({
    schoolId: SCHOOL_ID,
    programmeId: 'programme-1',
    pairId: 'pair-1',
    id: 'need:pair-1:noVisitPlanned:1',
    personIds: ['teacher-a', 'teacher-b'],
    categories: ['coverNeeded', 'workload'],
    neededBy: '2026-03-13',
    requestedBy: 'teacher-a',
    requestedAt: utc('2026-03-09T15:00'),
    pairNote: NOTE,
    status: 'open',
    ...o,
  });

async function world(store: Store): Promise<void> {
  await seed(store, [
    buildSchool({ leaderIds: [LEADER, LEADER_2] }),
    buildProgramme({ theme: 'Activerende didactiek' }),
    buildPair({ id: 'pair-1', memberIds: ['teacher-a', 'teacher-b'] }),
    buildPair({ id: 'pair-2', memberIds: ['teacher-c', 'teacher-d'] }),
    buildProfile({ id: 'profile-a', userId: 'teacher-a', name: 'Anna de Vries', personIds: ['teacher-a'] }),
    buildProfile({ id: 'profile-b', userId: 'teacher-b', name: 'Bram Jansen', personIds: ['teacher-b'] }),
    need(),
    need({
      id: 'need:pair-2:noObservation:1',
      pairId: 'pair-2',
      personIds: ['teacher-c', 'teacher-d'],
      step: 'noObservation',
      categories: ['timetableClash'],
      neededBy: undefined,
      requestedAt: utc('2026-03-10T08:30'),
      pairNote: undefined,
    }),
    // Of a pair a switch closed: it waits for nothing, so it is not sent.
    buildPair({ id: 'pair-9', memberIds: ['teacher-a', 'teacher-d'], status: 'closed' }),
    need({ id: 'need:pair-9:noVisitPlanned:1', pairId: 'pair-9', personIds: ['teacher-a', 'teacher-d'] }),
    // Answered before any message: not sent at all.
    need({
      id: 'need:pair-2:noVisitPlanned:1',
      pairId: 'pair-2',
      personIds: ['teacher-c', 'teacher-d'],
      status: 'arranged',
      answeredBy: LEADER,
      answeredAt: utc('2026-03-09T16:00'),
    }),
  ]);
}

const people = ['teacher-a', 'teacher-b', 'teacher-c', 'teacher-d', LEADER, LEADER_2];

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

for (const kind of ['sqlite', 'cosmos'] as const) {
  describe(`the leaders' daily message about what pairs need (${kind})`, function () {
    this.timeout(60_000);
    let dir: string;
    let cosmos: LocalCosmos | undefined;
    let databases = 0;
    const opened: Store[] = [];

    before(async () => {
      if (kind === 'cosmos') cosmos = await startLocalCosmos();
    });
    after(async () => {
      await cosmos?.close();
    });
    let database = '';
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-needs-batch-'));
      database = `tweetal-needs-${++databases}`;
    });
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    /** A client of the one store (a second call: a second instance on the same data). */
    async function client(): Promise<Store> {
      const store: Store =
        kind === 'sqlite'
          ? new SqliteStore(path.join(dir, 'shared.db'))
          : new CosmosStore({
              endpoint: cosmos!.endpoint,
              key: 'local-test-key',
              database,
              container: 'documents',
              allowSelfSigned: true,
            });
      await store.init();
      opened.push(store);
      return store;
    }

    const deps = (
      store: Store,
      messenger: RecordingMessenger,
      holder: string,
      wall: () => DateTime,
      locale: 'nl' | 'en' = 'nl',
    ): NeedsBatchDeps => ({
      store,
      messenger,
      holder,
      wallNow: wall,
      claimMs: 60_000,
      directory: everyoneReachable(people, locale),
      render: renderNeedsBatchMessage,
    });

    it('should send each leader one message with the new requests (names, categories, since, by when) and never the pair’s note when the day’s run comes', async () => {
      const store = await client();
      await world(store);
      const messenger = new RecordingMessenger();
      const report = await runNeedsBatch(
        deps(store, messenger, 'run-1', () => TUESDAY),
        TUESDAY,
      );
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [LEADER, LEADER_2]);
      assert.equal(report.requests, 2);
      const text = cardText(messenger.to(LEADER)[0]!.message.card);
      assert.match(text, /2 tweetallen hebben iets nodig/);
      assert.match(text, /Anna de Vries en Bram Jansen/);
      assert.match(text, /Vervanging nodig voor de klas en werkdruk/);
      assert.match(text, /Sinds maandag 9 maart/);
      assert.match(text, /Nodig vóór vrijdag 13 maart/);
      assert.match(text, /Roosterbotsing met de les van de collega/);
      assert.match(text, /"verb":"need.arrange"/);
      assert.match(text, /"verb":"need.decline"/);
      assert.ok(!text.includes(NOTE), 'the pair’s note never reaches the leader');
      assert.ok(!text.includes('need:pair-2:noVisitPlanned:1'), 'an answered request is not sent');
      assert.ok(!text.includes('need:pair-9'), 'nor one of a closed pair');
      const marked = await store.query(SCHOOL_ID, { type: 'pairNeed', where: { leaderToldOn: '2026-03-10' } });
      assert.deepEqual(marked.map((n) => n.id).sort(), ['need:pair-1:noVisitPlanned:1', 'need:pair-2:noObservation:1']);
    });

    it('should write the message in each leader’s own language', async () => {
      const store = await client();
      await world(store);
      const messenger = new RecordingMessenger();
      await runNeedsBatch(
        deps(store, messenger, 'run-1', () => TUESDAY, 'en'),
        TUESDAY,
      );
      const text = cardText(messenger.to(LEADER)[0]!.message.card);
      assert.match(text, /2 pairs need something/);
      assert.match(text, /Cover needed for the class and workload/);
      assert.match(text, /Since Monday 9 March/);
      assert.match(text, /Needed by Friday 13 March/);
    });

    it('should send nothing twice when two instances run at once, a later run of the day, or the next day', async () => {
      const a = await client();
      const b = await client();
      await world(a);
      const messenger = new RecordingMessenger();
      messenger.interleave = true;
      await Promise.all([
        runNeedsBatch(
          deps(a, messenger, 'run-a', () => TUESDAY),
          TUESDAY,
        ),
        runNeedsBatch(
          deps(b, messenger, 'run-b', () => TUESDAY),
          TUESDAY,
        ),
      ]);
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [LEADER, LEADER_2]);
      const later = TUESDAY.plus({ hours: 3 });
      const again = await runNeedsBatch(
        deps(b, messenger, 'run-c', () => later),
        later,
      );
      assert.equal(again.done, 2);
      const wednesday = TUESDAY.plus({ days: 1 });
      await runNeedsBatch(
        deps(a, messenger, 'run-d', () => wednesday),
        wednesday,
      );
      assert.equal(messenger.sent.length, 2, 'the requests were in Tuesday’s message: nothing new on Wednesday');
    });

    it('should take a request made after the day’s message into the next school day’s message, not into a second one that day', async () => {
      const store = await client();
      await world(store);
      const messenger = new RecordingMessenger();
      await runNeedsBatch(
        deps(store, messenger, 'run-1', () => TUESDAY),
        TUESDAY,
      );
      await store.create(
        need({
          id: 'need:pair-1:noObservation:1',
          step: 'noObservation',
          categories: ['noFreeTime'],
          requestedAt: utc('2026-03-10T11:00'),
          pairNote: undefined,
        }),
      );
      const afternoon = TUESDAY.plus({ hours: 4 });
      await runNeedsBatch(
        deps(store, messenger, 'run-2', () => afternoon),
        afternoon,
      );
      assert.equal(messenger.sent.length, 2, 'one message per leader and day');
      const wednesday = TUESDAY.plus({ days: 1 });
      await runNeedsBatch(
        deps(store, messenger, 'run-3', () => wednesday),
        wednesday,
      );
      assert.equal(messenger.sent.length, 4);
      const text = cardText(messenger.to(LEADER)[1]!.message.card);
      assert.match(text, /Een tweetal heeft iets nodig/);
      assert.match(text, /Geen vrije tijd in het rooster om te kijken/);
      assert.ok(!text.includes('Vervanging'), 'Tuesday’s requests are not repeated');
    });

    it('should send nothing on a weekend or outside school hours and bring Friday evening’s request on Monday morning', async () => {
      const store = await client();
      await world(store);
      const messenger = new RecordingMessenger();
      for (const quiet of [at('2026-03-13T18:00'), at('2026-03-14T10:00'), at('2026-03-16T07:00')])
        await runNeedsBatch(
          deps(store, messenger, `run-${quiet.toMillis()}`, () => quiet),
          quiet,
        );
      assert.equal(messenger.sent.length, 0);
      const monday = at('2026-03-16T08:30');
      await runNeedsBatch(
        deps(store, messenger, 'run-monday', () => monday),
        monday,
      );
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [LEADER, LEADER_2]);
    });

    it('should resume after a crash mid-fan-out with the same requests and send the rest once', async () => {
      const a = await client();
      const b = await client();
      await world(a);
      const messenger = new RecordingMessenger();
      messenger.crashAfter = 1;
      const wall = new MovableClock(TUESDAY);
      await assert.rejects(runNeedsBatch(deps(a, messenger, 'run-a', wall.now), TUESDAY), CrashError);
      messenger.crashAfter = undefined;
      // A request made meanwhile waits for the next day: the day's message exists already.
      await a.create(
        need({
          id: 'need:pair-1:noObservation:1',
          step: 'noObservation',
          categories: ['noFreeTime'],
          pairNote: undefined,
        }),
      );
      wall.advance(61_000); // the crashed run's claim expired
      await runNeedsBatch(deps(b, messenger, 'run-b', wall.now), TUESDAY);
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [LEADER, LEADER_2], 'no duplicate, no gap');
      const [first, second] = messenger.sent.map((m) => cardText(m.message.card));
      assert.match(second!, /2 tweetallen hebben iets nodig/);
      assert.ok(!second!.includes('Geen vrije tijd'), 'the same requests as the first leader got');
      assert.match(first!, /2 tweetallen hebben iets nodig/);
    });
  });
}
