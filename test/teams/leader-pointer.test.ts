/**
 * Issue 9 item 5 (part): a future leader who asks for the digest before any programme exists is
 * pointed to "traject"/"setup" instead of being told only a leader can do this.
 */
import { strict as assert } from 'node:assert';
import { LEADER, setUpProgramme, startWorld, TEACHERS } from './programme-world';

describe('The digest before any programme (issue 9, item 5)', function () {
  this.timeout(60_000);

  it('should point a future leader to "traject" / "setup" when the school has no programme and no leader yet', async () => {
    const world = await startWorld('sqlite');
    try {
      const [nl] = await world.say(LEADER, 'overzicht');
      assert.match(nl.text, /traject/);
      assert.doesNotMatch(nl.text, /Alleen een schoolleider/);
      const [en] = await world.say(LEADER, 'digest', 'en-US');
      assert.match(en.text, /setup/);
      await setUpProgramme(world);
      const [teacher] = await world.say(TEACHERS[0], 'overzicht');
      assert.match(teacher.text, /Alleen een schoolleider/, 'once there is a leader, a teacher is told who may');
    } finally {
      await world.stop();
    }
  });

  it('should tell a leader without a pair how to take part, not that her school leader composes the pairs', async () => {
    const world = await startWorld('sqlite');
    try {
      await setUpProgramme(world);
      const [nl] = await world.say(LEADER, 'plannen');
      assert.doesNotMatch(nl.text, /Je schoolleider stelt/);
      assert.match(nl.text, /tweetallen/);
      const [teacher] = await world.say(TEACHERS[0], 'plannen');
      assert.match(teacher.text, /Je schoolleider stelt de tweetallen samen/);
    } finally {
      await world.stop();
    }
  });
});
