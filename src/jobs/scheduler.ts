/**
 * The in-process timer: every `intervalMs` it tries each job (JOB_NAMES) for the current
 * period. Ticks never overlap; `stop()` clears the timer and waits for a running tick. Several
 * instances may run a scheduler on one store: the lease lets one of them run each job per period.
 */
import type { DateTime } from 'luxon';
import { JOB_NAMES, runJobOnce, type JobEnvironment, type JobRunResult } from './job-runner';

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<JobRunResult[]> | undefined;
  private stopped = false;

  constructor(
    private readonly env: () => JobEnvironment | undefined,
    private readonly intervalMs: number,
    private readonly clock: () => DateTime,
  ) {}

  start(): void {
    if (this.timer) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref?.();
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One tick: each job once for the current period (skipped while the previous tick runs). */
  tick(): Promise<JobRunResult[]> {
    if (this.running) return this.running;
    const run = this.runJobs().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async runJobs(): Promise<JobRunResult[]> {
    const env = this.env();
    if (!env) return [];
    const results: JobRunResult[] = [];
    for (const job of JOB_NAMES) {
      if (this.stopped && results.length > 0) break;
      try {
        results.push(await runJobOnce(env, job, this.clock()));
      } catch {
        // runJobOnce logged it; the next tick resumes what is pending.
      }
    }
    return results;
  }
}
