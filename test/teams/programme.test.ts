import { strict as assert } from 'node:assert';
import { cardAction } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  inputValues,
  LEADER,
  programmeForm,
  SCHOOL_ID,
  startWorld,
  STORE_KINDS,
  TEACHERS,
  type World,
} from './programme-world';

const [anna, bram] = TEACHERS;

/** A valid setup form, with a personal line and a quiet period. */
const form = (overrides: Record<string, unknown> = {}) =>
  programmeForm({
    nudgePersonalLine: 'Koos komt weer!',
    quietStart0: '2026-02-14',
    quietEnd0: '2026-02-22',
    quietLabel0: 'voorjaarsvakantie',
    ...overrides,
  });

for (const kind of STORE_KINDS) {
  describe(`programme setup and leaders over HTTP (${kind})`, function () {
    this.timeout(60_000);
    let world: World;

    beforeEach(async () => {
      world = await startWorld(kind);
    });
    afterEach(async () => world.stop());

    async function setupCard(who = LEADER, locale = 'nl-NL') {
      const replies = await world.say(who, 'traject', locale);
      return cardOf(replies[0]);
    }

    it('should make the first person who sets up a programme its leader and store every setting', async () => {
      const card = await setupCard();
      assert.match(cardText(card), /Nieuw coachingstraject/);
      const { programmeId, version } = actionData(card, 'programme.save');
      assert.equal(version, '');
      const response = await world.act(LEADER, 'programme.save', { programmeId, version, ...form() });
      assert.equal(response.status, 200);
      assert.match(cardText(response.body.value), /Het traject is opgeslagen/);
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(school?.leaderIds, [LEADER.aadObjectId]);
      const programmes = await world.store.query(SCHOOL_ID, { type: 'programme' });
      assert.equal(programmes.length, 1);
      const p = programmes[0]!;
      assert.equal(p.id, programmeId);
      assert.equal(p.theme, 'theme.effectiveInstruction');
      assert.equal(p.startDate, '2026-02-01');
      assert.equal(p.endDate, '2026-06-30');
      assert.equal(p.visitsPerCycle, 2);
      assert.equal(p.digestWeekday, 1);
      assert.equal(p.digestHour, 8);
      assert.deepEqual(p.quietPeriods, [{ start: '2026-02-14', end: '2026-02-22', label: 'voorjaarsvakantie' }]);
      assert.equal(p.nudgeSenderName, 'Lotte');
      assert.equal(p.nudgePersonalLine, 'Koos komt weer!');
      assert.equal(p.thresholds.noObservationDays, 3);
      assert.equal(p.status, 'active');
    });

    it('should store one programme when the same setup card is submitted twice (double click, Teams retry)', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      const first = await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      const second = await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      assert.equal(first.status, 200);
      assert.equal(second.status, 200);
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'programme' })).length, 1);
    });

    it('should let a free-text theme win over the suggestion', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      await world.act(LEADER, 'programme.save', {
        programmeId,
        version: '',
        ...form({ themeOther: '  formatief evalueren ' }),
      });
      const [p] = await world.store.query(SCHOOL_ID, { type: 'programme' });
      assert.equal(p?.theme, 'formatief evalueren');
    });

    const badForms: [string, Record<string, unknown>, RegExp, RegExp][] = [
      [
        'an end date before the start date',
        { endDate: '2026-01-15' },
        /de einddatum ligt vóór de begindatum/,
        /the end date is before the start date/,
      ],
      ['an impossible date', { startDate: '2026-02-30' }, /Startdatum/, /Start date/],
      [
        'visits per cycle out of range',
        { visitsPerCycle: 0 },
        /"Lesbezoeken per cyclus" moet tussen 1 en 10 liggen/,
        /"Visits per cycle" must be between 1 and 10/,
      ],
      ['a digest hour of 24', { digestHour: 24 }, /tussen 0 en 23/, /between 0 and 23/],
      [
        'a theme that is too long',
        { themeOther: 'x'.repeat(121) },
        /"Thema" mag hooguit 120 tekens lang zijn/,
        /"Theme" can be at most 120 characters long/,
      ],
      [
        'a holiday that ends before it starts',
        { quietStart0: '2026-03-01', quietEnd0: '2026-02-01' },
        /Vakantie/,
        /Holiday/,
      ],
      ['a holiday without an end', { quietEnd0: '' }, /Einde van een vakantie/, /End of a holiday/],
      ['no sender name', { nudgeSenderName: '  ' }, /Naam onder aansporingen/, /Name under nudges/],
      ['a forged theme suggestion', { themeChoice: 'iets anders' }, /Thema/, /Theme/],
    ];
    for (const [what, overrides, nl, en] of badForms) {
      it(`should refuse ${what} with a clear message in Dutch and English, storing nothing`, async () => {
        const { programmeId } = actionData(await setupCard(), 'programme.save');
        const dutch = await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form(overrides) });
        assert.equal(dutch.status, 200);
        assert.match(cardText(dutch.body.value), nl);
        const english = await world.act(
          LEADER,
          'programme.save',
          { programmeId, version: '', ...form(overrides) },
          'en-GB',
        );
        assert.match(cardText(english.body.value), en);
        assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'programme' }), []);
        const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
        assert.deepEqual(school?.leaderIds, [], 'nobody became leader');
      });
    }

    it('should keep what the leader typed when a form is refused', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      const response = await world.act(LEADER, 'programme.save', {
        programmeId,
        version: '',
        ...form({ endDate: '2026-01-01', nudgeSenderName: 'Mevrouw Leider' }),
      });
      const values = inputValues(response.body.value);
      assert.equal(values['nudgeSenderName'], 'Mevrouw Leider');
      assert.equal(values['endDate'], '2026-01-01');
      assert.equal(values['quietLabel0'], 'voorjaarsvakantie');
    });

    it('should answer anyone else "only a leader can…" once there is a leader, changing nothing', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      const replies = await world.say(anna, 'setup', 'en-GB');
      assert.equal(replies[0].text, 'Only a school leader can do this. Ask your school leader if you need it.');
      const [p] = await world.store.query(SCHOOL_ID, { type: 'programme' });
      const forged = await world.act(anna, 'programme.save', {
        programmeId,
        version: p!.version,
        ...form({ themeOther: 'overgenomen' }),
      });
      assert.equal(forged.status, 400);
      assert.equal(forged.body.value.code, 'NOT_A_LEADER');
      const after = await world.store.read(SCHOOL_ID, 'programme', programmeId as string);
      assert.equal(after?.theme, 'theme.effectiveInstruction');
      assert.equal(after?.version, p!.version);
    });

    it('should let exactly one of two simultaneous first set-ups become leader', async () => {
      const a = actionData(await setupCard(anna), 'programme.save');
      const b = actionData(await setupCard(bram), 'programme.save');
      const [ra, rb] = await Promise.all([
        world.act(anna, 'programme.save', { ...a, ...form() }),
        world.act(bram, 'programme.save', { ...b, ...form() }),
      ]);
      const statuses = [ra.status, rb.status].sort();
      assert.deepEqual(statuses, [200, 400]);
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.equal(school?.leaderIds.length, 1);
      assert.equal((await world.store.query(SCHOOL_ID, { type: 'programme' })).length, 1);
    });

    it('should save a change made on the current version, and refuse a stale one with the fresh card', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      const editCard = await setupCard();
      assert.match(cardText(editCard), /Coachingstraject/);
      const edit = actionData(editCard, 'programme.save');
      assert.equal(edit.programmeId, programmeId);
      const saved = await world.act(LEADER, 'programme.save', { ...edit, ...form({ visitsPerCycle: 3 }) });
      assert.match(cardText(saved.body.value), /De wijzigingen zijn opgeslagen/);
      assert.equal((await world.store.read(SCHOOL_ID, 'programme', programmeId as string))?.visitsPerCycle, 3);
      const stale = await world.act(LEADER, 'programme.save', { ...edit, ...form({ visitsPerCycle: 4 }) });
      assert.equal(stale.status, 200);
      assert.match(cardText(stale.body.value), /Iemand heeft dit intussen gewijzigd/);
      assert.equal(inputValues(stale.body.value)['visitsPerCycle'], 3, 'the fresh card shows the stored value');
      assert.equal((await world.store.read(SCHOOL_ID, 'programme', programmeId as string))?.visitsPerCycle, 3);
    });

    it('should refuse forged card data (malformed id) with a typed error and store nothing', async () => {
      const response = await world.act(LEADER, 'programme.save', {
        programmeId: '../school-x',
        version: '',
        ...form(),
      });
      assert.equal(response.status, 400);
      assert.equal(response.body.value.code, 'INVALID_INPUT');
      assert.deepEqual(await world.store.query(SCHOOL_ID, { type: 'programme' }), []);
    });

    it('should archive the earlier programme when a leader starts a new one', async () => {
      const first = actionData(await setupCard(), 'programme.save');
      await world.act(LEADER, 'programme.save', { ...first, ...form() });
      const fresh = await world.act(LEADER, 'programme.new');
      const second = actionData(fresh.body.value, 'programme.save');
      assert.notEqual(second.programmeId, first.programmeId);
      await world.act(LEADER, 'programme.save', {
        ...second,
        ...form({ startDate: '2026-08-20', endDate: '2027-01-31' }),
      });
      const all = await world.store.query(SCHOOL_ID, { type: 'programme' });
      assert.deepEqual(all.map((p) => [p.id === first.programmeId ? 'first' : 'second', p.status]).sort(), [
        ['first', 'archived'],
        ['second', 'active'],
      ]);
    });

    it('should let a leader add a leader from the roster and refuse ids that are not in the team', async () => {
      const { programmeId } = actionData(await setupCard(), 'programme.save');
      await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      const leadersCard = (await world.act(LEADER, 'leaders.show')).body.value;
      assert.match(cardText(leadersCard), /Lotte Leider/);
      const data = actionData(leadersCard, 'leaders.add');
      const forged = await world.act(LEADER, 'leaders.add', { ...data, newLeaders: 'someone-else' });
      assert.equal(forged.status, 400);
      const added = await world.act(LEADER, 'leaders.add', { ...data, newLeaders: anna.aadObjectId });
      assert.match(cardText(added.body.value), /Eén schoolleider toegevoegd\./);
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(school?.leaderIds, [LEADER.aadObjectId, anna.aadObjectId]);
      // The new leader can now open the setup card.
      assert.match(cardText(cardOf((await world.say(anna, 'traject'))[0])), /Coachingstraject/);
      const notLeader = await world.act(bram, 'leaders.add', { ...data, newLeaders: bram.aadObjectId });
      assert.equal(notLeader.body.value.code, 'NOT_A_LEADER');
    });

    it('should say the school is unknown when someone without a team writes "traject"', async () => {
      const stranger = { id: '29:stranger', aadObjectId: '00000000-0000-4000-8000-0000000000ff', name: 'Vreemde' };
      const replies = await world.say(stranger, 'traject');
      assert.match(replies[0].text, /Ik weet nog niet bij welke school je hoort/);
      const response = await world.bot.post(
        cardAction(world.bot.connector.url, stranger, 'programme.save', {
          programmeId: 'programme-0123456789',
          version: '',
          ...form(),
        }),
      );
      assert.equal(response.body.value.code, 'NO_SCHOOL');
    });
  });

  describe(`team owners (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind, { owners: [bram] });
    });
    afterEach(async () => world.stop());

    it('should let a team owner take over (join the leaders) while others still get "only a leader"', async () => {
      const { programmeId } = actionData(cardOf((await world.say(LEADER, 'traject'))[0]), 'programme.save');
      await world.act(LEADER, 'programme.save', { programmeId, version: '', ...form() });
      const ownerCard = cardOf((await world.say(bram, 'traject'))[0]);
      const edit = actionData(ownerCard, 'programme.save');
      const saved = await world.act(bram, 'programme.save', { ...edit, ...form({ visitsPerCycle: 4 }) });
      assert.equal(saved.status, 200);
      const school = await world.store.read(SCHOOL_ID, 'school', SCHOOL_ID);
      assert.deepEqual(school?.leaderIds, [LEADER.aadObjectId, bram.aadObjectId]);
      const replies = await world.say(anna, 'traject');
      assert.match(replies[0].text, /Alleen een schoolleider/);
    });
  });
}
