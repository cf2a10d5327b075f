import { strict as assert } from 'node:assert';
import { cardAction, person } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  composePairs,
  LEADER,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna, , , , eva] = TEACHERS;

for (const kind of STORE_KINDS) {
  describe(`switch partner over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;

    beforeEach(async () => {
      world = await startWorld(kind);
      await setUpProgramme(world);
    });
    afterEach(async () => world.stop());

    const nameOf = (id: string) => TEACHERS.find((t) => t.aadObjectId === id)!;

    it('should store a private request with only a reason category, tell the leaders without details, and not tell the partner', async () => {
      const pairs = await composePairs(world);
      const annasPair = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      const partner = nameOf(annasPair.memberIds.find((id) => id !== anna.aadObjectId)!);
      const card = cardOf((await world.say(anna, 'wissel'))[0]);
      assert.match(cardText(card), new RegExp(partner.name));
      const data = actionData(card, 'switch.request');
      const before = world.bot.connector.calls.length;
      const response = await world.act(anna, 'switch.request', { ...data, reason: 'tooAlike' });
      assert.equal(response.status, 200);
      assert.match(JSON.stringify(response.body.value), /privé naar je schoolleider/);
      await world.act(anna, 'switch.request', { ...data, reason: 'tooAlike' }); // double click
      const requests = await world.store.query(SCHOOL_ID, { type: 'switchRequest' });
      assert.equal(requests.length, 1);
      assert.deepEqual(
        Object.keys(requests[0]!).filter(
          (k) =>
            ![
              'type',
              'id',
              'schoolId',
              'pairId',
              'personIds',
              'requesterId',
              'reason',
              'status',
              'createdAt',
              'version',
              '_etag',
              '_rid',
              '_self',
              '_ts',
              '_attachments',
            ].includes(k),
        ),
        [],
        'no free text stored',
      );
      assert.equal(requests[0]!.reason, 'tooAlike');
      const sent = world.bot.connector.calls
        .slice(before)
        .filter((c) => c.method === 'POST' && /activities/.test(c.path));
      const toLeader = sent.filter((c) => c.conversationId === `a:personal-${LEADER.aadObjectId}`);
      assert.equal(toLeader.length, 1, 'the leader is told once');
      assert.doesNotMatch(JSON.stringify(toLeader[0]!.body), /Anna|gelijkgestemd/);
      assert.equal(
        sent.filter((c) => c.conversationId === `a:personal-${partner.aadObjectId}`).length,
        0,
        'the partner is not told',
      );
      // Leaders see it on the pairing card; the partner cannot open that card.
      assert.match(
        cardText(cardOf((await world.say(LEADER, 'tweetallen'))[0])),
        /Anna de Vries: we zijn zo gelijkgestemd dat het weinig nieuws oplevert/,
      );
      assert.match((await world.say(partner, 'tweetallen'))[0].text, /Alleen een schoolleider/);
    });

    it('should refuse forged switch requests: not a member, unknown pair, stale version, unknown reason', async () => {
      const pairs = await composePairs(world);
      const annasPair = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      const notMember = await world.act(eva, 'switch.request', {
        pairId: annasPair.id,
        version: annasPair.version,
        reason: 'noClick',
      });
      assert.equal(notMember.body.value.code, 'NOT_A_PAIR_MEMBER');
      const unknown = await world.act(anna, 'switch.request', {
        pairId: 'pair-of-another-school',
        version: '1',
        reason: 'noClick',
      });
      assert.equal(unknown.body.value.code, 'NOT_FOUND');
      const stale = await world.act(anna, 'switch.request', {
        pairId: annasPair.id,
        version: 'old',
        reason: 'noClick',
      });
      assert.equal(stale.body.value.code, 'STALE_VERSION');
      const reason = await world.act(anna, 'switch.request', {
        pairId: annasPair.id,
        version: annasPair.version,
        reason: 'because',
      });
      assert.equal(reason.body.value.code, 'INVALID_INPUT');
      const missing = await world.act(anna, 'switch.request', { pairId: annasPair.id, version: annasPair.version });
      assert.equal(missing.body.value.code, 'FIELD_REQUIRED');
      assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'switchRequest' }), []);
      assert.match((await world.say(eva, 'switch', 'en-GB'))[0].text, /You are not in a pair yet/);
    });

    it('should re-pair: close both old pairs and their open cycles, keep history, make new pairs without old partners, and tell every member', async () => {
      const pairs = await composePairs(world);
      const annasPair = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      const otherPair = pairs.find((p) => p.id !== annasPair.id)!;
      const data = actionData(cardOf((await world.say(anna, 'wissel'))[0]), 'switch.request');
      await world.act(anna, 'switch.request', { ...data, reason: 'noClick' });
      const [request] = await world.store.query(SCHOOL_ID, { type: 'switchRequest' });
      const teacherTry = await world.act(anna, 'switch.repair.show', { requestId: request!.id });
      assert.equal(teacherTry.body.value.code, 'NOT_A_LEADER');
      const repairCard = (await world.act(LEADER, 'switch.repair.show', { requestId: request!.id })).body.value;
      assert.match(cardText(repairCard), /Anna de Vries: het klikt niet/);
      const repairData = actionData(repairCard, 'switch.repair');
      const before = world.bot.connector.calls.length;
      const response = await world.act(LEADER, 'switch.repair', { ...repairData, otherPairId: otherPair.id });
      assert.equal(response.status, 200);
      assert.match(cardText(response.body.value), /Opnieuw gekoppeld: 2 nieuwe tweetallen\./);
      for (const old of [annasPair, otherPair]) {
        const stored = await world.store.read(SCHOOL_ID, 'pair', old.id);
        assert.equal(stored?.status, 'closed');
        const cycles = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: old.id });
        assert.equal(cycles.length, 1, 'history kept');
        assert.equal(cycles[0]!.status, 'closed');
      }
      const active = await world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
      assert.equal(active.length, 2);
      for (const pair of active) {
        for (const old of [annasPair, otherPair])
          assert.ok(!old.memberIds.every((m) => pair.memberIds.includes(m)), 'nobody gets their old partner back');
        assert.equal(
          (await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pair.id, where: { status: 'active' } })).length,
          1,
        );
      }
      assert.equal((await world.store.read(SCHOOL_ID, 'switchRequest', request!.id))?.status, 'handled');
      const told = world.bot.connector.calls
        .slice(before)
        .filter(
          (c) =>
            c.method === 'POST' && /activities/.test(c.path) && /Je tweetal is veranderd/.test(JSON.stringify(c.body)),
        );
      assert.equal(told.length, 4, 'every member of the new pairs is told once');
      assert.ok(
        !told.some((c) => /het klikt niet|Anna de Vries: /.test(JSON.stringify(c.body))),
        'nobody is told who asked or why',
      );
      // Clicking again changes nothing.
      const again = await world.act(LEADER, 'switch.repair', { ...repairData, otherPairId: otherPair.id });
      assert.match(cardText(again.body.value), /Iemand heeft dit intussen gewijzigd/);
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'pair' })).length, 4);
    });

    it('should refuse re-pairing with a pair of another programme or an unknown pair, changing nothing', async () => {
      const pairs = await composePairs(world);
      const annasPair = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      const data = actionData(cardOf((await world.say(anna, 'wissel'))[0]), 'switch.request');
      await world.act(anna, 'switch.request', { ...data, reason: 'timetable' });
      const [request] = await world.store.query(SCHOOL_ID, { type: 'switchRequest' });
      const forged = await world.act(LEADER, 'switch.repair', {
        requestId: request!.id,
        version: request!.version,
        otherPairId: 'pair-unknown',
      });
      assert.equal(forged.body.value.code, 'NOT_FOUND');
      const self = await world.act(LEADER, 'switch.repair', {
        requestId: request!.id,
        version: request!.version,
        otherPairId: annasPair.id,
      });
      assert.equal(self.body.value.code, 'NOT_FOUND');
      const stranger = person(77, 'Iemand Anders');
      const outsider = await world.bot.post(
        cardAction(world.bot.connector.url, stranger, 'switch.repair', {
          requestId: request!.id,
          version: request!.version,
          otherPairId: annasPair.id,
        }),
      );
      assert.equal(outsider.body.value.code, 'NO_SCHOOL');
      const active = await world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
      assert.equal(active.length, 2);
    });
  });
}
