/**
 * A school runs a whole programme, end to end through the real handler over HTTP, on SQLite and
 * on Cosmos DB: install in the team, programme setup, profiles, pairing with explanations,
 * partners told 1:1, two visits with swapped roles (observation with the judging-words hint,
 * reflection, debrief with a meeting link, agreements), the cycle complete; meanwhile the trio
 * falls behind and is nudged by the job (only on a school day within school hours), the digest
 * (on demand and weekly) and the leader's tab show completion only, never a teacher's words; the
 * logs neither. Finally a teacher exports and deletes her data, and the counts stay.
 *
 * The steps of one story run in order and share the world; a step after a failed one fails fast
 * with "an earlier step failed". Nobody types an id: card data comes from the cards the bot sent.
 */
import { strict as assert } from 'node:assert';
import {
  actionData,
  cardOf,
  cardText,
  conversationOf,
  inputValues,
  LEADER,
  local,
  SCHOOL_ID,
  startSchool,
  stopSchoolCosmos,
  STORE_KINDS,
  TEACHERS,
  verbsOf,
  type SchoolWorld,
} from './school-world';
import { TENANT, type Person } from '../support/teams-activities';
import { tenantPartitionFor } from '../../src/teams/ids';

after(stopSchoolCosmos);

const [anna, bram, chris, dewi, eva] = TEACHERS;
const json = (x: unknown) => JSON.stringify(x);

/** Teachers' words, each unique, so any leak is found wherever it ends up. */
const WORDS = {
  judged: 'Goede les! MRK-JUDGED-1a9 de klas was rustig.',
  facts1: 'MRK-FACTS-1b7 Drie leerlingen stonden op tijdens de instructie; je liep naar het bord.',
  questions1: 'MRK-QUESTION-1c3 Wat merkte jij van de onrust?',
  reflection1: 'MRK-REFLECTION-1d5 Ik sprak lang; de check kwam laat.',
  agreements1: 'MRK-AGREEMENTS-1e2 Kortere instructie, na tien minuten een check.',
  nextStep1: 'MRK-NEXTSTEP-1f8 Wisbordjes uitproberen.',
  facts2: 'MRK-FACTS-2a4 Vijf leerlingen werkten samen aan opdracht 3.',
  reflection2: 'MRK-REFLECTION-2b6 Het samenwerken liep beter dan ik dacht.',
  agreements2: 'MRK-AGREEMENTS-2c1 Doorgaan met coöperatieve werkvormen.',
  nextStep2: 'MRK-NEXTSTEP-2d9 Volgend traject samen.',
} as const;
const MARKER = /MRK-[A-Z]+-[0-9a-z]{3}/;
const leaks = (text: string): string[] =>
  Object.values(WORDS)
    .map((w) => MARKER.exec(w)![0])
    .filter((m) => text.includes(m));

/** The button with this verb on the answer's card. */
const answerCard = (response: { status: number; body: any }, what: string): any => {
  assert.equal(response.status, 200, `${what}: ${json(response.body)}`);
  assert.equal(response.body?.type, 'application/vnd.microsoft.card.adaptive', `${what}: a card comes back`);
  return response.body.value;
};

for (const kind of STORE_KINDS) {
  describe(`A school runs a whole programme over HTTP (${kind})`, function () {
    this.timeout(120_000);
    let world: SchoolWorld;
    let failed = false;
    let partner: Person; // Anna's partner, as the bot told her
    let trio: Person[]; // the others, who fall behind
    let programmeId: string;
    const leaderSaw: string[] = []; // everything the leader was shown or given, as text
    let digestBefore = '';

    /** The digest: 2 of 5 visits (2 for the pair, 3 for the trio), 2 debriefs, 1 pair complete (not "on track"), the trio behind on "plan a visit". */
    const assertDigest = (text: string, what: string) => {
      assert.match(text, /Weekoverzicht: Effectieve instructie/, what);
      assert.match(text, /Lesbezoeken gedaan\n2 van 5/, what);
      assert.match(text, /Nagesprekken gevoerd\n2/, what);
      assert.match(text, /Tweetallen rond\n1/, what);
      assert.match(text, /Tweetallen op schema\n0/, what);
      assert.match(text, /Tweetallen die achterlopen\n1/, what);
      assert.match(
        text,
        /Bram Jansen, Chris Bakker en Eva Mulder\nlesbezoek plannen/,
        `${what}: the trio and its step`,
      );
      assert.ok(
        !text.includes(anna.name) && !text.includes(partner.name),
        `${what}: the complete pair is not listed as behind`,
      );
    };

    before(async () => {
      world = await startSchool(kind, local('2026-02-03T10:00')); // Tuesday
    });
    after(async () => world?.stop());
    beforeEach(function () {
      if (failed) throw new Error('an earlier step failed');
    });
    afterEach(function () {
      if (this.currentTest?.state === 'failed') failed = true;
    });

    it('should greet the team and know every member of the roster when the bot is installed', async () => {
      const greeting = world.bot.connector.sentCards(
        world.bot.connector.calls.find((c) => c.body?.conversation?.conversationType === 'channel')?.conversationId,
      );
      assert.equal(greeting.length, 1, 'one greeting in the channel');
      assert.match(cardText(greeting[0]), /traject/);
      assert.ok(
        world.bot.connector.calls.some((c) => c.method === 'GET' && /pagedmembers/.test(c.path)),
        'the roster was read',
      );
      for (const p of [LEADER, ...TEACHERS]) {
        const membership = await world.store.read(tenantPartitionFor(TENANT), 'membership', `member-${p.aadObjectId}`);
        assert.ok(membership?.schoolIds.includes(SCHOOL_ID), `${p.name} is a member of the school`);
      }
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.equal(school?.installed, true);
      assert.deepEqual(school?.leaderIds, [], 'no leader until someone sets up a programme');
    });

    it('should store the programme the leader submits on the setup card and make her its leader', async () => {
      const setup = cardOf((await world.say(LEADER, 'traject'))[0]);
      leaderSaw.push(cardText(setup));
      const { programmeId: id, version } = actionData(setup, 'programme.save');
      programmeId = String(id);
      const saved = answerCard(
        await world.act(LEADER, 'programme.save', {
          ...actionData(setup, 'programme.save'),
          ...inputValues(setup),
          themeChoice: 'effectieve instructie',
          startDate: '2026-02-01',
          endDate: '2026-06-30',
          visitsPerCycle: 2,
          digestWeekday: '1',
          digestHour: 8,
          nudgeSenderName: 'Lotte',
          nudgePersonalLine: 'Koos komt in maart weer langs!',
          quietStart0: '2026-02-16',
          quietEnd0: '2026-02-20',
          quietLabel0: 'voorjaarsvakantie',
        }),
        'programme.save',
      );
      leaderSaw.push(cardText(saved));
      assert.equal(version, '');
      assert.match(cardText(saved), /Het traject is opgeslagen/);
      const programme = await world.store.read(SCHOOL_ID, 'programme', programmeId);
      assert.equal(programme?.visitsPerCycle, 2);
      assert.equal(programme?.digestWeekday, 1);
      assert.equal(programme?.digestHour, 8);
      assert.deepEqual(programme?.quietPeriods, [
        { start: '2026-02-16', end: '2026-02-20', label: 'voorjaarsvakantie' },
      ]);
      assert.deepEqual((await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID))?.leaderIds, [LEADER.aadObjectId]);
    });

    it('should store the profiles the teachers fill in', async () => {
      const profiles: [Person, string, number][] = [
        [anna, 'wiskunde', 20],
        [bram, 'wiskunde', 2],
        [chris, 'Engels', 15],
        [dewi, 'Engels', 1],
        [eva, 'biologie', 8],
      ];
      for (const [who, subjects, years] of profiles) {
        const form = cardOf((await world.say(who, 'profiel'))[0]);
        const saved = answerCard(
          await world.act(who, 'profile.save', {
            ...actionData(form, 'profile.save'),
            ...inputValues(form),
            subjects,
            yearsOfExperience: years,
          }),
          `profile of ${who.name}`,
        );
        assert.match(cardText(saved), /Je profiel is opgeslagen/);
      }
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'profile' })).length, 5);
    });

    it('should suggest pairs with explanations and, once the leader confirms, tell each teacher their partner 1:1', async () => {
      const proposal = cardOf((await world.say(LEADER, 'tweetallen'))[0]);
      const text = cardText(proposal);
      leaderSaw.push(text);
      assert.match(text, /Tweetallen/);
      const groups = inputValues(proposal);
      assert.equal(groups[`group_${LEADER.aadObjectId}`], 0, 'the leader does not take part by default');
      for (const p of TEACHERS)
        assert.ok(Number(groups[`group_${p.aadObjectId}`]) > 0, `${p.name} is in a suggested group`);
      // Each suggestion is explained by its criteria (subjects, experience mix, the trio).
      assert.match(
        text,
        /(V|v)erschillende vakken \(|(Z|z)elfde vak \(/,
        `the suggestions name their subjects:\n${text}`,
      );
      assert.match(text, /mix van ervaring \(\d+.* jaar\)/, `an experience mix is explained:\n${text}`);
      assert.match(text, /drietal omdat het aantal leraren oneven is/, 'the trio is explained');
      // The leader composes deliberately: she keeps Anna with Dewi (a newcomer) and puts the others together.
      const edited = {
        ...groups,
        [`group_${anna.aadObjectId}`]: 1,
        [`group_${dewi.aadObjectId}`]: 1,
        [`group_${bram.aadObjectId}`]: 2,
        [`group_${chris.aadObjectId}`]: 2,
        [`group_${eva.aadObjectId}`]: 2,
      };
      const before = world.bot.connector.calls.length;
      const confirmed = answerCard(
        await world.act(LEADER, 'pairing.confirm', { ...actionData(proposal, 'pairing.confirm'), ...edited }),
        'pairing.confirm',
      );
      leaderSaw.push(cardText(confirmed));
      assert.match(cardText(confirmed), /De 5 leraren krijgen een persoonlijk bericht/);
      const pairs = await world.store.query(SCHOOL_ID, { type: 'pair', where: { status: 'active' } });
      assert.equal(pairs.length, 2, 'five teachers: one pair and one trio, nobody left out');
      for (const p of TEACHERS) {
        const told = world.bot.connector.calls
          .slice(before)
          .filter((c) => c.method === 'POST' && c.conversationId === conversationOf(p) && /\/activities/.test(c.path));
        assert.equal(told.length, 1, `${p.name} is told once, in her or his own 1:1 chat`);
        assert.match(json(told[0]!.body), /Je coachingspartner/);
      }
      // Who Anna's partner is, as the bot told her.
      const toAnna = cardText(world.cardsSeenBy(anna).at(-1));
      const named = TEACHERS.filter((p) => p !== anna && toAnna.includes(p.name));
      assert.equal(named.length, 1, `Anna has one partner: ${toAnna}`);
      partner = named[0]!;
      trio = TEACHERS.filter((p) => p !== anna && p !== partner);
      const annaPair = pairs.find((p) => p.memberIds.includes(anna.aadObjectId))!;
      assert.deepEqual([...annaPair.memberIds].sort(), [anna.aadObjectId, partner.aadObjectId].sort());
      for (const p of trio) assert.match(cardText(world.cardsSeenBy(p).at(-1)), /met z'n drieën/);
    });

    it('should let Anna plan the first visit and her partner confirm it from the card he or she received', async () => {
      const plan = cardOf((await world.say(anna, 'plannen'))[0]);
      const inputs = inputValues(plan);
      assert.equal(inputs['roles'], `${anna.aadObjectId}|${partner.aadObjectId}`, 'the planner observes first');
      const own = answerCard(
        await world.act(anna, 'visit.plan.submit', {
          ...actionData(plan, 'visit.plan.submit'),
          ...inputs,
          date: '2026-02-10',
          time: '09:00',
          lesson: '3B wiskunde',
          focusChoice: 'Duidelijke instructie',
          discussionGoal: 'hoe controleer ik begrip',
          feedbackPreference: 'questions',
          video: 'false',
        }),
        'visit.plan.submit',
      );
      assert.ok(!verbsOf(own).includes('visit.confirm'), 'the planner does not confirm her own plan');
      const { data } = world.button(partner, 'visit.confirm');
      const confirmed = answerCard(await world.act(partner, 'visit.confirm', data), 'visit.confirm');
      assert.ok(!verbsOf(confirmed).includes('visit.confirm'));
      const [visit] = await world.store.query(SCHOOL_ID, { type: 'visit', personId: anna.aadObjectId });
      assert.equal(visit?.state, 'confirmed');
      assert.equal(visit?.startsAt, local('2026-02-10T09:00').toUTC().toISO());
    });

    it('should give the observer the judging-words hint first, then store the revised observation; the observed teacher reflects', async () => {
      world.now = local('2026-02-10T11:00'); // the visit has passed
      await world.look(anna);
      await world.look(partner);
      const form = answerCard(
        await world.act(anna, 'observation.open', world.button(anna, 'observation.open').data),
        'observation.open',
      );
      const hinted = answerCard(
        await world.act(anna, 'observation.submit', {
          ...actionData(form, 'observation.submit'),
          facts: WORDS.judged,
          questions: WORDS.questions1,
        }),
        'judging words',
      );
      assert.match(cardText(hinted), /“Goede”/);
      assert.match(cardText(hinted), /Kun je beschrijven wat je zag of hoorde/);
      assert.equal(
        (await world.store.query(SCHOOL_ID, { type: 'observation' })).length,
        0,
        'nothing stored before she revises or keeps it',
      );
      const revise = executeFirst(hinted, 'observation.submit', (d) => d['keep'] !== true);
      const stored = answerCard(
        await world.act(anna, 'observation.submit', { ...revise, facts: WORDS.facts1, questions: WORDS.questions1 }),
        'revised observation',
      );
      assert.ok(!/“Goede”/.test(cardText(stored)));
      const [observation] = await world.store.query(SCHOOL_ID, { type: 'observation' });
      assert.equal(observation?.facts, WORDS.facts1);
      const reflectionForm = answerCard(
        await world.act(partner, 'reflection.open', world.button(partner, 'reflection.open').data),
        'reflection.open',
      );
      answerCard(
        await world.act(partner, 'reflection.submit', {
          ...actionData(reflectionForm, 'reflection.submit'),
          reflection: WORDS.reflection1,
        }),
        'reflection.submit',
      );
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'reflection' }))[0]?.text, WORDS.reflection1);
    });

    it('should let one partner propose debrief moments and the other pick one, both with a Teams meeting link', async () => {
      const propose = answerCard(
        await world.act(anna, 'debrief.propose.open', world.button(anna, 'debrief.propose.open').data),
        'debrief.propose.open',
      );
      answerCard(
        await world.act(anna, 'debrief.propose.submit', {
          ...actionData(propose, 'debrief.propose.submit'),
          date1: '2026-02-12',
          time1: '15:00',
          date2: '2026-02-13',
          time2: '15:30',
          date3: '',
          time3: '',
        }),
        'debrief.propose.submit',
      );
      const { card, data } = world.button(partner, 'debrief.pick');
      assert.equal(executeAll(card, 'debrief.pick').length, 2, 'one button per proposed moment');
      assert.match(json(data['moment']), /2026-02-12T14:00/);
      const picked = answerCard(await world.act(partner, 'debrief.pick', data), 'debrief.pick');
      const link = /https:\/\/teams\.microsoft\.com\/l\/meeting\/new\?[^"\s]+/.exec(json(picked))?.[0];
      assert.ok(link, 'the partner gets the meeting link');
      assert.equal(new URL(JSON.parse(`"${link}"`)).searchParams.get('startTime'), '2026-02-12T14:00:00Z');
      assert.match(
        json(world.cardsSeenBy(anna).at(-1)),
        /teams\.microsoft\.com\/l\/meeting\/new/,
        "Anna's card shows the link too",
      );
    });

    it('should record the agreements after the debrief and count the visit', async () => {
      world.now = local('2026-02-12T16:00');
      await world.look(partner);
      const record = answerCard(
        await world.act(partner, 'debrief.record.open', world.button(partner, 'debrief.record.open').data),
        'debrief.record.open',
      );
      answerCard(
        await world.act(partner, 'debrief.record.submit', {
          ...actionData(record, 'debrief.record.submit'),
          agreements: WORDS.agreements1,
          nextStep: WORDS.nextStep1,
        }),
        'debrief.record.submit',
      );
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', personId: anna.aadObjectId });
      assert.equal(cycle?.visitsCompleted, 1);
      assert.equal(cycle?.status, 'active');
    });

    it("should nudge exactly the trio, in the leader's name, on a school day within school hours — and nobody at night or in the holiday", async () => {
      const sentTo = (from: number) =>
        world.bot.connector.calls
          .slice(from)
          .filter(
            (c) =>
              c.method === 'POST' &&
              /\/activities/.test(c.path) &&
              c.status === 200 &&
              json(c.body).includes('Een berichtje van Lotte'),
          );

      world.now = local('2026-02-12T20:00'); // Thursday evening
      let from = world.bot.connector.calls.length;
      const night = await world.trigger('nudges');
      assert.equal(night.status, 202, json(night.body));
      assert.equal(night.body.outcome, 'ran');
      assert.equal(night.body.report.sent, 0);
      assert.equal(sentTo(from).length, 0, 'no nudge at night');

      world.now = local('2026-02-13T10:00'); // Friday morning, ten days after pairing
      from = world.bot.connector.calls.length;
      const day = await world.trigger('nudges');
      assert.equal(day.status, 202, json(day.body));
      assert.equal(day.body.report.sent, trio.length, json(day.body));
      const nudges = sentTo(from);
      assert.deepEqual(
        nudges.map((c) => c.conversationId).sort(),
        trio.map(conversationOf).sort(),
        'each member of the trio, nobody else',
      );
      for (const call of nudges) {
        const card = cardOf(call.body);
        assert.match(cardText(card), /Koos komt in maart weer langs!/);
        assert.ok(verbsOf(card).includes('visit.plan.open'), 'a button straight to the plan card');
      }
      const again = await world.trigger('nudges');
      assert.equal(again.body.outcome, 'done', 'the same hour does not run twice');

      world.now = local('2026-02-17T10:00'); // Tuesday, in the spring holiday
      from = world.bot.connector.calls.length;
      const holiday = await world.trigger('nudges');
      assert.equal(holiday.body.report.sent, 0, json(holiday.body));
      assert.equal(holiday.body.report.quietProgrammes, 1);
      assert.equal(sentTo(from).length, 0, 'no nudge in the holiday');
    });

    it('should swap the roles for the second visit and complete the cycle, telling both', async () => {
      world.now = local('2026-02-23T10:00');
      const plan = cardOf((await world.say(partner, 'plannen'))[0]);
      const inputs = inputValues(plan);
      assert.equal(
        inputs['roles'],
        `${partner.aadObjectId}|${anna.aadObjectId}`,
        'roles swap: the partner observes Anna now',
      );
      assert.equal(Number(actionData(plan, 'visit.plan.submit')['sequence']), 2);
      answerCard(
        await world.act(partner, 'visit.plan.submit', {
          ...actionData(plan, 'visit.plan.submit'),
          ...inputs,
          date: '2026-02-24',
          time: '09:00',
          lesson: '2A Engels',
          focusChoice: 'Activerende instructie',
          discussionGoal: 'samenwerken',
          feedbackPreference: 'questions',
          video: 'false',
        }),
        'second plan',
      );
      answerCard(await world.act(anna, 'visit.confirm', world.button(anna, 'visit.confirm').data), 'second confirm');
      world.now = local('2026-02-24T11:00');
      await world.look(anna);
      await world.look(partner);
      const form = answerCard(
        await world.act(partner, 'observation.open', world.button(partner, 'observation.open').data),
        'second observation.open',
      );
      answerCard(
        await world.act(partner, 'observation.submit', {
          ...actionData(form, 'observation.submit'),
          facts: WORDS.facts2,
          questions: '',
        }),
        'second observation',
      );
      const reflection = answerCard(
        await world.act(anna, 'reflection.open', world.button(anna, 'reflection.open').data),
        'second reflection.open',
      );
      answerCard(
        await world.act(anna, 'reflection.submit', {
          ...actionData(reflection, 'reflection.submit'),
          reflection: WORDS.reflection2,
        }),
        'second reflection',
      );
      const propose = answerCard(
        await world.act(partner, 'debrief.propose.open', world.button(partner, 'debrief.propose.open').data),
        'second propose.open',
      );
      answerCard(
        await world.act(partner, 'debrief.propose.submit', {
          ...actionData(propose, 'debrief.propose.submit'),
          date1: '2026-02-25',
          time1: '15:00',
        }),
        'second propose',
      );
      answerCard(await world.act(anna, 'debrief.pick', world.button(anna, 'debrief.pick').data), 'second pick');
      world.now = local('2026-02-25T16:00');
      await world.look(anna);
      const from = world.bot.connector.calls.length;
      const record = answerCard(
        await world.act(anna, 'debrief.record.open', world.button(anna, 'debrief.record.open').data),
        'second record.open',
      );
      const done = answerCard(
        await world.act(anna, 'debrief.record.submit', {
          ...actionData(record, 'debrief.record.submit'),
          agreements: WORDS.agreements2,
          nextStep: WORDS.nextStep2,
        }),
        'second record',
      );
      assert.match(json(done), /Jullie cyclus is rond/, 'Anna is told');
      const toPartner = world.bot.connector.calls
        .slice(from)
        .filter((c) => c.conversationId === conversationOf(partner));
      assert.match(json(toPartner.map((c) => c.body)), /Jullie cyclus is rond/, 'the partner is told');
      const [cycle] = await world.store.query(SCHOOL_ID, { type: 'cycle', personId: anna.aadObjectId });
      assert.equal(cycle?.status, 'complete');
      assert.equal(cycle?.visitsCompleted, 2);
    });

    it('should show the leader, on demand and in the weekly digest, 1 pair complete and the trio behind with its step', async () => {
      const onDemand = cardOf((await world.say(LEADER, 'overzicht'))[0]);
      leaderSaw.push(json(onDemand));
      digestBefore = cardText(onDemand);
      assertDigest(digestBefore, 'on demand');
      const teacherAsks = await world.say(anna, 'overzicht');
      assert.equal(cardOf(teacherAsks[0]), undefined, 'a teacher gets no digest');

      world.now = local('2026-03-02T08:30'); // Monday, after the digest hour
      const from = world.bot.connector.calls.length;
      const run = await world.trigger('digest');
      assert.equal(run.status, 202, json(run.body));
      assert.equal(run.body.report.sent, 1, json(run.body));
      const weekly = world.bot.connector.calls
        .slice(from)
        .filter((c) => c.method === 'POST' && /\/activities/.test(c.path));
      assert.deepEqual(
        weekly.map((c) => c.conversationId),
        [conversationOf(LEADER)],
        'the leader alone gets the digest',
      );
      leaderSaw.push(json(weekly[0]!.body));
      assertDigest(cardText(cardOf(weekly[0]!.body)), 'weekly');
      world.now = local('2026-03-02T10:30');
      const again = await world.trigger('digest');
      assert.equal(again.body.report.sent, 0, 'once a week');
      assert.equal(again.body.report.done, 1);

      const tab = await world.tab(LEADER, `/api/tab/leader?schoolId=${encodeURIComponent(SCHOOL_ID)}&locale=nl`);
      assert.equal(tab.status, 200, tab.text);
      leaderSaw.push(tab.text);
      const [programme] = tab.body.programmes;
      assert.equal(programme.programme.id, programmeId);
      assert.equal(programme.pairsComplete, 1);
      assert.equal(programme.pairsBehind, 1);
      const behind = programme.pairs.find((p: any) => p.behind);
      assert.deepEqual([...behind.memberNames].sort(), trio.map((p) => p.name).sort());
      assert.equal(behind.step, 'planVisit');
      const notLeader = await world.tab(anna, `/api/tab/leader?schoolId=${encodeURIComponent(SCHOOL_ID)}`);
      assert.equal(notLeader.status, 403, 'a teacher does not get the leader view');
    });

    it("should never show the leader a teacher's words: setup card, pairing, digests, tab, every message to her", async () => {
      const toLeader = world.bot.connector.calls
        .filter((c) => c.conversationId === conversationOf(LEADER))
        .map((c) => json(c.body));
      const channel = world.bot.connector.calls
        .filter((c) => c.body?.conversation?.conversationType === 'channel')
        .map((c) => json(c.body));
      const refreshed = cardText(cardOf((await world.say(LEADER, 'traject'))[0]));
      const seen = [...leaderSaw, ...toLeader, ...channel, refreshed].join('\n');
      assert.ok(
        leaderSaw.length >= 7 && toLeader.length >= 3,
        `the leader was shown things to search (${leaderSaw.length}, ${toLeader.length})`,
      );
      assert.deepEqual(leaks(seen), [], 'no observation, reflection or debrief text reaches the leader');
      // The teachers' words did exist and reached the pair (so the search above could find them).
      const pairSaw = [anna, partner]
        .flatMap((p) => world.cardsSeenBy(p))
        .map(json)
        .join('\n');
      const notes = await world.act(anna, 'observation.read', world.button(anna, 'observation.read').data);
      assert.ok(leaks(pairSaw + json(notes.body)).length >= 2, 'the pair sees their own notes');
    });

    it('should keep every teacher text out of the captured logs', async () => {
      assert.ok(world.bot.logs.length > 50, `logs were captured (${world.bot.logs.length} lines)`);
      const logged = world.bot.logs.join('\n');
      assert.deepEqual(leaks(logged), [], 'no observation, reflection or debrief text in any log line');
      for (const text of Object.values(WORDS))
        assert.ok(!logged.includes(text.slice(14, 40)), `no part of "${text}" in the logs`);
    });

    it('should give Anna her texts on "export", and on "verwijder" + confirm remove them while the digest counts stay', async () => {
      const replies = await world.say(anna, 'export');
      const download = cardOf(replies.find((a) => cardOf(a)))?.actions?.find((a: any) => a.type === 'Action.OpenUrl');
      assert.ok(download, 'the export card has a download link');
      // The link names the public host; the test follows its path on the service itself.
      const file = await fetch(`${world.bot.service.url}${new URL(download.url).pathname}`);
      assert.equal(file.status, 200);
      assert.match(
        String(file.headers.get('content-disposition')),
        /^attachment; filename="tweetal-export-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const exported = await file.text();
      for (const mine of [WORDS.facts1, WORDS.questions1, WORDS.reflection2])
        assert.ok(exported.includes(mine), `her own text "${mine}" is exported`);
      assert.equal(JSON.parse(exported).userId, anna.aadObjectId);

      const ask = cardOf((await world.say(anna, 'verwijder'))[0]);
      assert.ok(
        (await world.store.query(SCHOOL_ID, { type: 'observation', personId: anna.aadObjectId })).length > 0,
        'nothing removed before she confirms',
      );
      const deleted = await world.act(anna, 'mydata.delete', actionData(ask, 'mydata.delete'));
      assert.equal(deleted.status, 200, json(deleted.body));
      assert.match(json(deleted.body), /Je gegevens zijn verwijderd/);
      const remaining = [];
      for (const type of ['observation', 'reflection', 'debriefNote', 'profile'] as const)
        remaining.push(...(await world.store.query(SCHOOL_ID, { type })));
      const stored = json(remaining);
      for (const mine of [WORDS.facts1, WORDS.questions1, WORDS.reflection2])
        assert.ok(!stored.includes(mine), `"${mine}" is gone`);
      assert.ok(!stored.includes(anna.aadObjectId), 'nothing stored names her');
      assert.equal(await world.store.read(SCHOOL_ID, 'profile', `profile-${anna.aadObjectId}`), undefined);

      world.now = local('2026-02-25T17:00'); // the same week as the first digest
      const after = cardText(cardOf((await world.say(LEADER, 'overzicht'))[0]));
      assert.equal(after, digestBefore, 'the digest is unchanged: the counts stay');
      const tab = await world.tab(LEADER, `/api/tab/leader?schoolId=${encodeURIComponent(SCHOOL_ID)}`);
      assert.equal(tab.body.programmes[0].pairsComplete, 1);
      assert.equal(tab.body.programmes[0].visitsDone, 2);
    });
  });
}

/** The data of the first Action.Execute with this verb that passes the filter. */
function executeFirst(
  card: any,
  verb: string,
  filter: (data: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  const found = executeAll(card, verb).find((a) => filter(a.data ?? {}));
  if (!found) throw new Error(`no ${verb} button that fits`);
  return { ...found.data };
}

function executeAll(card: any, verb: string): any[] {
  const found: any[] = [];
  const walk = (node: any, key?: string) => {
    if (key === 'refresh') return;
    if (Array.isArray(node)) node.forEach((n) => walk(n));
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found.push(node);
      for (const [k, v] of Object.entries(node)) walk(v, k);
    }
  };
  walk(card);
  return found;
}
