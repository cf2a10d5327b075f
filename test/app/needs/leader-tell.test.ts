/**
 * Telling the pair a leader's answer (issue 15), on both stores (SQLite and the Cosmos DB API
 * server), fake clock: one send record per member, claimed before the send; a retryable failure
 * or a crash after the claim is finished by the needs job, and each member is told exactly once,
 * also when two answers tell at once or Teams retries.
 */
import { strict as assert } from 'node:assert';
import {
  pairAnswerText,
  tellPairTheAnswer,
  TELL_CLAIM_MS,
  type TellPairDeps,
} from '../../../src/app/needs/leader-answer';
import { runNeedsBatch, type NeedsBatchDeps } from '../../../src/app/needs/leader-batch';
import type { OutgoingMessage, SendOutcome } from '../../../src/app/messenger';
import { needAnswerId } from '../../../src/app/nudges/ids';
import type { Digest, PairNeed } from '../../../src/domain/entities';
import type { Store } from '../../../src/store/store';
import { renderNeedsBatchMessage } from '../../../src/teams/features/needs/leader-card';
import { at, buildPair, buildProgramme, buildSchool, LEADER, SCHOOL_ID, utc } from '../../domain/builders';
import { CrashError, everyoneReachable, MovableClock, RecordingMessenger, seed } from '../../jobs/fakes';
import { buildPairNeed } from '../../store/builders';
import { NEED_STORE_KINDS, openStore, stopNeedStores } from './stores';

const NEED_ID = 'need:pair-1:noVisitPlanned:1';
const MEMBERS = ['teacher-a', 'teacher-b'];
/** Tuesday 10 March 2026, 10:00 in Amsterdam: a school day, within school hours. */
const TUESDAY = at('2026-03-10T10:00');
const MINUTE = 60_000;

/** Records what went out; fails retryably (throttled after the sender's retries) for the people in `throttled`. */
class ThrottlingMessenger extends RecordingMessenger {
  readonly throttled = new Set<string>();

  override async sendToPerson(tenantId: string, userId: string, message: OutgoingMessage): Promise<SendOutcome> {
    if (this.throttled.has(userId)) return { status: 'failed', retryable: true, attempts: 4, reason: 'throttled' };
    return super.sendToPerson(tenantId, userId, message);
  }
}

const answered = (): PairNeed =>
  buildPairNeed({
    schoolId: SCHOOL_ID,
    programmeId: 'programme-1',
    pairId: 'pair-1',
    id: NEED_ID,
    personIds: MEMBERS,
    categories: ['coverNeeded'],
    requestedBy: 'teacher-a',
    requestedAt: utc('2026-03-09T15:00'),
    status: 'arranged',
    answeredBy: LEADER,
    answeredAt: utc('2026-03-10T09:55'),
    leaderLine: 'Donderdag neemt Piet je klas over.',
    leaderToldOn: '2026-03-09',
  });

for (const kind of NEED_STORE_KINDS) {
  describe(`telling the pair a leader's answer, once (${kind})`, function () {
    this.timeout(60_000);
    let store: Store;
    let cleanup: () => Promise<void>;
    let clock: MovableClock;
    let messenger: ThrottlingMessenger;

    after(stopNeedStores);
    beforeEach(async () => {
      ({ store, cleanup } = await openStore(kind));
      clock = new MovableClock(TUESDAY);
      messenger = new ThrottlingMessenger();
      await seed(store, [
        buildSchool({ leaderIds: [LEADER] }),
        buildProgramme({ theme: 'Activerende didactiek' }),
        buildPair({ id: 'pair-1', memberIds: MEMBERS }),
        answered(),
      ]);
    });
    afterEach(() => cleanup());

    const directory = everyoneReachable([...MEMBERS, LEADER]);
    const tellDeps = (): TellPairDeps => ({ store, messenger, directory, wallNow: clock.now });
    const tell = () => tellPairTheAnswer(tellDeps(), buildSchool(), NEED_ID, clock.now(), 'Lea Leider');
    const needsRun = (holder: string) => {
      const deps: NeedsBatchDeps = {
        store,
        messenger,
        holder,
        wallNow: clock.now,
        claimMs: 60_000,
        directory,
        render: renderNeedsBatchMessage,
      };
      return runNeedsBatch(deps, clock.now());
    };
    const told = (memberId: string) => messenger.to(memberId).length;
    const record = async (memberId: string): Promise<Digest | undefined> =>
      store.read(SCHOOL_ID, 'digest', needAnswerId(SCHOOL_ID, NEED_ID, memberId));
    /** The text as `pairAnswerText` builds it (the leader's Teams name by the one rule). */
    const expectedText = pairAnswerText(answered(), 'Name of leader-1', 'nl');

    it('should tell a member whose send failed retryably at the next needs run, once, and send nothing on a third run', async () => {
      messenger.throttled.add('teacher-a');
      await tell();
      assert.equal(told('teacher-a'), 0);
      assert.equal(told('teacher-b'), 1);
      assert.equal((await record('teacher-a'))?.status, 'retry');
      assert.ok((await store.read(SCHOOL_ID, 'pairNeed', NEED_ID))?.pairToldAt, 'pairToldAt marks the records written');

      messenger.throttled.clear();
      clock.advance(15 * MINUTE);
      await needsRun('run-1');
      assert.equal(told('teacher-a'), 1);
      assert.equal(told('teacher-b'), 1);
      assert.equal(messenger.to('teacher-a')[0]!.message.text, expectedText);
      assert.equal((await record('teacher-a'))?.status, 'sent');

      clock.advance(60 * MINUTE);
      await needsRun('run-2');
      assert.equal(messenger.sent.length, 2);
    });

    it('should leave the record pending when the messenger throws after the claim, and send it once after the claim expired', async () => {
      messenger.crashAfter = 0;
      await assert.rejects(tell(), CrashError);
      assert.equal(messenger.sent.length, 0);
      assert.equal((await record('teacher-a'))?.status, 'pending');
      assert.equal((await record('teacher-b'))?.status, 'pending');

      messenger.crashAfter = undefined;
      clock.advance(MINUTE);
      await needsRun('run-1');
      assert.equal(messenger.sent.length, 0, 'the claim still holds: nothing sent');

      clock.advance(TELL_CLAIM_MS);
      await needsRun('run-2');
      assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), MEMBERS);
      assert.equal(messenger.sent[0]!.message.text, expectedText);

      clock.advance(60 * MINUTE);
      await needsRun('run-3');
      await tell(); // a late Teams retry of the answer
      assert.equal(messenger.sent.length, 2);
    });

    it('should tell each member once when two answers tell at once, Teams retries and two needs runs go at once', async () => {
      messenger.interleave = true;
      messenger.throttled.add('teacher-b');
      await Promise.all([tell(), tell()]);
      assert.equal(told('teacher-a'), 1);
      assert.equal(told('teacher-b'), 0);

      messenger.throttled.clear();
      await tell(); // a Teams retry of the answer
      clock.advance(15 * MINUTE);
      await Promise.all([needsRun('run-1'), needsRun('run-2'), tell()]);
      clock.advance(60 * MINUTE);
      await needsRun('run-3');
      assert.equal(told('teacher-a'), 1);
      assert.equal(told('teacher-b'), 1);
    });
  });
}
