/**
 * "Teachers' texts only in the personal tab" over HTTP (issue 13 item 4): with the programme
 * setting on, no card sent or returned carries a teacher's words — the plan card asks for none,
 * the visit card shows only that something was written with a button to the tab, the forms and
 * the notes point to the tab, and a card action that carries text (a forged one too) is refused
 * with TEXTS_IN_TAB, storing nothing. The texts written through the tab's use cases are read
 * back in the tab only.
 */
import { strict as assert } from 'node:assert';
import { postObservation, postReflection } from '../../src/app/observations/post-observation';
import { at } from '../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { refusalOf } from '../support/refusal';

after(stopLocalCosmos);

const VISIT = 'visit-cycle-1-1';
const MARKER = 'MARKER-TAB-ONLY-7f3a';
const text = (x: unknown) => JSON.stringify(x);

async function textsInTabOn(world: World): Promise<void> {
  const programme = (await world.bot.store.read(world.schoolId, 'programme', 'programme-1'))!;
  await world.bot.store.replace({ ...programme, textsInTabOnly: true });
}

/** Every card that left the bot: sent or updated through the connector stand-in. */
const connectorCards = (world: World) => text([...world.bot.connector.sent(), ...world.bot.connector.updated()]);

for (const kind of STORE_KINDS) {
  describe(`Texts only in the personal tab, over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
      await textsInTabOn(world);
    });
    afterEach(async () => world.stop());

    it('should plan without texts on the cards and refuse a plan card that carries a lesson, focus or goal', async () => {
      await world.say(world.anna, 'plannen');
      const formJson = text(world.bot.connector.sent());
      assert.match(formJson, /visit\.plan\.submit/);
      for (const id of ['"lesson"', '"focusChoice"', '"focusOther"', '"discussionGoal"'])
        assert.ok(!formJson.includes(`"id":${id}`), `the plan card has no ${id} input`);
      assert.match(formJson, /tabblad Tweetal/);

      const forged = await world.act(world.anna, 'visit.plan.submit', planData(world, { lesson: MARKER }));
      assert.equal(refusalOf(forged)?.code, 'TEXTS_IN_TAB');
      assert.ok(!text(forged.body).includes(MARKER), 'the refusal does not echo the text');
      assert.equal(await world.bot.store.read(world.schoolId, 'visit', VISIT), undefined, 'nothing stored');

      const planned = await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, { lesson: '', focusChoice: '', focusOther: '', discussionGoal: '' }),
      );
      assert.equal(planned.status, 200, text(planned.body));
      const card = text(planned.body);
      assert.match(card, /Les, kijkdoel en bespreekdoel: in het tabblad Tweetal/);
      assert.match(
        card,
        /"type":"Action.OpenUrl"[^}]*"url":"http:\/\/127\.0\.0\.1:\d+\/tab\/index\.html\?visit=visit-cycle-1-1"/,
      );
      const visit = await world.bot.store.read(world.schoolId, 'visit', VISIT);
      assert.equal(visit?.state, 'proposed');
      assert.deepEqual([visit?.lesson, visit?.focus, visit?.discussionGoal], ['', '', '']);
    });

    it('should refuse forged observation, reflection and agreements cards and show only who wrote what', async () => {
      await world.act(
        world.anna,
        'visit.plan.submit',
        planData(world, { lesson: '', focusChoice: '', focusOther: '', discussionGoal: '' }),
      );
      await world.act(world.ben, 'visit.confirm', { visitId: VISIT, revision: 1 });
      world.now = at('2026-03-10T11:00');

      const open = await world.act(world.anna, 'observation.open', { visitId: VISIT });
      assert.ok(!text(open.body).includes('"Input.'), 'the observation form is not in the chat');
      assert.match(text(open.body), /Schrijf je observatie in het tabblad Tweetal/);

      // Forged: with judging words too, whose coach form would have shown the text.
      for (const facts of [`${MARKER} drie leerlingen stonden op`, `${MARKER} goede les, mooi gedaan`]) {
        const forged = await world.act(world.anna, 'observation.submit', { visitId: VISIT, facts, keep: true });
        assert.equal(refusalOf(forged)?.code, 'TEXTS_IN_TAB', text(forged.body));
        assert.ok(!text(forged.body).includes(MARKER));
      }
      assert.equal(await world.bot.store.read(world.schoolId, 'observation', `observation-${VISIT}`), undefined);

      // The tab writes through the same use case, marked as coming from the tab.
      await postObservation(
        world.bot.store,
        world.schoolId,
        VISIT,
        world.anna.aadObjectId,
        world.now,
        { facts: `${MARKER} drie leerlingen stonden op`, questions: '' },
        undefined,
        'tab',
      );
      const reflect = await world.act(world.ben, 'reflection.submit', { visitId: VISIT, reflection: MARKER });
      assert.equal(refusalOf(reflect)?.code, 'TEXTS_IN_TAB');
      await postReflection(
        world.bot.store,
        world.schoolId,
        VISIT,
        world.ben.aadObjectId,
        world.now,
        MARKER,
        undefined,
        'tab',
      );

      const notes = await world.act(world.ben, 'observation.read', { visitId: VISIT });
      const notesJson = text(notes.body);
      assert.match(notesJson, /Anna( de Vries)? heeft de observatie geschreven — lees die in het tabblad Tweetal/);
      assert.match(notesJson, /Ben( Jansen)? heeft een reflectie geschreven/);
      assert.ok(!notesJson.includes(MARKER));
      const shown = await world.act(world.ben, 'visit.show', { visitId: VISIT });
      assert.match(text(shown.body), /Anna( de Vries)? heeft de observatie geschreven/);
      assert.ok(!text(shown.body).includes('observation.open') && !text(shown.body).includes('"Input.Text"'));

      const record = await world.act(world.anna, 'debrief.record.submit', {
        visitId: VISIT,
        agreements: MARKER,
        nextStep: MARKER,
      });
      assert.ok(['TEXTS_IN_TAB'].includes(refusalOf(record)?.code ?? ''), text(record.body));
      assert.equal(await world.bot.store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`), undefined);

      const leader = await world.act(world.lena, 'observation.read', { visitId: VISIT });
      assert.equal(refusalOf(leader)?.code, 'NOT_A_PAIR_MEMBER');
      assert.ok(!connectorCards(world).includes(MARKER), 'no card sent to Teams carries the text');
      assert.ok(!world.bot.logs.some((line) => line.includes(MARKER)), 'nor any log line');
    });

    it('should keep the cards as they were when the setting is off (default)', async () => {
      const programme = (await world.bot.store.read(world.schoolId, 'programme', 'programme-1'))!;
      await world.bot.store.replace({ ...programme, textsInTabOnly: false });
      const planned = await world.act(world.anna, 'visit.plan.submit', planData(world));
      assert.match(text(planned.body), /3B wiskunde/);
      assert.ok(!text(planned.body).includes('tabblad Tweetal'));
    });
  });
}
