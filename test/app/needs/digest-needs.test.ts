import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import type { DateTime } from 'luxon';
import { runDigest, type DigestJobDeps } from '../../../src/app/digest/run-digest';
import { addMembership } from '../../../src/app/membership';
import { arrangeNeed, declineNeed } from '../../../src/app/needs/answer-need';
import { openNeedsForProgramme } from '../../../src/app/needs/open-needs';
import { requestNeed } from '../../../src/app/needs/request-need';
import { runNudges } from '../../../src/app/nudges/run-nudges';
import { leaderView } from '../../../src/app/tab/queries';
import type { NeedCategory } from '../../../src/domain/entities';
import { createLogger } from '../../../src/logging/logger';
import type { Store } from '../../../src/store/store';
import { renderDigestMessage } from '../../../src/teams/features/digest/digest-card';
import { renderNudgeMessage } from '../../../src/teams/features/nudges/nudge-card';
import { at, buildCycle, buildPair, buildProgramme, buildSchool, LEADER, SCHOOL_ID } from '../../domain/builders';
import { everyoneReachable, RecordingMessenger, seed } from '../../jobs/fakes';
import { NEED_STORE_KINDS, openStore, stopNeedStores } from './stores';

after(stopNeedStores);

const NOTE = 'PAIR-NOTE-8c1d';
const TEACHERS = ['t-1a', 't-1b', 't-2a', 't-2b', 't-3a', 't-3b', 't-4a', 't-4b'];
/** Monday 16 March 2026, after the digest moment (Monday 08:00); nothing planned since pairing on 2 February. */
const MONDAY = at('2026-03-16T08:05');

for (const kind of NEED_STORE_KINDS) {
  describe(`what pairs need, in the digest: waiting for the school, the counts, never the note (${kind})`, function () {
    this.timeout(30_000);
    let store: Store;
    let cleanup: () => Promise<void>;
    let messenger: RecordingMessenger;
    let lines: string[];

    beforeEach(async () => {
      ({ store, cleanup } = await openStore(kind));
      messenger = new RecordingMessenger();
      lines = [];
      const docs: object[] = [buildSchool(), buildProgramme()];
      for (const n of [1, 2, 3, 4]) {
        docs.push(buildPair({ id: `pair-${n}`, memberIds: [`t-${n}a`, `t-${n}b`] }));
        docs.push(buildCycle({ id: `cycle-${n}`, pairId: `pair-${n}`, personIds: [`t-${n}a`, `t-${n}b`] }));
      }
      await seed(store, docs);
    });
    afterEach(async () => cleanup());

    const logger = () =>
      createLogger('trace', new Writable({ write: (chunk, _e, cb) => (lines.push(String(chunk)), cb()) }));
    const deps = (now: DateTime): DigestJobDeps => ({
      store,
      messenger,
      holder: 'instance-1',
      wallNow: () => now,
      claimMs: 60_000,
      directory: everyoneReachable([...TEACHERS, LEADER]),
      render: renderDigestMessage,
      logger: logger(),
    });
    const ask = (pair: number, now: DateTime, categories: NeedCategory[] = ['coverNeeded']) =>
      requestNeed(store, {
        schoolId: SCHOOL_ID,
        pairId: `pair-${pair}`,
        step: 'noVisitPlanned',
        input: { categories, neededBy: '2026-03-27', pairNote: `${NOTE} van tweetal ${pair}` },
        userId: `t-${pair}a`,
        now,
      });
    const needOf = (pair: number) => `need:pair-${pair}:noVisitPlanned:1`;

    /** pair-1 waits (open, asked this week), pair-2 is behind, pair-3 arranged this week, pair-4 declined this week. */
    async function needs(): Promise<void> {
      await ask(1, at('2026-03-10T10:00'));
      await ask(3, at('2026-03-02T10:00'), ['noFreeTime', 'workload']);
      await ask(4, at('2026-03-11T10:00'), ['timetableClash']);
      await arrangeNeed(store, {
        schoolId: SCHOOL_ID,
        needId: needOf(3),
        actorId: LEADER,
        leaderLine: 'Jan neemt dinsdag je klas over.',
        now: at('2026-03-12T12:00'),
      });
      await declineNeed(store, {
        schoolId: SCHOOL_ID,
        needId: needOf(4),
        actorId: LEADER,
        reason: 'budget',
        now: at('2026-03-13T12:00'),
      });
    }

    const facts = (): Record<string, string> => {
      const card = messenger.to(LEADER)[0]!.message.card as {
        body: { type: string; facts?: { title: string; value: string }[] }[];
      };
      return Object.fromEntries(
        card.body.filter((b) => b.type === 'FactSet').flatMap((b) => (b.facts ?? []).map((f) => [f.title, f.value])),
      );
    };

    it('should count a pair whose step waits for the school as waiting, not behind, with the requests in and arranged', async () => {
      await needs();
      await runDigest(deps(MONDAY), MONDAY);
      const shown = facts();
      assert.equal(shown['Tweetallen die wachten op de school'], '1');
      // pair-2 (nothing asked) and pair-4 (declined: the old clock); pair-3 was arranged 4 days ago (a new clock).
      assert.equal(shown['Tweetallen die achterlopen'], '2');
      assert.equal(shown['Verzoeken aan de school, afgelopen week'], '2 binnengekomen, 1 geregeld');
      assert.equal(shown['Verzoeken aan de school, heel het traject'], '3 binnengekomen, 1 geregeld');
      const snapshot = (await store.query(SCHOOL_ID, { type: 'digestSnapshot' }))[0]!;
      assert.equal(snapshot.counts.pairsWaitingForSchool, 1);
      assert.equal(snapshot.counts.pairsBehind, 2);
    });

    it('should show no figure of the requests when fewer than 3 pairs stand behind them', async () => {
      await ask(1, at('2026-03-10T10:00'));
      await ask(2, at('2026-03-11T10:00'));
      await runDigest(deps(MONDAY), MONDAY);
      const shown = facts();
      assert.equal(shown['Verzoeken aan de school, afgelopen week'], 'pas te zien vanaf 3 tweetallen');
      assert.equal(shown['Verzoeken aan de school, heel het traject'], 'pas te zien vanaf 3 tweetallen');
      assert.equal(shown['Tweetallen die wachten op de school'], '2');
    });

    it('should show no line about requests when no pair asked anything', async () => {
      await runDigest(deps(MONDAY), MONDAY);
      const titles = Object.keys(facts());
      assert.ok(!titles.some((t) => /Verzoeken|wachten op de school/.test(t)), titles.join(' | '));
    });

    it("should never let the pair's note reach the digest, its records, the logs, the nudges, the leader tab or the leader's list", async () => {
      await needs();
      await runDigest(deps(MONDAY), MONDAY);
      await runNudges(
        {
          store,
          messenger,
          holder: 'instance-1',
          wallNow: () => MONDAY.plus({ hours: 2 }),
          claimMs: 60_000,
          directory: everyoneReachable([...TEACHERS, LEADER]),
          render: (view, locale) => renderNudgeMessage(view, locale),
          logger: logger(),
        },
        MONDAY.plus({ hours: 2 }),
      );
      assert.ok(messenger.sent.length > 1, 'the digest and some nudges went out');
      await addMembership(store, 'tenant:tenant-1', 'tenant-1', LEADER, SCHOOL_ID, MONDAY);
      const tab = await leaderView(store, {
        user: { userId: LEADER, tenantId: 'tenant-1', tenantPartition: 'tenant:tenant-1' },
        now: MONDAY,
      });
      assert.equal(tab.programmes[0]!.pairsWaitingForSchool, 1);
      const open = await openNeedsForProgramme(store, SCHOOL_ID, 'programme-1');
      assert.equal(open.length, 1);
      const records = [
        ...(await store.query(SCHOOL_ID, { type: 'digest' })),
        ...(await store.query(SCHOOL_ID, { type: 'digestSnapshot' })),
        ...(await store.query(SCHOOL_ID, { type: 'nudge' })),
        ...(await store.query(SCHOOL_ID, { type: 'jobRun' })),
      ];
      const places: Record<string, string> = {
        'the messages sent': JSON.stringify(messenger.sent),
        'the logs': lines.join('\n'),
        'the stored digest and nudge records': JSON.stringify(records),
        'the leader tab': JSON.stringify(tab),
        "the leader's list of open needs": JSON.stringify(open),
      };
      assert.ok(lines.length > 0, 'the runs logged something');
      for (const [where, text] of Object.entries(places)) assert.ok(!text.includes(NOTE), `the note reached ${where}`);
      const stored = await store.read(SCHOOL_ID, 'pairNeed', needOf(1));
      assert.match(stored?.pairNote ?? '', /PAIR-NOTE-8c1d/, 'it stays with the pair');
    });
  });
}
