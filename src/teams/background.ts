/**
 * Work that runs after an invoke has been answered (DESIGN.md §6: answer quickly, do slow work
 * after answering), e.g. proactive messages to other people. `run` starts a task without the
 * caller awaiting it; a failure is logged once (label and error name/code only, never message
 * text) and goes no further. `idle` resolves when every started task, including tasks started
 * by those tasks, has settled (tests and shutdown wait for it). Tasks with the same `key` run one
 * after the other in the order they were started (e.g. two quick changes of one visit update the
 * partner's card in order, never both at once).
 */
import type { Logger } from '../logging/logger';

export interface Background {
  /** Start `task` now (after earlier tasks with the same key); the caller does not wait for it. */
  run(label: string, task: () => Promise<unknown>, options?: RunOptions): void;
  /** Resolves when nothing started here is still running; with `timeoutMs`, resolves false when that passes first. */
  idle(timeoutMs?: number): Promise<boolean>;
  /** Tasks still running. */
  readonly pending: number;
}

export interface RunOptions {
  /** Ids (never text) for the failure log. */
  readonly ids?: Readonly<Record<string, string | number | undefined>>;
  /** Tasks with the same key run one after the other. */
  readonly key?: string;
}

export function createBackground(logger: Logger): Background {
  const running = new Set<Promise<void>>();
  const tails = new Map<string, Promise<void>>();
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (running.size > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  return {
    run(label, task, { ids = {}, key } = {}) {
      const previous = key === undefined ? undefined : tails.get(key);
      const started: Promise<void> = (previous ?? Promise.resolve())
        .then(() => task())
        .then(
          () => undefined,
          (error: unknown) => {
            const err = {
              name: (error as Error | undefined)?.name,
              code: (error as { code?: unknown } | undefined)?.code,
            };
            logger.error({ task: label, ...ids, err }, 'background task failed');
          },
        )
        .finally(() => {
          running.delete(started);
          if (key !== undefined && tails.get(key) === started) tails.delete(key);
          settle();
        });
      running.add(started);
      if (key !== undefined) tails.set(key, started);
    },
    idle(timeoutMs) {
      if (running.size === 0) return Promise.resolve(true);
      const whenIdle = new Promise<true>((resolve) => waiters.push(() => resolve(true)));
      if (timeoutMs === undefined) return whenIdle;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      return Promise.race([whenIdle, timeout]).finally(() => clearTimeout(timer));
    },
    get pending() {
      return running.size;
    },
  };
}
