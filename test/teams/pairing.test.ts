import { strict as assert } from 'node:assert';
import { groupFieldFor } from '../../src/app/pairing/groups-input';
import { pairIdFor } from '../../src/app/pairing/pair-ids';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { TENANT } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  fillProfile,
  inputValues,
  LEADER,
  partnerCardsTo,
  SCHOOL_ID,
  setUpProgramme,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna, bram, chris, dewi, eva] = TEACHERS;

for (const kind of STORE_KINDS) {
  describe(`profiles and pairing over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    let programmeId: string;

    beforeEach(async () => {
      world = await startWorld(kind);
      programmeId = await setUpProgramme(world);
    });
    afterEach(async () => world.stop());

    async function profiles() {
      assert.equal((await fillProfile(world, anna, 'wiskunde', 20, [chris])).status, 200);
      await fillProfile(world, bram, 'wiskunde, natuurkunde', 2);
      await fillProfile(world, chris, 'Engels', 15);
      await fillProfile(world, dewi, 'Engels', 1);
      await fillProfile(world, eva, 'biologie', 8);
    }

    it('should store a profile with subjects, experience and wishes, and a membership', async () => {
      const response = await fillProfile(world, anna, ' wiskunde ,  natuurkunde, Wiskunde ', 12, [bram]);
      assert.equal(response.status, 200);
      assert.match(cardText(response.body.value), /Je profiel is opgeslagen/);
      const profile = await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`);
      assert.deepEqual(profile?.subjects, ['wiskunde', 'natuurkunde']);
      assert.equal(profile?.yearsOfExperience, 12);
      assert.deepEqual(profile?.wouldLikeToLearnFrom, [bram.aadObjectId]);
      assert.equal(profile?.name, 'Anna de Vries');
      const membership = await world.store.read(tenantPartitionFor(TENANT), 'membership', `member-${anna.aadObjectId}`);
      assert.ok(membership?.schoolIds.includes(SCHOOL_ID));
    });

    it('should refuse bad profile input with a clear message and keep the stored profile', async () => {
      await fillProfile(world, anna, 'wiskunde', 12);
      const before = await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`);
      const tooMany = await fillProfile(world, anna, 'wiskunde', 61);
      assert.match(cardText(tooMany.body.value), /"Jaren ervaring" moet tussen 0 en 60 liggen/);
      const empty = await fillProfile(world, anna, ' , ', 3);
      assert.match(cardText(empty.body.value), /Vakken/);
      const card = cardOf((await world.say(anna, 'profile', 'en-GB'))[0]);
      const forged = await world.act(anna, 'profile.save', {
        ...actionData(card, 'profile.save'),
        subjects: 'x',
        yearsOfExperience: 3,
        learnFrom: 'not-in-the-team',
      });
      assert.equal(forged.status, 400);
      assert.equal(forged.body.value.code, 'INVALID_INPUT');
      const after = await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`);
      assert.equal(after?.version, before?.version);
    });

    it('should answer a stale profile card with the fresh card and an explanation', async () => {
      const card = cardOf((await world.say(anna, 'profiel'))[0]);
      const data = actionData(card, 'profile.save');
      await world.act(anna, 'profile.save', { ...data, subjects: 'wiskunde', yearsOfExperience: 3 });
      const again = await world.act(anna, 'profile.save', { ...data, subjects: 'wiskunde', yearsOfExperience: 3 });
      assert.equal(again.status, 200, 'the same content twice is fine');
      const stale = await world.act(anna, 'profile.save', { ...data, subjects: 'Engels', yearsOfExperience: 4 });
      assert.match(cardText(stale.body.value), /Iemand heeft dit intussen gewijzigd/);
      const profile = await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`);
      assert.deepEqual(profile?.subjects, ['wiskunde']);
    });

    it('should suggest pairs with an explanation each, one trio for five teachers, leaders left out by default', async () => {
      await profiles();
      const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
      const text = cardText(card);
      assert.match(text, /Tweetal 1/);
      assert.match(text, /Tweetal 2/);
      assert.doesNotMatch(text, /Tweetal 3/);
      assert.match(text, /Anna de Vries wil graag leren van Chris Bakker/);
      assert.match(text, /een drietal omdat het aantal leraren oneven is/);
      const values = inputValues(card);
      assert.equal(values[groupFieldFor(LEADER.aadObjectId)], 0);
      const groups = TEACHERS.map((t) => values[groupFieldFor(t.aadObjectId)] as number);
      const sizes = [1, 2].map((g) => groups.filter((x) => x === g).length).sort();
      assert.deepEqual(sizes, [2, 3], 'every teacher in a group: one pair and one trio');
      assert.equal(
        values[groupFieldFor(anna.aadObjectId)],
        values[groupFieldFor(chris.aadObjectId)],
        'the stated wish is honoured',
      );
    });

    it('should answer a teacher who asks for "tweetallen" that only a leader can', async () => {
      const replies = await world.say(anna, 'tweetallen');
      assert.match(replies[0].text, /Alleen een schoolleider/);
      const forged = await world.act(anna, 'pairing.confirm', {
        programmeId,
        version: 'x',
        [groupFieldFor(anna.aadObjectId)]: 1,
        [groupFieldFor(bram.aadObjectId)]: 1,
      });
      assert.equal(forged.body.value.code, 'NOT_A_LEADER');
      assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'pair' }), []);
    });

    it('should create the confirmed pairs with a cycle each, tell every teacher their partner once, and do nothing more on a second click', async () => {
      await profiles();
      // Anna keeps her conversation reference; the others never installed the app personally.
      for (const teacher of [bram, chris, dewi, eva])
        await world.store.delete(tenantPartitionFor(TENANT), personReferenceId(teacher.aadObjectId));
      const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
      const submit = { ...actionData(card, 'pairing.confirm'), ...inputValues(card) };
      const calls = world.bot.connector.calls.length;
      const response = await world.act(LEADER, 'pairing.confirm', submit);
      assert.equal(response.status, 200);
      assert.match(
        cardText(response.body.value),
        /2 tweetallen gemaakt\. De 5 leraren krijgen een persoonlijk bericht met de naam van hun partner/,
      );
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair' });
      assert.equal(pairs.length, 2);
      assert.deepEqual(pairs.map((p) => p.memberIds.length).sort(), [2, 3]);
      for (const pair of pairs) {
        assert.equal(pair.id, pairIdFor(programmeId, pair.memberIds));
        assert.equal(pair.status, 'active');
        const cycles = await world.store.query(SCHOOL_ID, { type: 'cycle', pairId: pair.id });
        assert.equal(cycles.length, 1);
        assert.equal(
          cycles[0]!.visitsAgreed,
          pair.memberIds.length === 3 ? 3 : 2,
          'a trio needs 3 visits for everyone to be observed once',
        );
        assert.equal(cycles[0]!.status, 'active');
      }
      // Each teacher got exactly one partner card naming their partner(s), not themselves.
      for (const teacher of TEACHERS) {
        const cards = partnerCardsTo(world, teacher);
        assert.equal(cards.length, 1, teacher.name);
        const pair = pairs.find((p) => p.memberIds.includes(teacher.aadObjectId))!;
        const partners = TEACHERS.filter((t) => t !== teacher && pair.memberIds.includes(t.aadObjectId));
        for (const partner of partners) assert.match(cardText(cards[0]), new RegExp(partner.name));
      }
      assert.equal(partnerCardsTo(world, LEADER).length, 0);
      // Four new 1:1 conversations (not for Anna, who had a reference), and their references kept.
      const created = world.bot.connector.calls
        .slice(calls)
        .filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
      assert.equal(created.length, 4);
      assert.ok(!created.some((c) => c.body.members[0].id === anna.id));
      assert.equal(created[0]!.body.tenantId, TENANT);
      const refs = await world.store.query(tenantPartitionFor(TENANT), { type: 'personReference' });
      for (const teacher of TEACHERS)
        assert.ok(
          refs.some((r) => r.userId === teacher.aadObjectId && r.reachable),
          teacher.name,
        );
      // A double click: the same pairs, nobody told twice.
      const again = await world.act(LEADER, 'pairing.confirm', submit);
      assert.equal(again.status, 200);
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'pair' })).length, 2);
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'cycle' })).length, 2);
      for (const teacher of TEACHERS) assert.equal(partnerCardsTo(world, teacher).length, 1);
      // The card now lists the pairs and offers no more suggestions.
      assert.match(cardText(again.body.value), /Huidige tweetallen/);
      assert.doesNotMatch(cardText(again.body.value), /Tweetal 1/);
    });

    it('should let the leader move people, and refuse a group of one with a clear message', async () => {
      await profiles();
      const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
      const data = actionData(card, 'pairing.confirm');
      const chosen = {
        [groupFieldFor(anna.aadObjectId)]: 1,
        [groupFieldFor(eva.aadObjectId)]: 1,
        [groupFieldFor(bram.aadObjectId)]: 2,
        [groupFieldFor(chris.aadObjectId)]: 2,
        [groupFieldFor(dewi.aadObjectId)]: 3,
        [groupFieldFor(LEADER.aadObjectId)]: 0,
      };
      const alone = await world.act(LEADER, 'pairing.confirm', { ...data, ...chosen });
      assert.match(cardText(alone.body.value), /Groep 3 heeft één lid\./);
      assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'pair' }), []);
      const fixed = await world.act(LEADER, 'pairing.confirm', {
        ...data,
        ...chosen,
        [groupFieldFor(dewi.aadObjectId)]: 2,
      });
      assert.equal(fixed.status, 200);
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair' });
      const groups = pairs.map((p) => [...p.memberIds].sort().join('+')).sort();
      assert.deepEqual(
        groups,
        [
          [anna, eva],
          [bram, chris, dewi],
        ]
          .map((g) =>
            g
              .map((p) => p.aadObjectId)
              .sort()
              .join('+'),
          )
          .sort(),
      );
    });

    it('should refuse forged pairing data: an unknown person, another programme, a stale programme version', async () => {
      await profiles();
      const card = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
      const data = actionData(card, 'pairing.confirm');
      const unknown = await world.act(LEADER, 'pairing.confirm', {
        ...data,
        ...inputValues(card),
        [groupFieldFor('someone-else')]: 1,
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.value.code, 'INVALID_INPUT');
      const other = await world.act(LEADER, 'pairing.confirm', {
        ...data,
        ...inputValues(card),
        programmeId: 'programme-of-another-school',
      });
      assert.equal(other.body.value.code, 'NOT_FOUND');
      const stale = await world.act(LEADER, 'pairing.confirm', { ...data, ...inputValues(card), version: 'old' });
      assert.match(cardText(stale.body.value), /Iemand heeft dit intussen gewijzigd/);
      assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'pair' }), []);
    });

    it('should ask for a programme first when there is none', async () => {
      const fresh = await startWorld(kind);
      try {
        // A leader exists only after a programme; make one without a programme by hand.
        const school = (await fresh.store.read(SCHOOL_ID, 'school', SCHOOL_ID))!;
        await fresh.store.replace({ ...school, leaderIds: [LEADER.aadObjectId] });
        const replies = await fresh.say(LEADER, 'pairs', 'en-GB');
        assert.match(replies[0].text, /There is no active coaching programme yet/);
      } finally {
        await fresh.stop();
      }
    });
  });
}
