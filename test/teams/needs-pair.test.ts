/**
 * "Er zit iets in de weg" / "Something is in the way" (issue 15 item 1) over HTTP, on SQLite and
 * the Cosmos DB API server: the button on the nudge, the visit card and `mijn cyclus` opens the
 * form for the step the pair is on; sending it saves one open need and answers in place in the
 * reader's language; what is refused is said on the card and changes nothing.
 */
import { strict as assert } from 'node:assert';
import { nudgeView } from '../../src/app/nudges/nudge-view';
import { renderNudgeMessage } from '../../src/teams/features/nudges/nudge-card';
import { startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../app/visits/world';
import { at } from '../domain/builders';

after(stopLocalCosmos);

interface Node {
  readonly type?: string;
  readonly id?: string;
  readonly verb?: string;
  readonly title?: string;
  readonly text?: string;
  readonly value?: unknown;
  readonly data?: Record<string, unknown>;
  readonly [key: string]: unknown;
}

/** Every object in a card (body, actions, nested containers), depth first. */
function nodes(card: unknown): Node[] {
  const found: Node[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      found.push(node as Node);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const needButton = (card: unknown) => nodes(card).find((n) => n.type === 'Action.Execute' && n.verb === 'need.open');
const input = (card: unknown, id: string) => nodes(card).find((n) => n.id === id);

for (const kind of STORE_KINDS) {
  describe(`a pair says what is in its way (bot over HTTP, ${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    const needs = () => world.bot.store.query(world.schoolId, { type: 'pairNeed' });

    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    /** Press the button of a card, then send the form it opens with these inputs. */
    async function pressAndSend(button: Node, inputs: Record<string, unknown>, locale = 'nl-NL') {
      const opened = await world.act(world.anna, 'need.open', button.data ?? {}, { locale });
      assert.equal(opened.status, 200, JSON.stringify(opened.body));
      const send = nodes(opened.body.value).find((n) => n.verb === 'need.request');
      assert.ok(send, 'the form has a send button');
      return {
        form: opened.body.value,
        sent: await world.act(world.anna, 'need.request', { ...send.data, ...inputs }, { locale }),
      };
    }

    it("should open the form from the status card for the pair's step and save one open need, answering in place", async () => {
      const status = await world.say(world.anna, 'mijn cyclus');
      const card = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`).at(-1);
      assert.equal(status.status, 200);
      const button = needButton(card);
      assert.equal(button?.title, 'Er zit iets in de weg');
      const { form, sent } = await pressAndSend(button!, {
        categories: 'coverNeeded,noFreeTime',
        neededBy: '2026-03-20',
        pairNote: 'PAIR-NOTE-1: dinsdag vijfde uur',
      });
      assert.match(JSON.stringify(form), /Voor het plannen van een lesbezoek/);
      assert.deepEqual(
        (input(form, 'categories')?.choices as { title: string }[]).map((c) => c.title),
        [
          'Geen vrije tijd in het rooster om te kijken',
          'Roosterbotsing met de les van mijn collega',
          'Werkdruk',
          'Vervanging nodig voor mijn klas',
          'Iets anders',
        ],
      );
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const answer = JSON.stringify(sent.body.value);
      assert.match(
        answer,
        /Je verzoek staat bij de schoolleider: geen vrije tijd in het rooster om te kijken en vervanging nodig voor mijn klas\./,
      );
      assert.match(answer, /Nodig vóór vrijdag 20 maart/);
      assert.ok(!nodes(sent.body.value).some((n) => n.verb === 'need.request'), 'no second send button');
      const retried = await world.act(world.anna, 'need.request', {
        ...nodes(form).find((n) => n.verb === 'need.request')!.data,
        categories: 'coverNeeded,noFreeTime',
        neededBy: '2026-03-20',
        pairNote: 'PAIR-NOTE-1: dinsdag vijfde uur',
      });
      assert.match(
        JSON.stringify(retried.body.value),
        /Je verzoek staat bij de schoolleider/,
        'a Teams retry: the same answer',
      );
      assert.ok(
        world.bot.logs.some((line) => line.includes('pair need requested')),
        'the request is logged',
      );
      assert.ok(!world.bot.logs.join('\n').includes('PAIR-NOTE-1'), 'but never its note');
      const stored = await needs();
      assert.equal(stored.length, 1);
      assert.deepEqual(
        [
          stored[0]!.id,
          stored[0]!.step,
          stored[0]!.categories,
          stored[0]!.neededBy,
          stored[0]!.pairNote,
          stored[0]!.requestedBy,
        ],
        [
          'need:pair-1:noVisitPlanned:1',
          'noVisitPlanned',
          ['noFreeTime', 'coverNeeded'],
          '2026-03-20',
          'PAIR-NOTE-1: dinsdag vijfde uur',
          world.anna.aadObjectId,
        ],
      );
      // mijn cyclus now says the request is open (categories and date, never the note).
      await world.say(world.ben, 'mijn cyclus');
      const statusCard = JSON.stringify(world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`).at(-1));
      assert.match(
        statusCard,
        /Jullie verzoek aan de school staat open sinds maandag 2 maart: geen vrije tijd in het rooster om te kijken en vervanging nodig voor mijn klas\./,
      );
      assert.ok(!statusCard.includes('PAIR-NOTE-1'));
      // Opening it again shows the open request, prefilled; sending again updates it (one need).
      const again = await world.act(world.ben, 'need.open', {});
      assert.match(JSON.stringify(again.body.value), /Er staat al een verzoek open sinds maandag 2 maart/);
      assert.equal(input(again.body.value, 'categories')?.value, 'noFreeTime,coverNeeded');
      assert.equal(input(again.body.value, 'pairNote')?.value, 'PAIR-NOTE-1: dinsdag vijfde uur');
      const send = nodes(again.body.value).find((n) => n.verb === 'need.request')!;
      const updated = await world.act(world.ben, 'need.request', { ...send.data, categories: 'workload' });
      assert.match(JSON.stringify(updated.body.value), /Je verzoek is bijgewerkt: werkdruk\./);
      assert.equal((await needs()).length, 1);
      assert.deepEqual((await needs())[0]!.categories, ['workload']);
    });

    it("should answer in the reader's language (English) from the nudge's button", async () => {
      const nudge = renderNudgeMessage(
        nudgeView({
          locale: 'en',
          timezone: 'Europe/Amsterdam',
          schoolId: world.schoolId,
          programme: { id: 'programme-1', nudgeSenderName: 'Koos', endDate: '2026-06-30' },
          pairId: 'pair-1',
          verdict: { kind: 'noVisitPlanned', recipientIds: [], verb: 'visit.plan', since: '2026-02-02', days: 28 },
          recipientName: 'Anna',
          partnerNames: ['Ben'],
          visitsDone: 0,
          visitsAgreed: 2,
          now: world.now,
        }),
        'en',
      ).card;
      const button = needButton(nudge);
      assert.equal(button?.title, 'Something is in the way');
      const { form, sent } = await pressAndSend(button!, { categories: 'timetableClash' }, 'en-GB');
      assert.match(JSON.stringify(form), /For planning a visit/);
      assert.match(
        JSON.stringify(sent.body.value),
        /Your request is with the school leader: timetable clash with my partner's lesson\. Until there is an answer, you get no nudges for planning a visit\./,
      );
      assert.equal((await needs())[0]?.pairNote, undefined);
    });

    it('should offer the button on the visit card to the pair only, and tie the need to the open visit', async () => {
      world.now = at('2026-03-12T10:00'); // Carl's visit (pair-2) was on 10 March: the observation is due
      const visitCard = await world.act(world.carl, 'visit.show', { visitId: 'visit-cycle-2-1' });
      const button = needButton(visitCard.body.value);
      assert.equal(button?.title, 'Er zit iets in de weg');
      assert.deepEqual(button?.data, { pairId: 'pair-2', visitId: 'visit-cycle-2-1', schoolId: world.schoolId });
      const carlOpens = await world.act(world.carl, 'need.open', button!.data);
      assert.match(JSON.stringify(carlOpens.body.value), /Voor het schrijven van de observatie/);
      const send = nodes(carlOpens.body.value).find((n) => n.verb === 'need.request')!;
      assert.deepEqual(send.data, {
        pairId: 'pair-2',
        step: 'noObservation',
        visitId: 'visit-cycle-2-1',
        schoolId: world.schoolId,
      });
      const forged = await world.act(world.anna, 'need.request', { ...send.data, categories: 'workload' });
      assert.equal(forged.body.value?.code, 'CYCLE_CLOSED', 'Anna is not in pair-2');
      const sent = await world.act(world.carl, 'need.request', { ...send.data, categories: 'workload' });
      assert.equal(sent.status, 200);
      const stored = await needs();
      assert.deepEqual(
        stored.map((n) => [n.id, n.visitId, n.personIds]),
        [['need:pair-2:noObservation:1', 'visit-cycle-2-1', [world.carl.aadObjectId, 'teacher-d']]],
      );
    });

    it('should refuse on the card, keeping what was typed, and change nothing: no category, a date in the past, after the programme, a note too long', async () => {
      const opened = await world.act(world.anna, 'need.open', {});
      const send = nodes(opened.body.value).find((n) => n.verb === 'need.request')!;
      const before = await world.snapshot(world.schoolId);
      for (const [inputs, code, sentence] of [
        [{ categories: '' }, 'FIELD_REQUIRED', /Vul "Wat zit er in de weg\?" in/],
        [{ categories: 'workload', neededBy: '2026-03-01' }, 'DATE_IN_PAST', /al voorbij/],
        [
          { categories: 'workload', neededBy: '2026-07-15' },
          'DATE_OUTSIDE_PROGRAMME',
          /buiten de looptijd van het traject/,
        ],
        [{ categories: 'workload', pairNote: 'x'.repeat(501) }, 'TEXT_TOO_LONG', /Notitie voor jullie tweeën/],
      ] as const) {
        const refused = await world.act(world.anna, 'need.request', { ...send.data, ...inputs });
        assert.equal(refused.status, 200, `${code}: the card comes back`);
        const card = refused.body.value;
        const banner = nodes(card).find((n) => n.id === `error.${code}`);
        assert.ok(banner, `${code}: ${JSON.stringify(card).slice(0, 300)}`);
        assert.match(String(banner.text), sentence);
        if ('neededBy' in inputs)
          assert.equal(input(card, 'neededBy')?.value, inputs.neededBy, 'the typed date is kept');
      }
      assert.deepEqual(await needs(), []);
      assert.deepEqual(await world.snapshot(world.schoolId), before);
    });

    it('should say there is nothing to clear, without a form, when the cycle is complete, and refuse a card of an old pair', async () => {
      const cycle = (await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1'))!;
      await world.bot.store.replace({ ...cycle, status: 'complete', visitsCompleted: 2 });
      const opened = await world.act(world.anna, 'need.open', { pairId: 'pair-1' }, { locale: 'en-GB' });
      assert.match(
        JSON.stringify(opened.body.value),
        /Your cycle is complete or closed, so there is no step for the school to clear/,
      );
      assert.ok(!nodes(opened.body.value).some((n) => n.verb === 'need.request'));
      const old = await world.act(world.anna, 'need.open', { pairId: 'pair-0' });
      assert.equal(old.body.value?.code, 'CYCLE_CLOSED');
      assert.deepEqual(await needs(), []);
    });

    it('should refuse forged data with a clear answer and store nothing: an unknown category, a step that is no step, a note where the programme keeps texts in the tab', async () => {
      const opened = await world.act(world.anna, 'need.open', {});
      const send = nodes(opened.body.value).find((n) => n.verb === 'need.request')!;
      const forgedCategory = await world.act(world.anna, 'need.request', {
        ...send.data,
        categories: 'workload,bonus',
      });
      assert.equal(forgedCategory.body.value?.code, 'INVALID_INPUT');
      assert.match(forgedCategory.body.value?.message, /Er klopt iets niet in dit formulier/);
      const forgedStep = await world.act(world.anna, 'need.request', {
        ...send.data,
        step: 'everything',
        categories: 'workload',
      });
      assert.equal(forgedStep.body.value?.code, 'INVALID_INPUT');
      const programme = (await world.bot.store.read(world.schoolId, 'programme', 'programme-1'))!;
      await world.bot.store.replace({ ...programme, textsInTabOnly: true });
      const inTab = await world.act(world.anna, 'need.open', {});
      assert.equal(input(inTab.body.value, 'pairNote'), undefined, 'no note field on the card');
      const forgedNote = await world.act(world.anna, 'need.request', {
        ...send.data,
        categories: 'workload',
        pairNote: 'toch',
      });
      assert.match(JSON.stringify(forgedNote.body.value), /TEXTS_IN_TAB/);
      assert.deepEqual(await needs(), []);
    });
  });
}
