import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { DateTime } from 'luxon';
import { buildDigest } from '../../../src/app/digest/build-digest';
import { digestView } from '../../../src/app/digest/digest-view';
import { isDigestDue, runDigest, type DigestJobDeps } from '../../../src/app/digest/run-digest';
import { createLogger } from '../../../src/logging/logger';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { renderDigestMessage } from '../../../src/teams/features/digest/digest-card';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  buildVisit,
  LEADER,
  SCHOOL_ID,
  utc,
} from '../../domain/builders';
import { everyoneReachable, mapDirectory, RecordingMessenger, seed } from '../../jobs/fakes';

const ZONE = 'Europe/Amsterdam';

describe('digest (app): completion only, weekly, once per leader and week', () => {
  let dir: string;
  let store: Store;
  let messenger: RecordingMessenger;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-digest-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    messenger = new RecordingMessenger();
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const people = ['teacher-a', 'teacher-b', 'teacher-c', 'teacher-d', 'teacher-e', 'teacher-f', LEADER];
  const deps = (now: () => DateTime, overrides: Partial<DigestJobDeps> = {}): DigestJobDeps => ({
    store,
    messenger,
    holder: 'instance-1',
    wallNow: now,
    claimMs: 60_000,
    directory: everyoneReachable(people),
    render: renderDigestMessage,
    ...overrides,
  });

  /** Three pairs: one on track (visit 1 debriefed, visit 2 planned), one behind (nothing planned), one with an unreachable member. */
  async function world(): Promise<void> {
    await seed(store, [
      buildSchool(),
      buildProgramme(),
      buildPair({ id: 'pair-1', memberIds: ['teacher-a', 'teacher-b'] }),
      buildCycle({ id: 'cycle-1', pairId: 'pair-1', visitsCompleted: 1, lastStepAt: utc('2026-03-12T16:00') }),
      buildVisit({ id: 'visit-1', state: 'debriefed' }),
      buildVisit({
        id: 'visit-2',
        sequence: 2,
        state: 'confirmed',
        observerId: 'teacher-b',
        observedId: 'teacher-a',
        startsAt: utc('2026-03-20T10:00'),
      }),
      buildPair({ id: 'pair-2', memberIds: ['teacher-c', 'teacher-d'] }),
      buildCycle({ id: 'cycle-2', pairId: 'pair-2' }),
      buildPair({ id: 'pair-3', memberIds: ['teacher-e', 'teacher-f'] }),
      buildCycle({ id: 'cycle-3', pairId: 'pair-3' }),
    ]);
  }

  it('should count visits done versus agreed, debriefs held, and pairs on track / behind (with step) / unreachable', () => {
    const now = at('2026-03-16T08:00');
    const report = buildDigest({
      programme: buildProgramme(),
      pairs: [
        buildPair({ id: 'pair-1' }),
        buildPair({ id: 'pair-2', memberIds: ['teacher-c', 'teacher-d'] }),
        buildPair({ id: 'pair-3', memberIds: ['teacher-e', 'teacher-f'] }),
      ],
      cycles: [
        buildCycle({ id: 'cycle-1', visitsCompleted: 1, lastStepAt: utc('2026-03-12T16:00') }),
        buildCycle({ id: 'cycle-2', pairId: 'pair-2' }),
        buildCycle({ id: 'cycle-3', pairId: 'pair-3' }),
      ],
      visits: [
        buildVisit({ id: 'visit-1', state: 'debriefed' }),
        buildVisit({ id: 'visit-2', sequence: 2, state: 'confirmed', startsAt: utc('2026-03-20T10:00') }),
      ],
      reachable: (id) => id !== 'teacher-f',
      previous: {
        visitsDone: 0,
        visitsAgreed: 6,
        debriefsHeld: 0,
        pairsOnTrack: 2,
        pairsBehind: 1,
        pairsUnreachable: 0,
      },
      now,
      timezone: ZONE,
    });
    assert.deepEqual(report.counts, {
      visitsDone: 1,
      visitsAgreed: 6,
      debriefsHeld: 1,
      pairsOnTrack: 1,
      pairsBehind: 1,
      pairsUnreachable: 1,
      pairsComplete: 0,
      pairsNotStarted: 0,
      pairsWaitingForSchool: 0,
    });
    assert.deepEqual(
      report.behind.map((p) => [p.pairId, p.step]),
      [['pair-2', 'planVisit']],
    );
    assert.deepEqual(
      report.unreachable.map((p) => [p.pairId, p.unreachableIds]),
      [['pair-3', ['teacher-f']]],
    );
    assert.deepEqual(report.change, {
      visitsDone: 1,
      visitsAgreed: 0,
      debriefsHeld: 1,
      pairsOnTrack: -1,
      pairsBehind: 0,
      pairsUnreachable: 1,
    });
    const view = digestView({
      locale: 'en',
      schoolId: SCHOOL_ID,
      theme: 'effective instruction',
      period: '2026-W12',
      report,
      nameOf: (id) => id.toUpperCase(),
      timezone: ZONE,
      now: at('2026-03-16T08:05'),
    });
    assert.deepEqual(view.behind, [{ names: 'TEACHER-C and TEACHER-D', step: 'plan a visit' }]);
    assert.equal(view.facts[0]!.value, '1 of 6 (+1 since last week)');
  });

  it("should be due from the programme's weekday and hour in the school's zone, also in the week of the DST change", () => {
    const programme = buildProgramme({ digestWeekday: 1, digestHour: 8 });
    assert.equal(isDigestDue(programme, at('2026-03-16T07:59'), ZONE), false);
    assert.equal(isDigestDue(programme, at('2026-03-16T08:00'), ZONE), true);
    assert.equal(
      isDigestDue(programme, at('2026-03-15T23:00'), ZONE),
      true,
      'still due on Sunday (a missed Monday is caught up)',
    );
    // Monday 30 March 2026, the day after the spring change: 08:00 Amsterdam is 06:00 UTC.
    assert.equal(isDigestDue(programme, at('2026-03-30T05:59:00', 'UTC'), ZONE), false);
    assert.equal(isDigestDue(programme, at('2026-03-30T06:00:00', 'UTC'), ZONE), true);
    // Monday 26 October 2026, after the autumn change: 08:00 Amsterdam is 07:00 UTC.
    const autumn = buildProgramme({ endDate: '2026-12-20' });
    assert.equal(isDigestDue(autumn, at('2026-10-26T06:59:00', 'UTC'), ZONE), false);
    assert.equal(isDigestDue(autumn, at('2026-10-26T07:00:00', 'UTC'), ZONE), true);
  });

  it('should send each leader the digest once per week, keep a snapshot, and show the change the week after', async () => {
    await world();
    const monday = at('2026-03-16T08:05');
    const first = await runDigest(
      deps(() => monday),
      monday,
    );
    assert.equal(first.sent, 1);
    assert.equal(messenger.to(LEADER).length, 1);
    const again = await runDigest(
      deps(() => monday.plus({ hours: 3 })),
      monday.plus({ hours: 3 }),
    );
    assert.equal(again.sent, 0);
    assert.equal(again.done, 1);
    assert.equal(messenger.sent.length, 1);
    const snapshots = await store.query(SCHOOL_ID, { type: 'digestSnapshot' });
    assert.equal(snapshots.length, 1);
    assert.equal(snapshots[0]!.period, '2026-W12');
    // Next week pair-2 planned and did a visit.
    await seed(store, [
      buildVisit({
        id: 'visit-3',
        pairId: 'pair-2',
        cycleId: 'cycle-2',
        observerId: 'teacher-c',
        observedId: 'teacher-d',
        state: 'observed',
        startsAt: utc('2026-03-18T10:00'),
        observedAt: utc('2026-03-18T16:00'),
      }),
    ]);
    const nextMonday = at('2026-03-23T09:00');
    await runDigest(
      deps(() => nextMonday),
      nextMonday,
    );
    const card = JSON.stringify(messenger.to(LEADER)[1]!.message.card);
    assert.match(card, /2 van 6 \(\+1 sinds vorige week\)/);
  });

  it('should show the leader the pairs Tweetal cannot reach', async () => {
    await world();
    const monday = at('2026-03-16T08:05');
    await runDigest(
      deps(() => monday, {
        directory: mapDirectory(people.map((userId) => ({ userId, name: userId, reachable: userId !== 'teacher-f' }))),
      }),
      monday,
    );
    const card = JSON.stringify(messenger.to(LEADER)[0]!.message.card);
    assert.match(card, /Tweetallen die ik niet kan bereiken/);
    assert.match(card, /Niet bereikbaar: teacher-f/);
  });

  it('should never put observation, reflection, debrief or visit text in the digest card or the logs', async () => {
    await world();
    const markers = [
      'MARKER-FACTS-7f3a',
      'MARKER-QUESTIONS-1c9e',
      'MARKER-REFLECTION-55d0',
      'MARKER-AGREEMENTS-a2b4',
      'MARKER-NEXTSTEP-9e61',
      'MARKER-FOCUS-0b7d',
      'MARKER-GOAL-3e2f',
      'MARKER-LESSON-c4c4',
    ];
    await seed(store, [
      {
        type: 'observation',
        id: 'obs-1',
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        personIds: ['teacher-a', 'teacher-b'],
        visitId: 'visit-1',
        authorId: 'teacher-a',
        facts: markers[0],
        questions: markers[1],
        postedAt: utc('2026-03-10T16:00'),
      },
      {
        type: 'reflection',
        id: 'refl-1',
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        personIds: ['teacher-a', 'teacher-b'],
        visitId: 'visit-1',
        authorId: 'teacher-b',
        text: markers[2],
        postedAt: utc('2026-03-11T16:00'),
      },
      {
        type: 'debriefNote',
        id: 'note-1',
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        personIds: ['teacher-a', 'teacher-b'],
        visitId: 'visit-1',
        authorId: 'teacher-b',
        agreements: markers[3],
        nextStep: markers[4],
        recordedAt: utc('2026-03-12T16:00'),
      },
      buildVisit({
        id: 'visit-9',
        pairId: 'pair-2',
        cycleId: 'cycle-2',
        observerId: 'teacher-c',
        observedId: 'teacher-d',
        state: 'observed',
        focus: markers[5],
        discussionGoal: markers[6],
        lesson: markers[7],
        startsAt: utc('2026-03-11T10:00'),
        observedAt: utc('2026-03-11T16:00'),
      }),
    ]);
    const lines: string[] = [];
    const logger = createLogger('trace', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const monday = at('2026-03-16T08:05');
    await runDigest(
      deps(() => monday, { logger }),
      monday,
    );
    const rendered = JSON.stringify(messenger.to(LEADER)[0]!.message);
    assert.equal(messenger.sent.length, 1);
    const stored = JSON.stringify([
      ...(await store.query(SCHOOL_ID, { type: 'digest' })),
      ...(await store.query(SCHOOL_ID, { type: 'digestSnapshot' })),
    ]);
    for (const marker of markers) {
      assert.ok(!rendered.includes(marker), `${marker} leaked into the digest card`);
      assert.ok(!lines.join('\n').includes(marker), `${marker} leaked into the logs`);
      assert.ok(!stored.includes(marker), `${marker} leaked into the stored digest records`);
    }
    assert.ok(lines.length > 0, 'the run logged something');
  });

  it("should tell the leader in the digest a month before a programme's texts are erased, and not earlier", async () => {
    await world();
    // The programme ends 2026-06-30; with 30 days of retention its texts go on 2026-07-30.
    const early = at('2026-06-29T08:05');
    await runDigest(
      deps(() => early, { retentionDays: 30 }),
      early,
    );
    assert.doesNotMatch(JSON.stringify(messenger.to(LEADER)[0]!.message.card), /gewist/);
    const monthBefore = at('2026-07-06T08:05');
    await runDigest(
      deps(() => monthBefore, { retentionDays: 30 }),
      monthBefore,
    );
    const card = JSON.stringify(messenger.to(LEADER)[1]!.message.card);
    assert.match(card, /Bewaartermijn/);
    assert.match(card, /worden op donderdag 30 juli gewist/);
    assert.match(card, /De aantallen blijven/);
  });

  it('should not send a digest before the digest moment', async () => {
    await world();
    await runDigest(
      deps(() => at('2026-03-16T07:30')),
      at('2026-03-16T07:30'),
    );
    assert.equal(messenger.sent.length, 0);
  });
});
