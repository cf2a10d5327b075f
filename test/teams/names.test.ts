/**
 * Issue 9 item 7: someone who only opened the chat has an empty stored name; the team roster knows
 * it. One name lookup for the whole product, roster first: cards never call a known person
 * "your colleague".
 */
import { strict as assert } from 'node:assert';
import { rememberRoster } from '../../src/teams/roster';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { planData, startWorld, stopLocalCosmos, type World } from '../app/visits/world';
import { TENANT } from '../support/teams-activities';

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
