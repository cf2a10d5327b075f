import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DateTime } from 'luxon';
import type { Locale } from '../../../src/domain/entities';
import { nudgeId, isoWeek } from '../../../src/app/nudges/ids';
import { runNudges, type NudgeJobDeps } from '../../../src/app/nudges/run-nudges';
import type { NudgeView } from '../../../src/app/nudges/nudge-view';
import { snoozePair } from '../../../src/app/nudges/snooze';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { anonymousToken } from '../../../src/domain/anonymous';
import type { Store } from '../../../src/store/store';
import { renderNudgeMessage } from '../../../src/teams/features/nudges/nudge-card';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  buildVisit,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
  utc,
} from '../../domain/builders';
import { CrashError, everyoneReachable, mapDirectory, MovableClock, RecordingMessenger, seed } from '../../jobs/fakes';

describe("runNudges (app): nudges in the leader's name to pairs that are behind", () => {
  let dir: string;
  let store: Store;
  let messenger: RecordingMessenger;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweetal-nudges-'));
    store = new SqliteStore(path.join(dir, 'db.sqlite'));
    await store.init();
    messenger = new RecordingMessenger();
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const deps = (now: () => DateTime, overrides: Partial<NudgeJobDeps> = {}): NudgeJobDeps => ({
    store,
    messenger,
    holder: 'instance-1',
    wallNow: now,
    claimMs: 60_000,
    directory: everyoneReachable([TEACHER_A, TEACHER_B]),
    render: (view: NudgeView, locale: Locale) => renderNudgeMessage(view, locale),
    ...overrides,
  });

  /** A pair without any visit, paired on Monday 2 February 2026 (7 days to plan a visit). */
  async function pairWithoutVisit(
    programme = buildProgramme({ nudgePersonalLine: 'Ik kom in mei weer langs!' }),
  ): Promise<void> {
    await seed(store, [buildSchool(), programme, buildPair(), buildCycle()]);
  }

  it('should nudge both members once, signed with the sender name and personal line, with a button to plan a visit, when no visit was planned 7 days after pairing', async () => {
    await pairWithoutVisit();
    const now = at('2026-02-10T10:00'); // Tuesday
    const report = await runNudges(
      deps(() => now),
      now,
    );
    assert.equal(report.sent, 2);
    assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [TEACHER_A, TEACHER_B]);
    const card = JSON.stringify(messenger.to(TEACHER_A)[0]!.message.card);
    assert.match(card, /Een berichtje van Koos/);
    assert.match(card, /Ik kom in mei weer langs!/);
    assert.match(card, /"verb":"visit\.plan/);
    assert.match(card, /"verb":"nudge\.snooze"/);
    assert.match(card, /Name of teacher-b/, 'names the partner');
    const stored = await store.read(
      SCHOOL_ID,
      'nudge',
      nudgeId(SCHOOL_ID, 'pair-1', 'noVisitPlanned', TEACHER_A, isoWeek(now, 'Europe/Amsterdam')),
    );
    assert.equal(stored?.status, 'sent');
    assert.equal(stored?.claimedBy, undefined);
  });

  it('should not nudge a member who deleted their data (anonymised), only the partner who can still act', async () => {
    const gone = anonymousToken('0123456789abcdef0123456789abcdef');
    await seed(store, [
      buildSchool(),
      buildProgramme(),
      buildPair({ memberIds: [TEACHER_A, gone], personIds: [TEACHER_A, gone] }),
      buildCycle({ personIds: [TEACHER_A, gone] }),
    ]);
    const now = at('2026-02-10T10:00');
    const report = await runNudges(
      deps(() => now, { directory: everyoneReachable([TEACHER_A, gone]) }),
      now,
    );
    assert.deepEqual(
      messenger.sent.map((m) => m.userId),
      [TEACHER_A],
    );
    assert.equal(report.sent, 1);
  });

  it('should not nudge before the threshold is reached (6 days after pairing)', async () => {
    await pairWithoutVisit();
    const report = await runNudges(
      deps(() => at('2026-02-08T10:00')),
      at('2026-02-06T10:00'),
    );
    assert.equal(report.sent, 0);
    assert.equal(messenger.sent.length, 0);
  });

  for (const [label, moment] of [
    ['on a Saturday', '2026-02-14T10:00'],
    ['on a Sunday', '2026-02-15T10:00'],
    ['before school hours (07:59)', '2026-02-10T07:59'],
    ['after school hours (17:00)', '2026-02-10T17:00'],
    ['at night', '2026-02-11T02:00'],
  ] as const) {
    it(`should send nothing ${label} in the school's time zone`, async () => {
      await pairWithoutVisit();
      const now = at(moment);
      const report = await runNudges(
        deps(() => now),
        now,
      );
      assert.equal(messenger.sent.length, 0);
      assert.equal(report.quietProgrammes, 1);
      assert.deepEqual(await store.query(SCHOOL_ID, { type: 'nudge' }), [], 'writes no nudge record either');
    });
  }

  it("should send nothing during the programme's quiet period (school holiday), and again after it", async () => {
    await pairWithoutVisit(
      buildProgramme({ quietPeriods: [{ start: '2026-02-14', end: '2026-02-22', label: 'Voorjaarsvakantie' }] }),
    );
    await runNudges(
      deps(() => at('2026-02-16T10:00')),
      at('2026-02-16T10:00'),
    );
    assert.equal(messenger.sent.length, 0);
    await runNudges(
      deps(() => at('2026-02-23T10:00')),
      at('2026-02-23T10:00'),
    );
    assert.equal(messenger.sent.length, 2);
  });

  it('should follow school hours across the DST change: 08:30 Amsterdam on the Monday after the spring change is 06:30 UTC', async () => {
    await pairWithoutVisit();
    const before = at('2026-03-30T07:45'); // 05:45 UTC: still before school in Amsterdam
    await runNudges(
      deps(() => before),
      before,
    );
    assert.equal(messenger.sent.length, 0);
    const open = at('2026-03-30T08:30');
    assert.equal(open.toUTC().hour, 6);
    await runNudges(
      deps(() => open),
      open,
    );
    assert.equal(messenger.sent.length, 2);
  });

  it('should never send the same nudge twice when the job runs again in the same week', async () => {
    await pairWithoutVisit();
    const now = at('2026-02-10T10:00');
    await runNudges(
      deps(() => now),
      now,
    );
    const again = await runNudges(
      deps(() => now.plus({ hours: 2 })),
      now.plus({ hours: 2 }),
    );
    assert.equal(messenger.sent.length, 2);
    assert.equal(again.sent, 0);
  });

  it('should hold a person back until minDaysBetweenNudges calendar days have passed, even for another kind', async () => {
    // Monday: no visit planned → nudge. Then a visit is confirmed and takes place; the observer owes an observation.
    await pairWithoutVisit(buildProgramme({ thresholds: { minDaysBetweenNudges: 3, noObservationDays: 1 } }));
    const monday = at('2026-02-16T09:00');
    await runNudges(
      deps(() => monday),
      monday,
    );
    assert.equal(messenger.to(TEACHER_A).length, 1);
    await seed(store, [
      buildVisit({ state: 'confirmed', startsAt: utc('2026-02-16T11:00'), updatedAt: utc('2026-02-16T09:30') }),
    ]);
    const wednesday = at('2026-02-18T16:00');
    const held = await runNudges(
      deps(() => wednesday),
      wednesday,
    );
    assert.equal(held.spaced, 1);
    assert.equal(messenger.to(TEACHER_A).length, 1);
    const thursday = at('2026-02-19T08:05');
    await runNudges(
      deps(() => thursday),
      thursday,
    );
    assert.equal(messenger.to(TEACHER_A).length, 2);
    assert.match(JSON.stringify(messenger.to(TEACHER_A)[1]!.message.card), /observation\.open/);
    assert.equal(messenger.to(TEACHER_B).length, 1, 'the observed teacher cannot act on the observation');
  });

  it('should send nothing to a snoozed pair, and let only a member snooze it', async () => {
    await pairWithoutVisit();
    const now = at('2026-02-10T10:00');
    const refused = await snoozePair(store, SCHOOL_ID, 'pair-1', 'leader-1', now);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.code, 'NOT_A_PAIR_MEMBER');
    const snoozed = await snoozePair(store, SCHOOL_ID, 'pair-1', TEACHER_B, now);
    assert.ok(snoozed.ok);
    await runNudges(
      deps(() => now),
      now,
    );
    assert.equal(messenger.sent.length, 0);
    const weekLater = at('2026-02-17T10:01');
    await runNudges(
      deps(() => weekLater),
      weekLater,
    );
    assert.equal(messenger.sent.length, 2, 'nudged again once the week is over');
  });

  it('should not send to a person Tweetal cannot reach', async () => {
    await pairWithoutVisit();
    const now = at('2026-02-10T10:00');
    const report = await runNudges(
      deps(() => now, {
        directory: mapDirectory([
          { userId: TEACHER_A, name: 'A', reachable: true },
          { userId: TEACHER_B, name: 'B', reachable: false },
        ]),
      }),
      now,
    );
    assert.deepEqual(
      messenger.sent.map((m) => m.userId),
      [TEACHER_A],
    );
    assert.equal(report.unreachable, 1);
  });

  it('should count a person with no stored conversation reference unreachable, without attempting or recording a nudge', async () => {
    await pairWithoutVisit();
    const now = at('2026-02-10T10:00');
    const report = await runNudges(
      deps(() => now, { directory: mapDirectory([{ userId: TEACHER_A, name: 'A', reachable: true }]) }),
      now,
    );
    assert.deepEqual(
      messenger.sent.map((m) => m.userId),
      [TEACHER_A],
      'nothing attempted for teacher B',
    );
    assert.equal(report.unreachable, 1);
    assert.equal(report.sent, 1);
    const records = await store.query(SCHOOL_ID, { type: 'nudge' });
    assert.deepEqual(
      records.map((r) => r.recipientId),
      [TEACHER_A],
      'no record for someone who cannot be reached',
    );
  });

  it('should resume after a crash after k sends: a restart sends the rest, none twice, none skipped', async () => {
    const pairs = [1, 2, 3, 4].map((n) => buildPair({ id: `pair-${n}`, memberIds: [`t${n}a`, `t${n}b`] }));
    await seed(store, [buildSchool(), buildProgramme(), ...pairs]);
    const all = pairs.flatMap((p) => p.memberIds);
    const now = at('2026-02-10T10:00');
    const wall = new MovableClock(now);
    messenger.crashAfter = 3;
    await assert.rejects(runNudges(deps(wall.now, { directory: everyoneReachable(all) }), now), CrashError);
    assert.equal(messenger.sent.length, 3);
    messenger.crashAfter = undefined;
    // Another instance restarts within the claim time: it does not touch the claimed nudges yet —
    // the one in flight and the four the crashed run had claimed with it (a school's nudges are
    // claimed together, in one write, before the first is sent).
    const early = await runNudges(deps(wall.now, { holder: 'instance-2', directory: everyoneReachable(all) }), now);
    assert.equal(early.busy, 5);
    assert.equal(early.sent, 0);
    wall.advance(61_000);
    const resumed = await runNudges(deps(wall.now, { holder: 'instance-2', directory: everyoneReachable(all) }), now);
    assert.equal(resumed.sent, 8 - 3 - early.sent);
    const recipients = messenger.sent.map((m) => m.userId).sort();
    assert.deepEqual(recipients, [...all].sort(), 'each member exactly once');
    const records = await store.query(SCHOOL_ID, { type: 'nudge' });
    assert.deepEqual(
      records.map((r) => r.status),
      Array(8).fill('sent'),
    );
  });

  it('should send each nudge once when two runners work on one store at the same time', async () => {
    const pairs = [1, 2, 3, 4, 5].map((n) => buildPair({ id: `pair-${n}`, memberIds: [`t${n}a`, `t${n}b`] }));
    await seed(store, [buildSchool(), buildProgramme(), ...pairs]);
    const all = pairs.flatMap((p) => p.memberIds);
    const now = at('2026-02-10T10:00');
    messenger.interleave = true;
    const [one, two] = await Promise.all([
      runNudges(
        deps(() => now, { holder: 'instance-1', directory: everyoneReachable(all) }),
        now,
      ),
      runNudges(
        deps(() => now, { holder: 'instance-2', directory: everyoneReachable(all) }),
        now,
      ),
    ]);
    assert.equal(one.sent + two.sent, 10);
    assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [...all].sort());
  });
});
