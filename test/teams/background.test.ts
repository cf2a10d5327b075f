/** The background work queue: started without waiting, failures logged once (ids only), idle when all settled. */
import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import { createBackground } from '../../src/teams/background';
import { createLogger } from '../../src/logging/logger';

function recordingLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Lets every queued promise continuation run (a turn of the event loop; no clock involved). */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('background work (services.background)', () => {
  it('should start a task without the caller waiting, and be idle only when it and the tasks it started have settled', async () => {
    const { logger } = recordingLogger();
    const background = createBackground(logger);
    assert.equal(await background.idle(), true, 'idle at once when nothing runs');
    const first = gate();
    const second = gate();
    const done: string[] = [];
    const outerReturned = gate();
    background.run('outer', async () => {
      await first.opened;
      background.run('inner', async () => {
        await second.opened;
        done.push('inner');
      });
      done.push('outer');
      outerReturned.open();
    });
    assert.deepEqual(done, [], 'run returned before the task did anything');
    let idle = false;
    const whenIdle = background.idle().then(() => (idle = true));
    first.open();
    await outerReturned.opened;
    await flush(); // the outer task's bookkeeping (settled, removed from pending) runs
    assert.deepEqual(done, ['outer']);
    assert.equal(idle, false, 'the inner task is still running');
    assert.equal(background.pending, 1);
    second.open();
    await whenIdle;
    assert.deepEqual(done, ['outer', 'inner']);
    assert.equal(background.pending, 0);
  });

  it('should log a failing task once with its label, ids and error code, never the error message', async () => {
    const { logger, lines } = recordingLogger();
    const background = createBackground(logger);
    background.run(
      'visits.partner-cards',
      async () => {
        throw Object.assign(new Error('Bram schreef: de les was chaotisch'), { code: 'E_SEND' });
      },
      { ids: { schoolId: 'school-1', visitId: 'visit-1' } },
    );
    await background.idle();
    assert.equal(lines.length, 1, lines.join('\n'));
    const logged = JSON.parse(lines[0]!);
    assert.equal(logged.msg, 'background task failed');
    assert.equal(logged.task, 'visits.partner-cards');
    assert.equal(logged.visitId, 'visit-1');
    assert.equal(logged.err.code, 'E_SEND');
    assert.ok(!lines[0]!.includes('chaotisch'));
  });

  it('should run tasks with the same key one after the other, in the order they were started', async () => {
    const { logger } = recordingLogger();
    const background = createBackground(logger);
    const order: string[] = [];
    const slow = gate();
    background.run(
      'a',
      async () => {
        order.push('a starts');
        await slow.opened;
        order.push('a ends');
      },
      { key: 'visit-1' },
    );
    background.run(
      'b',
      async () => {
        order.push('b starts');
      },
      { key: 'visit-1' },
    );
    background.run(
      'c',
      async () => {
        order.push('c (other key) starts');
      },
      { key: 'visit-2' },
    );
    await flush();
    assert.deepEqual(order, ['a starts', 'c (other key) starts']);
    slow.open();
    await background.idle();
    assert.deepEqual(order, ['a starts', 'c (other key) starts', 'a ends', 'b starts']);
  });

  it('should resolve idle(timeout) with false when work is still running after the timeout', async () => {
    const { logger } = recordingLogger();
    const background = createBackground(logger);
    const never = gate();
    background.run('stuck', () => never.opened);
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const idle = background.idle(30);
      await clock.tickAsync(29);
      let settled = false;
      void idle.then(() => (settled = true));
      await flush();
      assert.equal(settled, false, 'still waiting before the timeout');
      await clock.tickAsync(1);
      assert.equal(await idle, false);
    } finally {
      clock.restore();
    }
    never.open();
    assert.equal(await background.idle(), true);
  });
});
