/**
 * "Teachers' texts only in the personal tab" in the use cases (issue 13 item 4), on both stores:
 * the setting on the setup form, the channel rule (a text from the chat is refused, from the tab
 * accepted with the same limits and versions), the plan's texts written in the tab by the planner
 * only, and the visit's texts readable in the tab by its two people only.
 */
import { strict as assert } from 'node:assert';
import { recordDebrief, type DebriefText } from '../../../src/app/debrief/debrief';
import { postObservation, postReflection } from '../../../src/app/observations/post-observation';
import { parseProgrammeForm } from '../../../src/app/programme/programme-input';
import { THEME_KEYS } from '../../../src/domain/choices';
import type { TabRequest } from '../../../src/app/tab/queries';
import {
  visitNotesView,
  writeObservationInTab,
  writePlanInTab,
  writeReflectionInTab,
} from '../../../src/app/tab/visit-notes';
import { planVisit } from '../../../src/app/visits/plan-visit';
import { DomainError } from '../../../src/domain/errors';
import { tenantPartitionFor } from '../../../src/teams/ids';
import { TENANT } from '../../support/teams-activities';
import { at } from '../../domain/builders';
import { planData, startWorld, STORE_KINDS, stopLocalCosmos, type World } from '../visits/world';

after(stopLocalCosmos);

const VISIT = 'visit-cycle-1-1';

const rejects = (code: string) => (error: unknown) => error instanceof DomainError && error.code === code;

function asTab(world: World, who: { aadObjectId: string; name: string }): TabRequest {
  return {
    user: { userId: who.aadObjectId, tenantId: TENANT, tenantPartition: tenantPartitionFor(TENANT), name: who.name },
    locale: 'nl',
    now: world.now,
  };
}

async function setting(world: World, on: boolean) {
  const programme = (await world.bot.store.read(world.schoolId, 'programme', 'programme-1'))!;
  await world.bot.store.replace({ ...programme, textsInTabOnly: on });
}

const school = (world: World) => ({ schoolId: world.schoolId, timezone: 'Europe/Amsterdam' });
/** The plan as the plan card submits it (Anna observes Ben on Tue 10 March 09:00), texts as given. */
const plan = (world: World, texts: { lesson?: string; focus?: string; discussionGoal?: string } = {}) => {
  const data = planData(world);
  return {
    cycleId: 'cycle-1',
    sequence: 1,
    observerId: world.anna.aadObjectId,
    observedId: world.ben.aadObjectId,
    date: data.date,
    time: data.time,
    lesson: texts.lesson ?? '',
    focus: texts.focus ?? '',
    discussionGoal: texts.discussionGoal ?? '',
    feedbackPreference: 'questions',
    video: 'false',
  };
};
const emptyPlan = (world: World) => plan(world);

describe('the "texts only in the tab" setting on the setup form', () => {
  const valid = (overrides: Record<string, unknown> = {}) => ({
    themeChoice: THEME_KEYS[1],
    startDate: '2026-02-01',
    endDate: '2026-06-30',
    visitsPerCycle: '2',
    digestWeekday: '5',
    digestHour: 16,
    noVisitPlannedDays: 7,
    noObservationDays: 3,
    noDebriefScheduledDays: 5,
    noDebriefRecordedDays: 2,
    endApproachingDays: 21,
    minDaysBetweenNudges: 3,
    nudgeSenderName: 'Lotte',
    ...overrides,
  });
  it('should be off by default and when the toggle says false, on when it says true, and refuse anything else', () => {
    for (const off of [{}, { textsInTabOnly: 'false' }, { textsInTabOnly: '' }]) {
      const parsed = parseProgrammeForm(valid(off));
      assert.ok(parsed.ok);
      assert.equal('textsInTabOnly' in parsed.value, false);
    }
    const on = parseProgrammeForm(valid({ textsInTabOnly: 'true' }));
    assert.ok(on.ok);
    assert.equal(on.value.textsInTabOnly, true);
    const forged = parseProgrammeForm(valid({ textsInTabOnly: 'yes please' }));
    assert.equal(forged.ok, false);
  });
});

for (const kind of STORE_KINDS) {
  describe(`texts only in the tab, in the use cases (${kind})`, function () {
    this.timeout(60_000);
    let world: World;
    beforeEach(async () => {
      world = await startWorld(kind);
      await setting(world, true);
    });
    afterEach(async () => world.stop());

    async function plannedAndHappened() {
      const { store } = world.bot;
      await planVisit(store, school(world), world.anna.aadObjectId, world.now, emptyPlan(world));
      const visit = (await store.read(world.schoolId, 'visit', VISIT))!;
      await store.replace({ ...visit, state: 'confirmed' });
      world.now = at('2026-03-10T11:00');
    }

    it('should refuse a plan with texts from the chat, store a plan without them, and let only the planner write them in the tab', async () => {
      const { store } = world.bot;
      await assert.rejects(
        planVisit(store, school(world), world.anna.aadObjectId, world.now, plan(world, { focus: 'x' })),
        rejects('TEXTS_IN_TAB'),
      );
      await planVisit(store, school(world), world.anna.aadObjectId, world.now, emptyPlan(world));
      const before = await visitNotesView(store, asTab(world, world.anna), VISIT);
      assert.equal(before.plan.canEdit, true);
      assert.equal(before.textsInTabOnly, true);
      await assert.rejects(
        writePlanInTab(store, asTab(world, world.ben), VISIT, {
          lesson: 'a',
          focus: 'b',
          version: before.plan.version,
        }),
        rejects('NOT_YOUR_TURN'),
        'the partner did not plan it',
      );
      await assert.rejects(
        writePlanInTab(store, asTab(world, world.anna), VISIT, {
          lesson: '',
          focus: 'b',
          version: before.plan.version,
        }),
        rejects('FIELD_REQUIRED'),
        'the same limits as the plan card',
      );
      const written = await writePlanInTab(store, asTab(world, world.anna), VISIT, {
        lesson: '3B wiskunde',
        focus: 'Hoe check ik begrip?',
        discussionGoal: '',
        version: before.plan.version,
      });
      assert.ok(written.saved);
      assert.equal(written.notes.plan.focus, 'Hoe check ik begrip?');
      await assert.rejects(
        writePlanInTab(store, asTab(world, world.anna), VISIT, {
          lesson: 'c',
          focus: 'd',
          version: before.plan.version,
        }),
        rejects('STALE_VERSION'),
        'an edit from an old version is refused',
      );
      const visit = await store.read(world.schoolId, 'visit', VISIT);
      assert.equal(visit?.revision, 1, "the card's revision stays: the card shows none of it");
    });

    it('should offer the planner the focus suggestions in her language in the tab and store a picked one as its key', async () => {
      const { store } = world.bot;
      await planVisit(store, school(world), world.anna.aadObjectId, world.now, emptyPlan(world));
      const english = { ...asTab(world, world.anna), locale: 'en' as const };
      const before = await visitNotesView(store, english, VISIT);
      assert.deepEqual(before.plan.focusSuggestions.slice(0, 2), [
        'Effective instruction',
        'Safe and stimulating learning climate',
      ]);
      assert.equal(before.plan.focusSuggestions.length, 7, 'the theme and the six ICALT domains');
      assert.deepEqual(
        (await visitNotesView(store, asTab(world, world.ben), VISIT)).plan.focusSuggestions,
        [],
        'not the partner',
      );
      const written = await writePlanInTab(store, english, VISIT, {
        lesson: '3B wiskunde',
        focus: 'Activating teaching',
        version: before.plan.version,
      });
      assert.ok(written.saved);
      assert.equal((await store.read(world.schoolId, 'visit', VISIT))?.focus, 'icalt.activatingTeaching');
      assert.equal((await visitNotesView(store, asTab(world, world.ben), VISIT)).plan.focus, 'Activerende instructie');
    });

    it('should refuse observation, reflection and agreements from the chat and accept them from the tab with the coach and versions', async () => {
      const { store } = world.bot;
      await plannedAndHappened();
      const facts = { facts: 'Drie leerlingen stonden op.', questions: '' };
      await assert.rejects(
        postObservation(store, world.schoolId, VISIT, world.anna.aadObjectId, world.now, facts),
        rejects('TEXTS_IN_TAB'),
      );
      const coached = await writeObservationInTab(store, asTab(world, world.anna), VISIT, {
        facts: 'Goede les, mooi gedaan.',
      });
      assert.equal(coached.saved, false, 'the observation coach first');
      assert.ok(!coached.saved && 'findings' in coached && coached.findings.length > 0);
      const saved = await writeObservationInTab(store, asTab(world, world.anna), VISIT, facts);
      assert.ok(saved.saved);
      assert.equal(saved.notes.observation?.facts, facts.facts);
      const stale = await writeObservationInTab(store, asTab(world, world.anna), VISIT, {
        facts: 'Andere woorden.',
        version: 'old',
      });
      assert.ok(!stale.saved && 'conflict' in stale, 'other words from an old version: a conflict, nothing written');
      assert.equal(stale.notes.observation?.facts, facts.facts, 'the stored words are shown');
      assert.match(stale.message, /intussen andere woorden opgeslagen/);
      await assert.rejects(
        writeReflectionInTab(store, asTab(world, world.anna), VISIT, { text: 'ik' }),
        rejects('NOT_YOUR_TURN'),
        'the visit rules: the observed teacher reflects',
      );
      await assert.rejects(
        postReflection(store, world.schoolId, VISIT, world.ben.aadObjectId, world.now, 'ik'),
        rejects('TEXTS_IN_TAB'),
      );
      const reflected = await writeReflectionInTab(store, asTab(world, world.ben), VISIT, { text: 'Ik twijfelde.' });
      assert.ok(reflected.saved);
      const text: DebriefText = { agreements: 'wisbordjes', nextStep: 'differentiatie' };
      await assert.rejects(
        recordDebrief(store, world.schoolId, VISIT, world.anna.aadObjectId, world.now, text),
        rejects('TEXTS_IN_TAB'),
      );
      assert.equal(await store.read(world.schoolId, 'debriefNote', `debrief-${VISIT}`), undefined);
    });

    it('should show a visit’s texts in the tab to its two people only', async () => {
      const { store } = world.bot;
      await plannedAndHappened();
      await writeObservationInTab(store, asTab(world, world.anna), VISIT, { facts: 'Drie leerlingen stonden op.' });
      const ben = await visitNotesView(store, asTab(world, world.ben), VISIT);
      assert.equal(ben.observation?.facts, 'Drie leerlingen stonden op.');
      assert.equal(ben.myRole, 'observed');
      assert.equal(ben.can.observe, false);
      for (const outsider of [world.lena, world.carl])
        await assert.rejects(visitNotesView(store, asTab(world, outsider), VISIT), rejects('NOT_A_PAIR_MEMBER'));
      // Olga has a visit with the same id in her own school: she gets hers, never this one.
      const olga = await visitNotesView(store, asTab(world, world.olga), VISIT);
      assert.equal(olga.schoolId, world.otherSchoolId);
      assert.equal(olga.observation, undefined);
      await assert.rejects(
        visitNotesView(store, { ...asTab(world, world.olga), schoolId: world.schoolId }, VISIT),
        rejects('NOT_A_PAIR_MEMBER'),
      );
    });

    it('should accept texts from the chat again when the setting is off', async () => {
      await setting(world, false);
      await plannedAndHappened().catch(() => undefined); // an empty plan is refused when off
      const { store } = world.bot;
      await assert.rejects(
        planVisit(store, school(world), world.anna.aadObjectId, world.now, emptyPlan(world)),
        (e: unknown) => e instanceof DomainError && e.code !== 'TEXTS_IN_TAB',
      );
    });
  });
}
