/**
 * Issue 9 item 7: someone who only opened the chat has an empty stored name; the team roster knows
 * it. One name lookup for the whole product, roster first: cards never call a known person
 * "your colleague".
 */
import { strict as assert } from 'node:assert';
import { rememberRoster } from '../../src/teams/roster';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { planData, startWorld, stopLocalCosmos, type World } from '../app/visits/world';
import { teacherView } from '../../src/app/tab/queries';
import { TENANT, type Person } from '../support/teams-activities';
import {
  actionData,
  cardOf,
  cardText,
  composePairs,
  inputValues,
  LEADER,
  NOW,
  SCHOOL_ID,
  setUpProgramme,
  startWorld as startProgrammeWorld,
  TEACHERS,
  type World as ProgrammeWorld,
} from './programme-world';

after(stopLocalCosmos);

describe('People are called by the name the team roster knows (issue 9, item 7)', function () {
  this.timeout(60_000);
  let world: World;
  beforeEach(async () => {
    world = await startWorld('sqlite');
  });
  afterEach(async () => world.stop());

  it('should show the roster name on the visit card when the stored name is empty and there is no profile', async () => {
    const s = world.bot.store;
    // Ben only opened the chat: his reference has no name, and he filled in no profile.
    const reference = await s.read(
      tenantPartitionFor(TENANT),
      'personReference',
      personReferenceId(world.ben.aadObjectId),
    );
    await s.replace({ ...reference!, name: '' });
    const profile = (await s.query(world.schoolId, { type: 'profile', personId: world.ben.aadObjectId }))[0];
    if (profile) await s.delete(world.schoolId, profile.id);
    await rememberRoster(
      s,
      TENANT,
      world.schoolId,
      [{ userId: world.ben.aadObjectId, teamsId: world.ben.id, name: 'Ben Jansen' }],
      world.now,
    );
    const response = await world.act(world.anna, 'visit.plan.submit', planData(world));
    const text = JSON.stringify(response.body.value);
    assert.match(text, /Ben Jansen/);
    assert.doesNotMatch(text, /je collega/);
  });
});

describe('One name lookup everywhere: cards, digest, tab (issue 9, item 7)', function () {
  this.timeout(60_000);
  let world: ProgrammeWorld;
  let alex: Person;
  let sam: Person;

  /** Sam only opened the chat: no name on his reference, no profile; the roster knows him (and Alex). */
  async function samOnlyOpenedTheChat(samRosterName: string) {
    const store = world.store;
    const [pair] = await store.query(SCHOOL_ID, { type: 'pair', personId: TEACHERS[0].aadObjectId });
    alex = TEACHERS[0];
    sam = TEACHERS.find((t) => t !== alex && pair!.memberIds.includes(t.aadObjectId))!;
    const partition = tenantPartitionFor(TENANT);
    const reference = await store.read(partition, 'personReference', personReferenceId(sam.aadObjectId));
    await store.replace({ ...reference!, name: '', reachable: false });
    await store.delete(SCHOOL_ID, `profile-${sam.aadObjectId}`);
    await rememberRoster(
      store,
      TENANT,
      SCHOOL_ID,
      [
        { userId: alex.aadObjectId, teamsId: alex.id, name: 'Alex Smith' },
        { userId: sam.aadObjectId, teamsId: sam.id, name: samRosterName },
      ],
      NOW,
    );
  }

  beforeEach(async () => {
    world = await startProgrammeWorld('sqlite');
    await setUpProgramme(world);
    await composePairs(world);
  });
  afterEach(async () => world.stop());

  it('should say "Alex Smith observes Sam Jones" on the visit card, name Sam in the digest and the tab, never "your colleague"', async () => {
    await samOnlyOpenedTheChat('Sam Jones');
    // Alex's own turn carries her Teams name, which refreshes her roster name (she is "Anna de Vries" in Teams).
    const plan = cardOf((await world.say(alex, 'plan', 'en-US'))[0]);
    assert.match(cardText(plan), /I observe Sam Jones/);
    const planned = await world.act(
      alex,
      'visit.plan.submit',
      {
        ...actionData(plan, 'visit.plan.submit'),
        ...inputValues(plan),
        date: '2026-02-10',
        time: '09:00',
        lesson: '3B',
        focusChoice: 'Clear instruction',
      },
      'en-US',
    );
    const visitCard = cardText(planned.body.value);
    assert.match(visitCard, /Anna de Vries observes Sam Jones/);
    assert.doesNotMatch(visitCard, /your colleague/);

    const [digest] = await world.say(LEADER, 'digest', 'en-US');
    assert.match(cardText(cardOf(digest)), /Not reachable: Sam Jones/);

    const view = await teacherView(world.store, {
      user: { userId: alex.aadObjectId, tenantId: TENANT, tenantPartition: tenantPartitionFor(TENANT) },
      locale: 'en',
      now: NOW,
    });
    assert.match(JSON.stringify(view), /Sam Jones/);
    assert.doesNotMatch(JSON.stringify(view), /colleague/);
  });

  it('should show a name with markdown characters as written: escaped in card text, plain in a choice', async () => {
    await samOnlyOpenedTheChat('Sam_de_Wit [ICT]');
    const plan = cardOf((await world.say(alex, 'plan', 'en-US'))[0]);
    assert.ok(JSON.stringify(plan).includes('"I observe Sam_de_Wit [ICT]"'), 'a choice title is not markdown');
    const planned = await world.act(
      alex,
      'visit.plan.submit',
      {
        ...actionData(plan, 'visit.plan.submit'),
        ...inputValues(plan),
        date: '2026-02-10',
        time: '09:00',
        lesson: '3B',
        focusChoice: 'Clear instruction',
      },
      'en-US',
    );
    assert.match(cardText(planned.body.value), /observes Sam\\_de\\_Wit \\\[ICT\\\]/);
  });

  it("should refresh a stored roster name from the name Teams sends with the person's own turn", async () => {
    await samOnlyOpenedTheChat('Sam Jones');
    await world.say({ ...sam, name: 'Samuel Jones' }, 'help', 'en-US');
    const membership = await world.store.read(tenantPartitionFor(TENANT), 'membership', `member-${sam.aadObjectId}`);
    assert.equal(membership?.name, 'Samuel Jones');
    const plan = cardOf((await world.say(alex, 'plan', 'en-US'))[0]);
    assert.match(cardText(plan), /I observe Samuel Jones/);
  });
});
