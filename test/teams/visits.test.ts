import { strict as assert } from 'node:assert';
import { ICALT_KEYS } from '../../src/domain/choices';
import { utc } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { refusalOf } from '../support/refusal';

after(stopLocalCosmos);

const cardText = (card: unknown) => JSON.stringify(card);
const actionsOf = (card: any): any[] => {
  const found: any[] = [];
  const walk = (node: any) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      if (typeof node.type === 'string' && node.type.startsWith('Action.')) found.push(node);
      Object.entries(node).forEach(([key, value]) => key !== 'refresh' && walk(value));
    }
  };
  walk(card.body);
  walk(card.actions ?? []);
  return found;
};
const verbsOf = (card: any) => actionsOf(card).map((a) => a.verb ?? a.type);

for (const kind of STORE_KINDS) {
  describe(`Plan a visit over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    it('should answer "plannen" with the plan card: alternating roles, ICALT and theme suggestions, the programme period', async () => {
      await world.say(world.anna, 'plannen');
      const [card] = world.bot.connector.sentCards();
      assert.ok(card, 'a plan card was sent');
      const text = cardText(card);
      assert.match(text, /Lesbezoek plannen/);
      assert.match(text, /Effectieve instructie/);
      const focus = JSON.parse(text).body.find((b: any) => b.id === 'focusChoice');
      assert.deepEqual(
        focus.choices.map((c: any) => c.value),
        ['theme.effectiveInstruction', ...ICALT_KEYS],
        'the theme and the ICALT domains are offered as keys',
      );
      for (const domain of [
        'Veilig en stimulerend leerklimaat',
        'Efficiënte klassenorganisatie',
        'Duidelijke instructie',
        'Activerende instructie',
        'Differentiatie',
        'Leerstrategieën aanleren',
      ])
        assert.ok(text.includes(domain), domain);
      const roles = JSON.parse(text).body.find((b: any) => b.id === 'roles');
      assert.equal(
        roles.value,
        `${world.anna.aadObjectId}|${world.ben.aadObjectId}`,
        'the planner observes first by default',
      );
      assert.match(text, /"max":"2026-06-30"/);
      assert.deepEqual(verbsOf(card), ['visit.plan.submit', 'status.show']);
    });

    it('should store one proposed visit with a deterministic id, send the partner their own view and answer the planner with theirs', async () => {
      const response = await world.act(world.anna, 'visit.plan.submit', planData(world));
      assert.equal(response.status, 200, JSON.stringify(response.body));
      assert.equal(response.body.type, 'application/vnd.microsoft.card.adaptive');
      const own = response.body.value;
      assert.equal(own.refresh.action.verb, 'visit.refresh');
      // The refresh names what it reads with the visit (its pair, cycle and programme: one read ahead).
      assert.deepEqual(own.refresh.action.data, {
        visitId: 'visit-cycle-1-1',
        pairId: 'pair-1',
        cycleId: 'cycle-1',
        programmeId: 'programme-1',
        schoolId: world.schoolId,
      });
      assert.deepEqual(own.refresh.userIds, [world.anna.id, world.ben.id]);
      assert.ok(!verbsOf(own).includes('visit.confirm'), 'the planner does not confirm their own plan');

      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.ok(visit);
      assert.equal(visit.state, 'proposed');
      assert.equal(visit.startsAt, utc('2026-03-10T09:00'));
      assert.equal(visit.observerId, world.anna.aadObjectId);
      assert.equal(visit.focus, 'icalt.clearInstruction', 'a focus picked from the list is stored as its key');
      assert.equal(visit.revision, 1);
      assert.deepEqual(visit.cardRefs?.[world.anna.aadObjectId], {
        conversationId: `a:personal-${world.anna.aadObjectId}`,
        activityId: `card-of-${world.anna.aadObjectId}`,
      });

      const toBen = world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`);
      assert.equal(toBen.length, 1, 'Ben gets the visit card once');
      assert.ok(verbsOf(toBen[0]).includes('visit.confirm'), 'Ben sees the confirm button');
      assert.ok(visit.cardRefs?.[world.ben.aadObjectId], "Ben's card is remembered for updates in place");
    });

    it('should create one visit when the same plan is submitted twice (double click)', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const again = await world.act(world.anna, 'visit.plan.submit', planData(world));
      assert.equal(again.status, 200);
      const visits = await world.bot.store.query(world.schoolId, { type: 'visit', pairId: 'pair-1' });
      assert.equal(visits.length, 1);
      assert.equal(
        world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`).length,
        1,
        'the partner is not told twice',
      );
    });

    it("should let the partner confirm and update the planner's card in place", async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const confirmed = await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
      assert.match(cardText(confirmed.body.value), /Bevestigd voor/);
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.equal(visit?.state, 'confirmed');
      assert.equal(visit?.revision, 2);
      const updates = world.bot.connector.calls.filter((c) => c.method === 'PUT');
      assert.equal(updates.length, 1, "Anna's card is updated in place");
      assert.equal(updates[0].activityId, `card-of-${world.anna.aadObjectId}`);
      assert.match(JSON.stringify(updates[0].body), /Confirmed for|Bevestigd voor/);
    });

    it('should let the partner propose another moment, after which the planner confirms', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const counter = await world.act(world.ben, 'visit.counter', {
        visitId: 'visit-cycle-1-1',
        revision: 1,
        newDate: '2026-03-11',
        newTime: '10:30',
      });
      assert.equal(counter.status, 200, JSON.stringify(counter.body));
      let visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.equal(visit?.startsAt, utc('2026-03-11T10:30'));
      assert.equal(visit?.proposedBy, world.ben.aadObjectId);
      const notBen = await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 2 });
      assert.equal(refusalOf(notBen)?.code, 'NOT_YOUR_TURN');
      const ok = await world.act(world.anna, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 2 });
      assert.equal(ok.status, 200);
      visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.equal(visit?.state, 'confirmed');
    });

    it('should give the second of two simultaneous edits the fresh card and an explanation, losing neither', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      const [a, b] = await Promise.all([
        world.act(world.ben, 'visit.counter', {
          visitId: 'visit-cycle-1-1',
          revision: 1,
          newDate: '2026-03-12',
          newTime: '11:00',
        }),
        world.act(world.anna, 'visit.counter', {
          visitId: 'visit-cycle-1-1',
          revision: 1,
          newDate: '2026-03-13',
          newTime: '12:00',
        }),
      ]);
      const texts = [cardText(a.body), cardText(b.body)];
      assert.equal(a.status, 200);
      assert.equal(b.status, 200);
      assert.equal(
        texts.filter((x) => x.includes('Iemand heeft dit intussen gewijzigd')).length,
        1,
        'exactly one gets the explanation',
      );
      const visit = await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1');
      assert.equal(visit?.revision, 2, 'exactly one change applied');
      const stale = await world.act(world.ben, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
      assert.match(cardText(stale.body), /Iemand heeft dit intussen gewijzigd/);
      assert.equal(
        (await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.revision,
        2,
        'the stale confirm changed nothing',
      );
    });

    it('should refuse a moment in the past, outside the programme, a non-existent DST time or missing fields, in the user language, storing nothing', async () => {
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ date: '2026-03-01', time: '09:00' }, 'DATE_IN_PAST', /al voorbij/],
        [
          { date: '2026-07-10', time: '09:00' },
          'DATE_OUTSIDE_PROGRAMME',
          /buiten de looptijd van het traject \(zondag 1 februari tot dinsdag 30 juni\)/,
        ],
        [{ date: '2026-03-29', time: '02:30' }, 'DATE_INVALID', /.+/],
        [{ date: '2026-02-30', time: '09:00' }, 'DATE_INVALID', /.+/],
        [{ lesson: '' }, 'FIELD_REQUIRED', /Klas of les/],
        [{ lesson: 'x'.repeat(201) }, 'TEXT_TOO_LONG', /Klas of les.*200/],
        [{ focusChoice: '', focusOther: '' }, 'FIELD_REQUIRED', /Kijkdoel/],
        [{ roles: `${world.anna.aadObjectId}|${world.carl.aadObjectId}` }, 'INVALID_INPUT', /Wie kijkt bij wie/],
        [{ cycleId: 'cycle-2' }, 'NOT_A_PAIR_MEMBER', /.+/],
        [{ feedbackPreference: 'shout' }, 'INVALID_INPUT', /Feedbackvoorkeur/],
      ];
      for (const [overrides, code, message] of cases) {
        const response = await world.act(world.anna, 'visit.plan.submit', planData(world, overrides));
        assert.equal(refusalOf(response)?.code, code, JSON.stringify(overrides));
        assert.match(refusalOf(response)?.message ?? '', message);
      }
      const english = await world.act(world.anna, 'visit.plan.submit', planData(world, { date: '2026-03-01' }), {
        locale: 'en-GB',
      });
      assert.match(refusalOf(english)?.message ?? '', /already passed/);
      assert.deepEqual(await world.bot.store.query(world.schoolId, { type: 'visit', pairId: 'pair-1' }), []);
    });

    it('should keep the visit card from outsiders: a leader, a colleague outside the pair and another school get NOT_A_PAIR_MEMBER or NOT_FOUND', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world));
      for (const who of [world.lena, world.carl]) {
        const response = await world.act(who, 'visit.refresh', { visitId: 'visit-cycle-1-1' });
        assert.equal(response.status, 400);
        assert.equal(refusalOf(response)?.code, 'NOT_A_PAIR_MEMBER');
        const confirm = await world.act(who, 'visit.confirm', { visitId: 'visit-cycle-1-1', revision: 1 });
        assert.equal(refusalOf(confirm)?.code, 'NOT_A_PAIR_MEMBER');
      }
      // Olga's school has its own visit-cycle-1-1: the same id resolves in her own school only.
      const foreign = await world.act(world.olga, 'visit.refresh', { visitId: 'visit-cycle-1-1' });
      assert.equal(foreign.status, 200);
      assert.ok(
        !cardText(foreign.body.value).includes('3B wiskunde, 2e uur') && !cardText(foreign.body.value).includes('Anna'),
        "nothing of Anna's plan",
      );
      const forged = await world.act(world.olga, 'visit.confirm', { visitId: 'visit-cycle-2-1', revision: 1 });
      assert.equal(refusalOf(forged)?.code, 'NOT_FOUND', "another school's id is unknown here");
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.state, 'proposed');
    });
  });
}
