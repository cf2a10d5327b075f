import { strict as assert } from 'node:assert';
import type { DocumentType } from '../../src/domain/entities';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { TENANT } from '../support/teams-activities';
import { actionData, cardOf, cardText, composePairs, LEADER, SCHOOL_ID, setUpProgramme, startWorld, STORE_KINDS, TEACHERS, type World } from './programme-world';

const [anna] = TEACHERS;
const ALL_TYPES: DocumentType[] = ['school', 'programme', 'profile', 'pair', 'cycle', 'visit', 'observation', 'reflection', 'debriefNote', 'switchRequest', 'nudge'];

for (const kind of STORE_KINDS) {
  describe(`my data: export and delete over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    let partnerId: string;
    let otherPairId: string;

    beforeEach(async () => {
      world = await startWorld(kind);
      await setUpProgramme(world);
      const pairs = await composePairs(world);
      const mine = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      otherPairId = pairs.find((p) => p.id !== mine.id)!.id;
      partnerId = mine.memberIds.find((id) => id !== anna.aadObjectId)!;
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: mine.id });
      await world.store.replace({ ...cycle!, visitsCompleted: 1 });
      const base = { schoolId: SCHOOL_ID, pairId: mine.id, personIds: [anna.aadObjectId, partnerId] };
      await world.store.create({
        ...base, type: 'visit', id: 'visit-a1', cycleId: cycle!.id, sequence: 1, observerId: anna.aadObjectId, observedId: partnerId, state: 'debriefed',
        startsAt: '2026-02-10T08:00:00.000Z', durationMinutes: 50, lesson: '3B', focus: 'instructie', discussionGoal: 'vragen', feedbackPreference: 'questions', video: false,
        proposedBy: anna.aadObjectId, debriefMoments: [], updatedAt: '2026-02-12T08:00:00.000Z',
      });
      await world.store.create({ ...base, type: 'observation', id: 'obs-a1', visitId: 'visit-a1', authorId: anna.aadObjectId, facts: 'ANNA-GEHEIME-FEITEN', questions: 'ANNA-VRAAG', postedAt: '2026-02-10T12:00:00.000Z' });
      await world.store.create({ ...base, type: 'reflection', id: 'refl-b1', visitId: 'visit-a1', authorId: partnerId, text: 'PARTNER-REFLECTIE', postedAt: '2026-02-11T12:00:00.000Z' });
      await world.store.create({ schoolId: SCHOOL_ID, pairId: otherPairId, personIds: [], type: 'reflection', id: 'refl-other', visitId: 'visit-other', authorId: 'someone', text: 'ANDER-TWEETAL', postedAt: '2026-02-11T12:00:00.000Z' });
    });
    afterEach(async () => world.stop());

    it('should export everything stored about the person and what they wrote, as a card and a JSON file, and nothing of other pairs', async () => {
      const replies = await world.say(anna, 'export');
      const file = replies.find((a) => a.attachments?.some((x: any) => x.contentType === 'application/json'));
      assert.ok(file, 'a JSON file was sent');
      const attachment = file.attachments.find((x: any) => x.contentType === 'application/json');
      assert.match(attachment.name, /^tweetal-2026-01-20\.json$/);
      const json = JSON.parse(Buffer.from(attachment.contentUrl.replace(/^data:application\/json;base64,/, ''), 'base64').toString('utf8'));
      assert.equal(json.userId, anna.aadObjectId);
      const docs = json.schools[0].documents;
      assert.equal(docs.profile[0].subjects[0], 'wiskunde');
      assert.equal(docs.pair.length, 1);
      assert.equal(docs.cycle.length, 1);
      assert.equal(docs.visit[0].id, 'visit-a1');
      assert.equal(docs.observation[0].facts, 'ANNA-GEHEIME-FEITEN');
      assert.equal(docs.reflection[0].text, 'PARTNER-REFLECTIE', 'the pair text about her own visit');
      assert.ok(!JSON.stringify(json).includes('ANDER-TWEETAL'));
      assert.ok(json.tenant.membership && json.tenant.conversationReference);
      const card = cardOf(replies.find((a) => cardOf(a)));
      assert.match(cardText(card), /Mijn gegevens/);
      assert.match(cardText(card), /Lesbezoeken\n1/);
      assert.match(cardText(card), /Observaties\n1/);
      assert.ok(!world.bot.logs.some((line) => line.includes('ANNA-GEHEIME-FEITEN')), 'no text in the logs');
    });

    it('should ask for confirmation, then delete personal data and texts, anonymise ids, keep anonymous counts, and be idempotent', async () => {
      const ask = cardOf((await world.say(anna, 'verwijder'))[0]);
      assert.match(cardText(ask), /Mijn gegevens verwijderen\?/);
      assert.ok(await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`), 'nothing deleted before confirming');
      const forged = await world.act(anna, 'mydata.delete', { confirm: 'maybe' });
      assert.equal(forged.status, 400);
      const response = await world.act(anna, 'mydata.delete', actionData(ask, 'mydata.delete'));
      assert.equal(response.status, 200);
      assert.match(response.body.value, /Je gegevens zijn verwijderd/);
      // Nothing in the school partition names her any more.
      for (const type of ALL_TYPES) {
        for (const doc of await world.store.query(SCHOOL_ID, { type })) assert.ok(!JSON.stringify(doc).includes(anna.aadObjectId), `${type} ${doc.id} still names her`);
      }
      assert.equal(await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`), undefined);
      assert.equal(await world.store.read(SCHOOL_ID, 'observation', 'obs-a1'), undefined, 'her text is gone');
      assert.equal((await world.store.read(SCHOOL_ID, 'reflection', 'refl-b1'))?.text, 'PARTNER-REFLECTIE', "the partner's text stays");
      const visit = await world.store.read(SCHOOL_ID, 'visit', 'visit-a1');
      assert.match(visit!.observerId, /^anon-/);
      assert.equal(visit!.observedId, partnerId);
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair', personId: partnerId });
      assert.equal(pairs.length, 1);
      assert.ok(pairs[0]!.memberIds.some((id) => id === visit!.observerId), 'the same token in pair and visit');
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pairs[0]!.id });
      assert.equal(cycle!.visitsCompleted, 1, 'anonymous counts stay');
      assert.equal(await world.store.read(tenantPartitionFor(TENANT), 'membership', `member-${anna.aadObjectId}`), undefined);
      // Again: nothing left to do, same friendly answer, no error.
      const again = await world.act(anna, 'mydata.delete', { confirm: 'yes' });
      assert.equal(again.status, 200);
      const leaderSchool = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(leaderSchool?.leaderIds, [LEADER.aadObjectId]);
      void personReferenceId;
    });

    it('should remove a leader from the leaders when they delete their data', async () => {
      await world.act(LEADER, 'mydata.delete', { confirm: 'yes' }, 'en-GB');
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(school?.leaderIds, []);
      const [programme] = await world.store.query(SCHOOL_ID, { type: 'programme' });
      assert.match(programme!.createdBy, /^anon-/);
    });
  });
}
