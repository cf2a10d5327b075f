/**
 * A fake clock with a sleep that only returns when the test advances time: deterministic tests of
 * pacing, without timers and without timed assertions.
 *
 * For pacing over real HTTP (the sender against the Bot Connector stand-in), `track(limiter)`
 * counts each request the limiter lets go as travelling until its attempt ends; time does not
 * move while a request travels, so the stand-in (reading the same clock) sees each request
 * arrive at the very moment the limiter let it go. Time moves only when everything is waiting
 * for it.
 */
import type { RateLimiter } from '../../../src/teams/proactive/rate-limiter';

export class FakeTime {
  now = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  readonly sleeps: number[] = [];
  private travelling = 0;
  private landed: (() => void)[] = [];

  readonly clock = (): number => this.now;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise<void>((resolve) => this.timers.push({ at: this.now + Math.max(0, ms), resolve }));
  };

  /** Lets every pending promise run (microtasks and the continuations they schedule). */
  static async settle(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  }

  /** Makes time stand still while a request `limiter` let go is on its way (see the file comment). */
  track(limiter: RateLimiter): RateLimiter {
    const begin = limiter.begin.bind(limiter);
    limiter.begin = async (tenantKey, conversationKey) => {
      const ticket = await begin(tenantKey, conversationKey);
      let onItsWay = false;
      return {
        go: async () => {
          await ticket.go();
          if (!onItsWay) {
            onItsWay = true;
            this.travelling++;
          }
        },
        end: () => {
          if (onItsWay) {
            onItsWay = false;
            this.travelling--;
            for (const resolve of this.landed.splice(0)) resolve();
          }
          ticket.end();
        },
      };
    };
    return limiter;
  }

  /**
   * Advances to each next timer in turn until `done` resolves; bounded. With `idle`, time moves only
   * once `idle()` holds on two settles in a row: real I/O (HTTP to the stand-in on 127.0.0.1, a
   * store) then finishes at the same virtual moment it started, as if it took no time. Time also
   * stands still while a request of a `track`ed limiter travels (waiting for the event itself, not
   * for a time); with nothing scheduled, other I/O gets `quietTurns` turns of the event loop to
   * finish before it is called a deadlock.
   */
  async runUntil<T>(done: Promise<T>, maxSteps = 100_000, idle?: () => boolean, quietTurns = 2_000): Promise<T> {
    let finished = false;
    const result = done.then((value) => {
      finished = true;
      return value;
    });
    let quiet = 0;
    for (let step = 0; step < maxSteps; step++) {
      await FakeTime.settle();
      if (idle) {
        for (let round = 0, calm = 0; calm < 2 && !finished; round++) {
          if (round > 1_000_000) throw new Error('fake time: never idle');
          calm = idle() ? calm + 1 : 0;
          await FakeTime.settle();
        }
      }
      if (finished) return result;
      if (this.travelling > 0) {
        await new Promise<void>((resolve) => this.landed.push(resolve));
        quiet = 0;
        continue;
      }
      if (this.timers.length === 0) {
        if (++quiet > quietTurns) throw new Error('fake time: nothing scheduled but not finished (deadlock)');
        continue;
      }
      quiet = 0;
      const next = Math.min(...this.timers.map((t) => t.at));
      this.now = Math.max(this.now, next);
      const due = this.timers.filter((t) => t.at <= this.now);
      this.timers = this.timers.filter((t) => t.at > this.now);
      for (const timer of due) timer.resolve();
    }
    throw new Error(`fake time: not finished after ${maxSteps} steps`);
  }
}
