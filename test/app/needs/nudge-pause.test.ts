import { strict as assert } from 'node:assert';
import type { DateTime } from 'luxon';
import { arrangeNeed, declineNeed } from '../../../src/app/needs/answer-need';
import { requestNeed } from '../../../src/app/needs/request-need';
import type { NudgeView } from '../../../src/app/nudges/nudge-view';
import { runNudges, type NudgeJobDeps } from '../../../src/app/nudges/run-nudges';
import type { Locale } from '../../../src/domain/entities';
import type { Store } from '../../../src/store/store';
import { renderNudgeMessage } from '../../../src/teams/features/nudges/nudge-card';
import {
  at,
  buildCycle,
  buildPair,
  buildProgramme,
  buildSchool,
  LEADER,
  SCHOOL_ID,
  TEACHER_A,
  TEACHER_B,
} from '../../domain/builders';
import { everyoneReachable, RecordingMessenger, seed } from '../../jobs/fakes';
import { NEED_STORE_KINDS, openStore, stopNeedStores } from './stores';

after(stopNeedStores);

for (const kind of NEED_STORE_KINDS) {
  describe(`nudges pause while a step waits for the school, and resume from the arranged day (${kind})`, function () {
    this.timeout(30_000);
    let store: Store;
    let cleanup: () => Promise<void>;
    let messenger: RecordingMessenger;

    beforeEach(async () => {
      ({ store, cleanup } = await openStore(kind));
      messenger = new RecordingMessenger();
      // Paired Monday 2 February 2026; 7 days to plan a visit, so behind from Monday 9 February.
      await seed(store, [buildSchool(), buildProgramme(), buildPair(), buildCycle()]);
    });
    afterEach(async () => cleanup());

    const run = (now: DateTime) => {
      const deps: NudgeJobDeps = {
        store,
        messenger,
        holder: 'instance-1',
        wallNow: () => now,
        claimMs: 60_000,
        directory: everyoneReachable([TEACHER_A, TEACHER_B]),
        render: (view: NudgeView, locale: Locale) => renderNudgeMessage(view, locale),
      };
      return runNudges(deps, now);
    };
    const block = (now: DateTime) =>
      requestNeed(store, {
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        step: 'noVisitPlanned',
        input: { categories: ['noFreeTime', 'coverNeeded'] },
        userId: TEACHER_A,
        now,
      });

    it('should send no "behind" nudge for the step while its need is open', async () => {
      await block(at('2026-02-05T10:00'));
      const report = await run(at('2026-02-10T10:00'));
      assert.equal(report.sent, 0);
      assert.equal(report.behindPairs, 0);
      assert.deepEqual(messenger.sent, []);
      assert.deepEqual(await store.query(SCHOOL_ID, { type: 'nudge' }), [], 'no nudge record either');
    });

    it('should nudge again only when the threshold has passed since the arranged day', async () => {
      await block(at('2026-02-05T10:00'));
      await arrangeNeed(store, {
        schoolId: SCHOOL_ID,
        needId: 'need:pair-1:noVisitPlanned:1',
        actorId: LEADER,
        now: at('2026-02-16T15:00'),
      });
      assert.equal((await run(at('2026-02-20T10:00'))).sent, 0, '4 days after the arranged day');
      const report = await run(at('2026-02-23T10:00'));
      assert.equal(report.sent, 2, '7 days after the arranged day');
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), [TEACHER_A, TEACHER_B]);
    });

    it('should nudge on the old clock once the school said it cannot be done', async () => {
      await block(at('2026-02-05T10:00'));
      await declineNeed(store, {
        schoolId: SCHOOL_ID,
        needId: 'need:pair-1:noVisitPlanned:1',
        actorId: LEADER,
        reason: 'noCover',
        now: at('2026-02-16T15:00'),
      });
      assert.equal((await run(at('2026-02-17T10:00'))).sent, 2);
    });

    it('should nudge a pair whose need is for another step', async () => {
      await requestNeed(store, {
        schoolId: SCHOOL_ID,
        pairId: 'pair-1',
        step: 'noObservation',
        input: { categories: ['workload'] },
        userId: TEACHER_B,
        now: at('2026-02-05T10:00'),
      });
      assert.equal((await run(at('2026-02-10T10:00'))).sent, 2);
    });
  });
}
