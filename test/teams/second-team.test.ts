/**
 * Issue 9 item 9: Tweetal added to a second team with the same people (a department team beside
 * the staff team) must not break the first school: a card acts on the school its data names, and
 * a command in 1:1 chat works on the school with the person's running programme, or asks which.
 */
import { strict as assert } from 'node:assert';
import { addMembership } from '../../src/app/membership';
import { schoolIdFor, tenantPartitionFor } from '../../src/teams/ids';
import { buildCycle, buildPair, buildProgramme, buildSchool } from '../domain/builders';
import { planData, startWorld, stopLocalCosmos, type World } from '../app/visits/world';
import { TENANT } from '../support/teams-activities';

after(stopLocalCosmos);

const DEPARTMENT_TEAM = '19:dddddddddddddddddddddddddddddddd@thread.tacv2';

const actionOf = (card: any, verb: string): any => {
  let found: any;
  const walk = (node: any) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      if (node.type === 'Action.Execute' && node.verb === verb) found ??= node;
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return found;
};

describe('A second team with the same people (issue 9, item 9)', function () {
  this.timeout(90_000);
  let world: World;
  const departmentId = schoolIdFor(TENANT, DEPARTMENT_TEAM);

  beforeEach(async () => {
    world = await startWorld('sqlite');
    // Anna plans; then the bot is added to the department team, where Anna and Ben are members too (seen last).
    await world.act(world.anna, 'visit.plan.submit', planData(world));
    const s = world.bot.store;
    await s.create(
      buildSchool({
        id: departmentId,
        schoolId: departmentId,
        tenantId: TENANT,
        teamId: DEPARTMENT_TEAM,
        name: 'Sectie',
      }),
    );
    for (const p of [world.anna, world.ben])
      await addMembership(s, tenantPartitionFor(TENANT), TENANT, p.aadObjectId, departmentId, world.now);
    world.bot.connector.reset();
  });
  afterEach(async () => world.stop());

  it("should let Ben confirm from the first school's visit card, which names its school", async () => {
    const sent = world.bot.connector.sentCards(`a:personal-${world.ben.aadObjectId}`);
    const card = (await world.act(world.ben, 'visit.refresh', { visitId: 'visit-cycle-1-1', schoolId: world.schoolId }))
      .body.value;
    assert.equal(sent.length, 0);
    const confirm = actionOf(card, 'visit.confirm');
    assert.ok(confirm, 'Ben sees the confirm button');
    assert.equal(confirm.data.schoolId, world.schoolId, 'the card names its school');
    const response = await world.act(world.ben, 'visit.confirm', confirm.data);
    assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 300));
    assert.equal((await world.bot.store.read(world.schoolId, 'visit', 'visit-cycle-1-1'))?.state, 'confirmed');
  });

  it('should answer "mijn cyclus" in 1:1 chat from the school with the running programme', async () => {
    await world.say(world.anna, 'mijn cyclus');
    const [card] = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`);
    assert.ok(card, 'a status card');
    assert.ok(JSON.stringify(card).includes(world.schoolId), 'about the first school');
    assert.ok(!JSON.stringify(card).includes('school-choice'), 'no question which school');
  });

  it('should ask which school when both run a programme for the person, and run the command in the one chosen', async () => {
    const s = world.bot.store;
    await s.create(buildProgramme({ schoolId: departmentId }));
    await s.create(buildPair({ schoolId: departmentId, memberIds: [world.anna.aadObjectId, 'teacher-y'] }));
    await s.create(buildCycle({ schoolId: departmentId }));
    await world.say(world.anna, 'mijn cyclus');
    const [question] = world.bot.connector.sentCards(`a:personal-${world.anna.aadObjectId}`);
    assert.match(JSON.stringify(question), /Voor welk team\?/);
    const choose = actionOf(question, 'school.choose');
    assert.ok(choose, 'a button per school');
    const first = question.actions.find((a: any) => a.data.schoolId === world.schoolId);
    assert.ok(first, 'the first school is offered');
    const response = await world.act(world.anna, 'school.choose', first.data);
    assert.equal(response.status, 200, JSON.stringify(response.body).slice(0, 300));
    assert.equal(actionOf(response.body.value, 'visit.show')?.data.visitId ?? 'visit-cycle-1-1', 'visit-cycle-1-1');
    assert.ok(JSON.stringify(response.body.value).includes(world.schoolId));
  });

  it('should refuse a card that names a school the person does not belong to', async () => {
    const response = await world.act(world.olga, 'visit.refresh', {
      visitId: 'visit-cycle-1-1',
      schoolId: world.schoolId,
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.value.code, 'NOT_FOUND');
  });
});
