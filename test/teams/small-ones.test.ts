/** Issue 9 item 8: the small things that read as a toy, each on the card people see. */
import { strict as assert } from 'node:assert';
import { profileView, renderProfile } from '../../src/teams/features/profile/profile-card';
import { partnerMessage } from '../../src/teams/features/pairing/partner-message';
import { renderSetup, setupViewFromProgramme } from '../../src/teams/features/programme/setup-card';
import { STRINGS, stepText } from '../../src/tab/client/strings';
import { buildPair, buildProfile, buildProgramme, buildVisit, at } from '../domain/builders';
import { buildPairDetail } from '../../src/app/tab/pair-detail';
import { buildCycle } from '../domain/builders';
import { debriefedVisit, startWorld, stopLocalCosmos, observedVisit, type World } from '../app/visits/world';

after(stopLocalCosmos);

const text = (x: unknown) => JSON.stringify(x);
describe('item 8: the small ones, on the cards', () => {
  it('should give the partner card\'s "Visits" fact as text', () => {
    const { card } = partnerMessage(['Ben'], buildProgramme(), {
      locale: 'en',
      zone: 'Europe/Amsterdam',
      now: at('2026-02-02T09:00'),
    }) as { card: any };
    const facts = card.body.find((b: any) => b.type === 'FactSet').facts;
    const visits = facts.find((f: any) => /visit/i.test(f.title));
    assert.equal(visits.value, '2');
  });

  it('should not prefill "years of experience" with a number when there is no profile, so its required check fires', () => {
    const empty: any = renderProfile(profileView(undefined, []), 'nl');
    const field = empty.body.find((b: any) => b.id === 'yearsOfExperience');
    assert.equal(field.isRequired, true);
    assert.equal('value' in field, false, text(field));
    const filled: any = renderProfile(
      profileView({ ...buildProfile({ yearsOfExperience: 0 }), version: '1' }, []),
      'nl',
    );
    assert.equal(filled.body.find((b: any) => b.id === 'yearsOfExperience').value, 0, 'a stored 0 stays');
  });

  it('should show only the holiday rows that are needed: the filled ones and one empty, each date in full width', () => {
    const fresh: any = renderSetup(setupViewFromProgramme(undefined, 'Lena', 'en'), 'en');
    const rows = fresh.body.filter((b: any) => typeof b.id === 'string' && b.id.startsWith('quietRow'));
    assert.equal(rows.filter((r: any) => r.isVisible !== false).length, 1, 'one empty row for a new programme');
    const programme = buildProgramme({
      quietPeriods: [
        { start: '2026-02-16', end: '2026-02-20', label: 'Voorjaarsvakantie' },
        { start: '2026-04-27', end: '2026-05-08', label: 'Meivakantie' },
      ],
    });
    const edit: any = renderSetup(setupViewFromProgramme({ ...programme, version: '1' }, 'Lena', 'en'), 'en');
    const editRows = edit.body.filter((b: any) => typeof b.id === 'string' && b.id.startsWith('quietRow'));
    assert.equal(editRows.filter((r: any) => r.isVisible !== false).length, 3, 'two filled rows and one empty');
    const dates = editRows[0].items.find((i: any) => i.type === 'ColumnSet').columns;
    assert.equal(dates.length, 2, 'the two dates share a row, the name has its own');
    const more = edit.body.find((b: any) => b.type === 'ActionSet' && b.actions[0]?.type === 'Action.ToggleVisibility');
    assert.ok(more, 'a button shows more rows');
    assert.deepEqual(
      more.actions[0].targetElements,
      editRows.filter((r: any) => r.isVisible === false).map((r: any) => r.id),
    );
  });

  it('should say "plan the first visit" in the tab when no visit was done yet, and "the next" after one', () => {
    const detail = (visits: any[], visitsCompleted: number) =>
      buildPairDetail({
        pair: buildPair(),
        cycles: [buildCycle({ visitsCompleted })],
        visits,
        names: new Map(),
        readerId: 'teacher-a',
        visitsPerCycle: 2,
        now: at('2026-03-20T10:00'),
        timezone: 'Europe/Amsterdam',
        locale: 'en',
      }).next;
    assert.equal(stepText(detail([], 0), STRINGS.en), 'Plan the first classroom visit.');
    assert.equal(
      stepText(detail([buildVisit({ state: 'debriefed' })], 1), STRINGS.en),
      'Plan the next classroom visit.',
    );
  });
});

describe('item 8: the small ones over HTTP (sqlite)', function () {
  this.timeout(120_000);
  let world: World;
  beforeEach(async () => {
    world = await startWorld('sqlite');
  });
  afterEach(async () => world.stop());

  it('should confirm on the card that the reflection was saved', async () => {
    const id = await observedVisit(world, 1, world.anna, world.ben, '2026-03-10');
    const saved = await world.act(world.ben, 'reflection.submit', { visitId: id, reflection: 'Ik sprak te lang.' });
    assert.equal(saved.status, 200, text(saved.body));
    assert.match(text(saved.body.value), /Je reflectie is bewaard/);
  });

  it('should not offer "plan the next visit" on any card of a completed cycle', async () => {
    const first = await debriefedVisit(world, 1, world.anna, world.ben, '2026-03-10', '2026-03-12');
    const second = await debriefedVisit(world, 2, world.ben, world.anna, '2026-03-17', '2026-03-18');
    assert.equal((await world.bot.store.read(world.schoolId, 'cycle', 'cycle-1'))?.status, 'complete');
    for (const who of [world.anna, world.ben])
      for (const visitId of [first, second]) {
        const card = await world.act(who, 'visit.refresh', { visitId });
        assert.ok(!text(card.body.value).includes('visit.plan.open'), `${who.name}, ${visitId}`);
      }
  });

  it('should turn the switch request card into the confirmation, without a second "Send request"', async () => {
    await world.say(world.anna, 'wissel');
    const card = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`)[0];
    const send = (card?.actions ?? []).find((a: any) => a.verb === 'switch.request');
    assert.ok(send, text(card));
    const answer = await world.act(world.anna, 'switch.request', { ...send.data, reason: 'tooAlike' });
    assert.equal(answer.status, 200, text(answer.body));
    const after = answer.body.value;
    assert.equal(after.type, 'AdaptiveCard', 'the card is replaced');
    assert.ok(!text(after).includes('switch.request'), 'no second "Send request"');
    assert.match(text(after), /schoolleider/);
  });
});
