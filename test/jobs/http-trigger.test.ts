import { strict as assert } from 'node:assert';
import { keysMatch } from '../../src/http/jobs-route';
import { startTestBot, type TestBot } from '../support/test-bot';
import { RecordingMessenger } from './fakes';
import { members, NUDGE_TIME, seedBehindPairs } from './world';

const KEY = 'a-long-enough-jobs-key-1234';

describe('HTTP job trigger (POST /api/jobs/:job over real HTTP)', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  const post = (job: string, headers: Record<string, string> = {}) =>
    fetch(`${bot!.service.url}/api/jobs/${job}`, { method: 'POST', headers });

  it('should refuse without the key or with a wrong key (401), and run nothing', async () => {
    const messenger = new RecordingMessenger();
    bot = await startTestBot({ env: { JOBS_KEY: KEY }, clock: () => NUDGE_TIME, overrides: { messenger } });
    await seedBehindPairs(bot.store, 2);
    assert.equal((await post('nudges')).status, 401);
    assert.equal((await post('nudges', { 'x-jobs-key': KEY.slice(0, -1) })).status, 401);
    assert.equal((await post('nudges', { 'x-jobs-key': `${KEY}x` })).status, 401);
    assert.equal(messenger.sent.length, 0);
    assert.ok(bot.logs.some((l) => l.includes('job trigger refused')));
    assert.ok(!bot.logs.some((l) => l.includes(KEY)), 'the key never reaches the logs');
  });

  it('should start the nudge job with the right key (202 and the run id), and answer "done" the second time', async () => {
    const messenger = new RecordingMessenger();
    bot = await startTestBot({ env: { JOBS_KEY: KEY }, clock: () => NUDGE_TIME, overrides: { messenger } });
    await seedBehindPairs(bot.store, 2);
    const first = await post('nudges', { 'x-jobs-key': KEY });
    assert.equal(first.status, 202);
    const body = (await first.json()) as { runId: string; status: string; outcome: string };
    assert.equal(body.status, 'started');
    assert.match(body.runId, /^run-/);
    assert.equal(body.outcome, `/api/jobs/${body.runId}`);
    await bot.service.services.background.idle();
    const run = await fetch(`${bot.service.url}${body.outcome}`, { headers: { 'x-jobs-key': KEY } });
    assert.equal(run.status, 200);
    const read = (await run.json()) as { status: string; report: { sent: number } };
    assert.equal(read.status, 'ran');
    assert.equal(read.report.sent, 4);
    assert.deepEqual(messenger.sent.map((m) => m.userId).sort(), members(2).sort());
    const second = await post('nudges', { 'x-jobs-key': KEY });
    assert.equal(second.status, 202);
    assert.deepEqual(await second.json(), { ...body, status: 'done' });
    await bot.service.services.background.idle();
    assert.equal(messenger.sent.length, 4);
    const digest = await post('digest', { 'x-jobs-key': KEY });
    assert.equal(digest.status, 202);
    assert.equal(((await digest.json()) as { status: string }).status, 'started');
  });

  it('should not exist (404) when no key is configured, and answer 404 for an unknown job', async () => {
    bot = await startTestBot({ clock: () => NUDGE_TIME, overrides: { messenger: new RecordingMessenger() } });
    assert.equal((await post('nudges', { 'x-jobs-key': 'anything-at-all-here' })).status, 404);
    await bot.stop();
    bot = await startTestBot({
      env: { JOBS_KEY: KEY },
      clock: () => NUDGE_TIME,
      overrides: { messenger: new RecordingMessenger() },
    });
    assert.equal((await post('backup', { 'x-jobs-key': KEY })).status, 404);
  });

  it('should compare keys without depending on their length', () => {
    assert.equal(keysMatch(KEY, KEY), true);
    assert.equal(keysMatch('', KEY), false);
    assert.equal(keysMatch('', ''), false);
    assert.equal(keysMatch(`${KEY}${KEY}`, KEY), false);
  });
});
