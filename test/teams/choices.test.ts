/**
 * Choices stored as keys, shown in the reader's language (issue 11 item 2), walked over HTTP:
 * an English planner picks a focus from the list, her Dutch partner reads it in Dutch on his
 * card and in the tab; a focus stored as a label before keys reads the same way; typed words
 * stay as written; the English leader's setup card suggests English themes.
 */
import { strict as assert } from 'node:assert';
import { teacherView } from '../../src/app/tab/queries';
import { visitNotesView } from '../../src/app/tab/visit-notes';
import type { Visit } from '../../src/domain/entities';
import { tenantPartitionFor } from '../../src/teams/ids';
import type { Stored } from '../../src/store/store';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { TENANT, type Person } from '../support/teams-activities';

after(stopLocalCosmos);

const text = (card: unknown) => JSON.stringify(card);
const personal = (p: Person) => `a:personal-${p.aadObjectId}`;
const choicesOf = (card: any, id: string): { title: string; value: string }[] =>
  card.body.find((b: any) => b.id === id)?.choices ?? [];

for (const kind of STORE_KINDS) {
  describe(`choices in the reader's language over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
      // Ben talks to Tweetal in Dutch, Anna in English.
      await world.say(world.ben, 'help', 'nl-NL');
    });
    afterEach(async () => world.stop());

    const tabOf = (who: Person, locale: 'nl' | 'en') => ({
      user: { userId: who.aadObjectId, tenantId: TENANT, tenantPartition: tenantPartitionFor(TENANT) },
      locale,
      now: world.now,
    });
    const visit = async () => (await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1')) as Stored<Visit>;

    it("should store an English planner's focus as its key and show it in Dutch on the Dutch partner's card and tab", async () => {
      await world.say(world.anna, 'plan', 'en-US');
      const plan = world.bot.connector.sentCards(personal(world.anna)).at(-1);
      const focus = choicesOf(plan, 'focusChoice');
      assert.deepEqual(focus[0], { title: 'Effective instruction', value: 'theme.effectiveInstruction' }, 'the theme');
      assert.ok(focus.some((c) => c.title === 'Activating teaching' && c.value === 'icalt.activatingTeaching'));
      assert.doesNotMatch(text(plan), /Activerende instructie|effectieve instructie/);

      const planned = await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, { focusChoice: 'icalt.activatingTeaching' }),
        { locale: 'en-US' },
      );
      assert.equal(planned.status, 200, JSON.stringify(planned.body));
      assert.equal((await visit()).focus, 'icalt.activatingTeaching', 'stored as the key');
      assert.match(text(planned.body.value), /"title":"Focus","value":"Activating teaching"/, "Anna's own card");

      const toBen = world.bot.connector.sentCards(personal(world.ben)).at(-1);
      assert.match(text(toBen), /"title":"Kijkdoel","value":"Activerende instructie"/, "Ben's card in Dutch");
      assert.doesNotMatch(text(toBen), /Activating teaching|icalt\./);

      const tab = text(await teacherView(world.bot.store, tabOf(world.ben, 'nl')));
      assert.match(tab, /"focus":"Activerende instructie"/, "Ben's tab in Dutch");
      assert.match(tab, /"theme":"Effectieve instructie"/);
      assert.doesNotMatch(tab, /Activating teaching|icalt\.|theme\./);
      const notes = await visitNotesView(world.bot.store, tabOf(world.anna, 'en'), 'visit-cycle-1-1');
      assert.equal(notes.plan.focus, 'Activating teaching', "Anna's visit notes in the tab, in English");
    });

    it('should show a focus stored as a label before keys in the reader’s language, and typed words as written', async () => {
      await world.act(world.anna, 'visit.plan.submit', planData(world), { locale: 'en-US' });
      // A visit planned before keys: the label of the English card, as it was stored then.
      const before = await visit();
      await world.bot.store.replace({ ...before, focus: 'Activating teaching' });
      const refreshed = await world.act(world.ben, 'visit.refresh', { visitId: 'visit-cycle-1-1' });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.match(text(refreshed.body.value), /"title":"Kijkdoel","value":"Activerende instructie"/);
      const tab = text(await teacherView(world.bot.store, tabOf(world.ben, 'nl')));
      assert.match(tab, /"focus":"Activerende instructie"/);

      const typed = await visit();
      await world.bot.store.replace({ ...typed, focus: 'Activating teaching with mini whiteboards' });
      const own = await world.act(world.ben, 'visit.refresh', { visitId: 'visit-cycle-1-1' });
      assert.match(text(own.body.value), /"title":"Kijkdoel","value":"Activating teaching with mini whiteboards"/);
    });

    it('should suggest English themes on the English setup card, each with its key as the value', async () => {
      await world.say(world.lena, 'setup', 'en-US');
      const setup = world.bot.connector.sentCards(personal(world.lena)).at(-1);
      assert.deepEqual(
        choicesOf(setup, 'themeChoice').map((c) => c.title),
        ['Effective instruction', 'Cooperative learning', 'Sustainable learning', 'The seventy-minute timetable'],
      );
      assert.equal(
        choicesOf(setup, 'themeChoice').find((c) => c.title === 'Cooperative learning')?.value,
        'theme.cooperativeLearning',
      );
      assert.doesNotMatch(text(setup), /effectieve instructie|coöperatief leren/i);
    });
  });
}
