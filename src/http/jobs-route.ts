/**
 * POST /api/jobs/digest, /api/jobs/nudges and /api/jobs/retention: the job trigger for external schedulers
 * (Azure Logic Apps, a cron job). Authenticated with the header x-jobs-key, compared in constant
 * time with the configured key; no key configured means the trigger does not exist (404). The
 * job runs under the same lease as the in-process timer, so a trigger and a timer (or two
 * triggers) in the same period run it once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { routeParam } from './route-param';
import type { Logger } from '../logging/logger';
import { isJobName } from '../jobs/job-runner';
import { NoMessengerError, type Jobs } from '../jobs/wiring';

/** Equal-length digests, so neither the content nor the length of the key leaks through timing. */
export function keysMatch(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected !== '';
}

export function mountJobsRoute(server: Server, options: { triggerKey: string; jobs: Jobs; logger: Logger }): void {
  server.post('/api/jobs/:job', async (req: Request, res: Response) => {
    if (options.triggerKey === '') {
      res.status(404);
      res.json({ error: 'NotFound', message: 'the job trigger is disabled (JOBS_KEY is not set)' });
      return;
    }
    const header = req.headers['x-jobs-key'];
    const given = typeof header === 'string' ? header : '';
    if (!keysMatch(given, options.triggerKey)) {
      options.logger.warn(
        { route: 'jobs', job: routeParam(req, 'job').slice(0, 20) },
        'job trigger refused: wrong or missing key',
      );
      res.status(401);
      res.json({ error: 'Unauthorized', message: 'a valid x-jobs-key header is required' });
      return;
    }
    const job = routeParam(req, 'job');
    if (!isJobName(job)) {
      res.status(404);
      res.json({ error: 'NotFound', message: 'unknown job; use digest or nudges' });
      return;
    }
    try {
      const result = await options.jobs.run(job);
      res.status(200);
      res.json(result);
    } catch (error) {
      if (error instanceof NoMessengerError) {
        res.status(503);
        res.json({ error: 'Unavailable', message: error.message });
        return;
      }
      res.status(500);
      res.json({ error: 'InternalError', message: 'the job failed; what is pending is resumed by the next run' });
    }
  });
}
