import { strict as assert } from 'node:assert';
import { at, utc } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { refusalOf } from '../support/refusal';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);

/** Plan, confirm, observe: visit `n` is ready for its debrief. */
async function observedVisit(
  world: World,
  n: number,
  observer = world.anna,
  observed = world.ben,
  day = '2026-03-10',
): Promise<string> {
  const id = `visit-cycle-1-${n}`;
  const planned = await world.act(
    observer,
    'visit.plan.submit',
    planData(world, { sequence: n, roles: `${observer.aadObjectId}|${observed.aadObjectId}`, date: day }),
  );
  assert.equal(planned.status, 200, text(planned.body));
  const revision = (await world.bot.store.read(world.schoolId, 'visit', id))!.revision;
  await world.act(observed, 'visit.confirm', { visitId: id, revision });
  world.now = at(`${day}T11:00`);
  const observation = await world.act(observer, 'observation.submit', {
    visitId: id,
    facts: 'Drie leerlingen stonden op.',
  });
  assert.equal(observation.status, 200, text(observation.body));
  return id;
}

async function revisionOf(world: World, id: string): Promise<number> {
  return (await world.bot.store.read(world.schoolId, 'visit', id))!.revision!;
}

for (const kind of STORE_KINDS) {
  describe(`Debrief and the whole cycle over HTTP (${kind})`, function () {
    this.timeout(90_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
      world.bot.connector.roster = [
        { id: world.anna.id, aadObjectId: world.anna.aadObjectId, name: 'Anna', userPrincipalName: 'anna@school.nl' },
        { id: world.ben.id, aadObjectId: world.ben.aadObjectId, name: 'Ben', userPrincipalName: 'ben@school.nl' },
      ];
    });
    afterEach(async () => world.stop());

    it('should let one partner propose moments and the other pick one; both see a Teams meeting link', async () => {
      const id = await observedVisit(world, 1);
      const proposed = await world.act(world.anna, 'debrief.propose.submit', {
        visitId: id,
        revision: await revisionOf(world, id),
        date1: '2026-03-12',
        time1: '15:00',
        date2: '2026-03-13',
        time2: '15:30',
        date3: '',
        time3: '',
      });
      assert.equal(proposed.status, 200, text(proposed.body));
      let visit = await world.bot.store.read(world.schoolId, 'visit', id);
      assert.deepEqual(visit?.debriefMoments, [utc('2026-03-12T15:00'), utc('2026-03-13T15:30')]);

      world.bot.connector.reset();
      const own = await world.act(world.ben, 'visit.refresh', { visitId: id });
      const pickButtons = JSON.parse(text(own.body.value))
        .body.flatMap((b: any) => b.actions ?? [])
        .filter((a: any) => a.verb === 'debrief.pick');
      assert.equal(pickButtons.length, 2, 'Ben sees one button per proposed moment');
      const annaView = await world.act(world.anna, 'visit.refresh', { visitId: id });
      assert.ok(!text(annaView.body.value).includes('debrief.pick'), 'the proposer does not pick');

      const picked = await world.act(world.ben, 'debrief.pick', pickButtons[1].data);
      assert.equal(picked.status, 200, text(picked.body));
      visit = await world.bot.store.read(world.schoolId, 'visit', id);
      assert.equal(visit?.state, 'debriefScheduled');
      assert.equal(visit?.debriefAt, utc('2026-03-13T15:30'));
      const link = /https:\/\/teams\.microsoft\.com\/l\/meeting\/new\?[^"]+/.exec(text(picked.body.value))?.[0];
      assert.ok(link, 'Ben gets the meeting link');
      const url = new URL(link!);
      assert.equal(url.searchParams.get('startTime'), '2026-03-13T14:30:00Z');
      assert.equal(url.searchParams.get('endTime'), '2026-03-13T15:00:00Z');
      assert.equal(url.searchParams.get('attendees'), 'anna@school.nl,ben@school.nl');
      assert.match(url.searchParams.get('subject')!, /nagesprek/i);
      const annaUpdate = world.bot.connector.updated(`a:personal-${world.anna.aadObjectId}`);
      assert.ok(
        annaUpdate.length >= 1 && text(annaUpdate).includes('teams.microsoft.com/l/meeting/new'),
        "Anna's card shows the link too",
      );
    });

    it('should refuse reversed, past, impossible or too many moments and a moment that was not proposed', async () => {
      const id = await observedVisit(world, 1);
      const revision = await revisionOf(world, id);
      const cases: [Record<string, unknown>, string][] = [
        [{ date1: '2026-03-09', time1: '15:00' }, 'DATE_IN_PAST'],
        [{ date1: '', time1: '' }, 'FIELD_REQUIRED'],
        [{ date1: '2026-03-32', time1: '15:00' }, 'DATE_INVALID'],
        [{ date1: '2026-03-12', time1: '25:00' }, 'DATE_INVALID'],
      ];
      for (const [moments, code] of cases) {
        const response = await world.act(world.anna, 'debrief.propose.submit', { visitId: id, revision, ...moments });
        assert.equal(refusalOf(response)?.code, code, text(moments));
      }
      world.now = at('2026-03-10T08:00'); // before the visit moment: a debrief before the visit is reversed
      const reversed = await world.act(world.anna, 'debrief.propose.submit', {
        visitId: id,
        revision,
        date1: '2026-03-10',
        time1: '08:30',
      });
      assert.equal(refusalOf(reversed)?.code, 'DEBRIEF_BEFORE_VISIT');
      world.now = at('2026-03-10T11:00');
      await world.act(world.anna, 'debrief.propose.submit', {
        visitId: id,
        revision,
        date1: '2026-03-12',
        time1: '15:00',
      });
      const forged = await world.act(world.ben, 'debrief.pick', {
        visitId: id,
        revision: revision + 1,
        moment: utc('2026-03-12T16:00'),
      });
      assert.equal(refusalOf(forged)?.code, 'INVALID_INPUT');
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', id))?.state, 'debriefProposed');
    });

    it('should run the whole cycle: two visits with roles swapped, agreements recorded, the cycle complete and both told', async () => {
      const first = await observedVisit(world, 1);
      await world.act(world.anna, 'debrief.propose.submit', {
        visitId: first,
        revision: await revisionOf(world, first),
        date1: '2026-03-12',
        time1: '15:00',
      });
      await world.act(world.ben, 'debrief.pick', {
        visitId: first,
        revision: await revisionOf(world, first),
        moment: utc('2026-03-12T15:00'),
      });
      world.now = at('2026-03-12T16:00');
      const recorded = await world.act(world.ben, 'debrief.record.submit', {
        visitId: first,
        agreements: 'Kortere instructie',
        nextStep: 'Check na tien minuten',
      });
      assert.equal(recorded.status, 200, text(recorded.body));
      const again = await world.act(world.ben, 'debrief.record.submit', {
        visitId: first,
        agreements: 'Kortere instructie',
        nextStep: 'Check na tien minuten',
      });
      assert.equal(again.status, 200);
      let cycle = await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1');
      assert.equal(cycle?.visitsCompleted, 1, 'counted once for two submits');
      assert.equal(cycle?.status, 'active');
      assert.ok(await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${first}`));

      world.bot.connector.reset();
      await world.say(world.anna, 'plannen');
      const plan = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`)[0];
      const roles = plan.body.find((b: any) => b.id === 'roles');
      assert.equal(roles.value, `${world.ben.aadObjectId}|${world.anna.aadObjectId}`, 'roles swap for the next visit');
      const sequence = plan.actions.find((a: any) => a.verb === 'visit.plan.submit').data.sequence;
      assert.equal(Number(sequence), 2);

      const second = await observedVisit(world, 2, world.ben, world.anna, '2026-03-17');
      await world.act(world.anna, 'debrief.propose.submit', {
        visitId: second,
        revision: await revisionOf(world, second),
        date1: '2026-03-18',
        time1: '15:00',
      });
      await world.act(world.ben, 'debrief.pick', {
        visitId: second,
        revision: await revisionOf(world, second),
        moment: utc('2026-03-18T15:00'),
      });
      world.now = at('2026-03-18T16:00');
      world.bot.connector.reset();
      const last = await world.act(world.anna, 'debrief.record.submit', {
        visitId: second,
        agreements: 'Doorgaan met checks',
        nextStep: 'Volgend traject',
      });
      assert.equal(last.status, 200, text(last.body));
      assert.match(text(last.body.value), /Jullie cyclus is rond/);
      cycle = await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1');
      assert.equal(cycle?.status, 'complete');
      assert.equal(cycle?.visitsCompleted, 2);
      const toBen = world.bot.connector
        .sent(`a:personal-${world.ben.aadObjectId}`)
        .concat(world.bot.connector.updated(`a:personal-${world.ben.aadObjectId}`));
      assert.match(text(toBen), /cycle is complete|cyclus is rond/, 'Ben is told the cycle is complete');

      const more = await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, { sequence: 3, date: '2026-03-24' }),
      );
      assert.equal(refusalOf(more)?.code, 'CYCLE_COMPLETE');
    });

    it('should keep the debrief from outsiders and refuse recording before a moment is picked', async () => {
      const id = await observedVisit(world, 1);
      const early = await world.act(world.anna, 'debrief.record.submit', {
        visitId: id,
        agreements: 'x',
        nextStep: 'y',
      });
      assert.equal(refusalOf(early)?.code, 'INVALID_TRANSITION');
      for (const outsider of [world.lena, world.carl]) {
        const response = await world.act(outsider, 'debrief.propose.submit', {
          visitId: id,
          revision: await revisionOf(world, id),
          date1: '2026-03-12',
          time1: '15:00',
        });
        assert.equal(refusalOf(response)?.code, 'NOT_A_PAIR_MEMBER');
      }
      assert.equal((await world.bot.store.read(world.schoolId, 'visit', id))?.state, 'observed');
      assert.equal(await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${id}`), undefined);
    });
  });
}
