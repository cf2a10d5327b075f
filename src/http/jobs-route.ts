/**
 * POST /api/jobs/digest, /api/jobs/nudges and /api/jobs/retention: the job trigger for external schedulers
 * (Azure Logic Apps, a cron job). Authenticated with the header x-jobs-key, compared in constant
 * time with the configured key; no key configured means the trigger does not exist (404). The
 * job runs under the same lease as the in-process timer, so a trigger and a timer (or two
 * triggers, or a retried trigger) in the same period run it once. The trigger answers at once:
 * 202 with the run's id — the new run's, or the one already going (status 'running') or done
 * for the period (status 'done'). GET /api/jobs/<run id> (same key) reads the run's outcome.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { routeParam } from './route-param';
import type { Logger } from '../logging/logger';
import { isJobName, JOB_NAMES } from '../jobs/job-runner';
import { NoMessengerError, type Jobs } from '../jobs/wiring';

/** Equal-length digests, so neither the content nor the length of the key leaks through timing. */
export function keysMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected !== '';
}

/** The key check of both routes; false when it already answered (404 disabled, 401 wrong key). */
function authorised(req: Request, res: Response, options: { triggerKey: string; logger: Logger }): boolean {
  if (options.triggerKey === '') {
    res.status(404);
    res.json({ error: 'NotFound', message: 'the job trigger is disabled (JOBS_KEY is not set)' });
    return false;
  }
  const header = req.headers['x-jobs-key'];
  const given = typeof header === 'string' ? header : '';
  if (!keysMatch(given, options.triggerKey)) {
    options.logger.warn(
      { route: 'jobs', job: (routeParam(req, 'job') || routeParam(req, 'runId')).slice(0, 20) },
      'job trigger refused: wrong or missing key',
    );
    res.status(401);
    res.json({ error: 'Unauthorized', message: 'a valid x-jobs-key header is required' });
    return false;
  }
  return true;
}

export function mountJobsRoute(server: Server, options: { triggerKey: string; jobs: Jobs; logger: Logger }): void {
  server.post('/api/jobs/:job', async (req: Request, res: Response) => {
    if (!authorised(req, res, options)) return;
    const job = routeParam(req, 'job');
    if (!isJobName(job)) {
      res.status(404);
      res.json({ error: 'NotFound', message: `unknown job; use one of ${JOB_NAMES.join(', ')}` });
      return;
    }
    try {
      // Answers at once: the run goes on after the answer; its outcome is read with GET /api/jobs/<runId>.
      const start = await options.jobs.trigger(job);
      res.status(202);
      res.json({ ...start, outcome: `/api/jobs/${start.runId}` });
    } catch (error) {
      if (error instanceof NoMessengerError) {
        res.status(503);
        res.json({ error: 'Unavailable', message: error.message });
        return;
      }
      options.logger.error(
        { route: 'jobs', job, err: { name: (error as Error).name, code: (error as { code?: string }).code } },
        'job trigger could not start the run',
      );
      res.status(503);
      res.json({ error: 'Unavailable', message: 'the run could not be started (the store did not answer); try again' });
    }
  });

  server.get('/api/jobs/:runId', async (req: Request, res: Response) => {
    if (!authorised(req, res, options)) return;
    const runId = routeParam(req, 'runId');
    const run = /^run-[A-Za-z0-9_.-]{1,200}$/.test(runId) ? await options.jobs.readRun(runId) : undefined;
    if (!run) {
      res.status(404);
      res.json({ error: 'NotFound', message: 'no run with this id' });
      return;
    }
    const { version: _version, schoolId: _partition, type: _type, ...outcome } = run;
    res.status(200);
    res.json({ runId: run.id, ...outcome });
  });
}
