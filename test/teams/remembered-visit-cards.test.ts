import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import sinon from 'sinon';
import { RememberedCards } from '../../src/cards/remembered-cards';
import type { AdaptiveCard } from '../../src/cards/render';
import type { Cycle, Visit } from '../../src/domain/entities';
import type { Stored } from '../../src/store/store';
import { visitCard } from '../../src/teams/features/visits/visit-card';
import { planData, startWorld, stopLocalCosmos, type World } from '../app/visits/world';
import { TENANT } from '../support/teams-activities';

after(stopLocalCosmos);

describe('Remembered cards (the cache of rendered cards)', () => {
  const card = (text: string): AdaptiveCard => ({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }] }) as never;

  it('should make a card once per key, hand back the same frozen card, and let the least recently used go first', async () => {
    const cards = new RememberedCards(2);
    let made = 0;
    const make = (text: string) => async () => (made++, card(text));
    const first = await cards.get('a', make('A'));
    assert.equal(await cards.get('a', make('other')), first);
    assert.equal(made, 1);
    assert.ok(Object.isFrozen(first) && Object.isFrozen((first as any).body[0]), 'frozen to the leaves');
    assert.throws(() => ((first as any).body[0].text = 'changed'));
    await cards.get('b', make('B'));
    await cards.get('a', make('A again')); // a is now the most recently used
    await cards.get('c', make('C')); // b goes
    assert.equal(cards.size, 2);
    assert.equal(made, 3);
    assert.equal(await cards.get('a', make('A anew')), first, 'a was kept');
    assert.equal(((await cards.get('b', make('B anew'))) as any).body[0].text, 'B anew', 'b was let go');
  });

  it('should keep nothing when making the card fails', async () => {
    const cards = new RememberedCards();
    await assert.rejects(
      cards.get('a', async () => {
        throw new Error('store down');
      }),
    );
    assert.equal(cards.size, 0);
    assert.equal(
      (await cards.get('a', async () => card('made'))) as any,
      (await cards.get('a', async () => card('x'))) as any,
    );
  });
});

describe('The visit card remembered between refreshes (issue 12)', function () {
  this.timeout(60_000);
  let world: World;
  const visitId = 'visit-cycle-1-1';
  beforeEach(async () => {
    world = await startWorld('sqlite');
    await world.act(world.anna, 'visit.plan.submit', planData(world));
  });
  afterEach(async () => world.stop());

  const ctx = () => ({ services: world.bot.service.services, tenantId: TENANT, now: world.now });
  const read = async () => {
    const visit = (await world.bot.store.read(world.schoolId, 'visit', visitId)) as Stored<Visit>;
    const cycle = (await world.bot.store.read(world.schoolId, 'cycle', visit.cycleId)) as Stored<Cycle>;
    return { visit, cycle };
  };
  const cardFor = async (viewer = world.ben.aadObjectId, locale: 'nl' | 'en' = 'nl') => {
    const { visit, cycle } = await read();
    return visitCard(ctx(), { schoolId: world.schoolId, timezone: 'Europe/Amsterdam' }, visit, cycle, viewer, locale);
  };
  const text = (value: unknown) => JSON.stringify(value);

  it('should hand back the same card while nothing it shows has changed, and a new one for another viewer or language', async () => {
    const first = await cardFor();
    assert.equal(await cardFor(), first, 'the second refresh is not rendered again');
    assert.ok(Object.isFrozen(first));
    const anna = await cardFor(world.anna.aadObjectId);
    assert.notEqual(anna, first);
    assert.notEqual(text(anna), text(first), "Anna's own view differs (Ben confirms, she does not)");
    const english = await cardFor(world.ben.aadObjectId, 'en');
    assert.notEqual(english, first);
    assert.match(text(english), /Lesson visit|visit/i);
  });

  it('should make the card anew when the visit changes, a name changes or the minute turns', async () => {
    const before = await cardFor();
    assert.match(text(before), /visit\.confirm/);
    await world.act(world.ben, 'visit.confirm', { visitId, revision: 1 });
    const confirmed = await cardFor();
    assert.notEqual(confirmed, before);
    assert.doesNotMatch(text(confirmed), /"verb":"visit\.confirm"/, 'the confirmed visit has no confirm button');

    // Anna's turn brings her new Teams name (stored on her membership: the roster's name).
    await world.say({ ...world.anna, name: 'Annemiek de Vries' }, 'help');
    const renamed = await cardFor();
    assert.notEqual(renamed, confirmed);
    assert.match(text(renamed), /Annemiek de Vries/);

    world.now = world.now.plus({ seconds: 59 - world.now.second });
    assert.equal(await cardFor(), renamed, 'the same minute: the same card');
    world.now = world.now.plus({ seconds: 1 });
    assert.notEqual(await cardFor(), renamed, 'the next minute: made anew');
  });

  it('should hand back the remembered card to the next turn over HTTP: the running service keeps it, not the turn', async () => {
    const cards = world.bot.service.services.rememberedCards;
    const first = await world.act(world.anna, 'visit.refresh', { visitId });
    const before = { ...cards.counts };
    const second = await world.act(world.anna, 'visit.refresh', { visitId });
    assert.deepEqual(
      cards.counts,
      { remembered: before.remembered + 1, made: before.made },
      'the second refresh made no card',
    );
    assert.equal(text(second.body.value), text(first.body.value));
    await world.act(world.anna, 'visit.refresh', { visitId }, { locale: 'en-GB' });
    assert.equal(cards.counts.made, before.made + 1, 'another language: another card');
  });

  it("should read the school's documents for a refresh in one go: the card's refresh names its pair, cycle and programme", async () => {
    // The card Anna holds (the first refresh of it answers with the card as Teams shows it).
    const card = (await world.act(world.anna, 'visit.refresh', { visitId })).body.value;
    const data = card.refresh.action.data;
    assert.deepEqual(Object.keys(data).sort(), ['cycleId', 'pairId', 'programmeId', 'schoolId', 'visitId']);
    const store = world.bot.store;
    const reads = [sinon.spy(store, 'read'), sinon.spy(store, 'readPartition'), sinon.spy(store, 'query')];
    try {
      const refreshed = await world.act(world.anna, 'visit.refresh', data);
      assert.equal(refreshed.status, 200);
      // (The names may query a profile when the roster gave none: that is the names' own read.)
      const ofSchool = reads
        .flatMap((spy): { args: readonly unknown[] }[] => spy.getCalls())
        .filter((call) => call.args[0] === world.schoolId && (call.args[1] as { type?: string }).type !== 'profile');
      assert.equal(
        ofSchool.length,
        1,
        `one read of the school's partition, was ${ofSchool.length}: the school, visit, pair, cycle, programme`,
      );
      // A forged pair id is only read ahead: the card is the visit's own, nothing of the other pair shows.
      reads.forEach((spy) => spy.resetHistory());
      const forged = await world.act(world.anna, 'visit.refresh', { ...data, pairId: 'pair-2', cycleId: 'cycle-2' });
      assert.equal(forged.status, 200);
      assert.equal(text(forged.body.value), text(refreshed.body.value));
      assert.doesNotMatch(text(forged.body.value), /Carl/);
    } finally {
      reads.forEach((spy) => spy.restore());
    }
  });

  it('should show the observation button the minute the visit starts, over HTTP', async () => {
    await world.act(world.ben, 'visit.confirm', { visitId, revision: 1 });
    const { visit } = await read();
    const waiting = await world.act(world.anna, 'visit.refresh', { visitId });
    assert.doesNotMatch(text(waiting.body.value), /"verb":"observation\.open"/);
    assert.equal(
      text((await world.act(world.anna, 'visit.refresh', { visitId })).body.value),
      text(waiting.body.value),
    );
    world.now = DateTime.fromISO(visit.startsAt).minus({ seconds: 1 });
    assert.doesNotMatch(
      text((await world.act(world.anna, 'visit.refresh', { visitId })).body.value),
      /"verb":"observation\.open"/,
    );
    world.now = world.now.plus({ seconds: 1 });
    assert.match(
      text((await world.act(world.anna, 'visit.refresh', { visitId })).body.value),
      /"verb":"observation\.open"/,
    );
  });

  it('should not remember a card whose moments are not whole minutes (the rules would turn mid-minute)', async () => {
    const { visit } = await read();
    await world.bot.store.replace({ ...visit, startsAt: visit.startsAt.replace(/:00(\.000)?Z$/, ':30.000Z') });
    const { visit: odd } = await read();
    assert.match(odd.startsAt, /:30\.000Z$/);
    const first = await cardFor();
    assert.notEqual(await cardFor(), first);
    assert.equal(text(await cardFor()), text(first));
  });
});
