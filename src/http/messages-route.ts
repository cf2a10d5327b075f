/**
 * POST /api/messages: validates the activity's shape, then lets the CloudAdapter authenticate
 * and run the bot. A bad or missing token is 401 (never 500); a malformed activity is 400;
 * nothing is processed in either case.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import type { TweetalAdapter } from '../teams/adapter';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { Logger } from '../logging/logger';

export function activityProblem(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON activity object';
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return 'the activity has no type';
  if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') return 'the activity has no serviceUrl';
  const conversation = activity.conversation as Record<string, unknown> | undefined;
  if (!conversation || typeof conversation !== 'object' || typeof conversation.id !== 'string') return 'the activity has no conversation id';
  const from = activity.from as Record<string, unknown> | undefined;
  if (!from || typeof from !== 'object' || typeof from.id !== 'string') return 'the activity has no from.id';
  if (activity.text !== undefined && typeof activity.text !== 'string') return 'the activity text must be a string';
  if (typeof activity.text === 'string' && activity.text.length > 28_000) return 'the activity text is too long';
  return undefined;
}

export function messagesRoute(adapter: TweetalAdapter, bot: ActivityHandler, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const problem = activityProblem(req.body);
    if (problem) {
      res.status(400);
      res.json({ error: 'BadRequest', message: problem });
      return;
    }
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const invokeResponse = await adapter.processIncoming(authHeader, req.body as Activity, (turn) => bot.run(turn));
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
      else res.end();
    } catch (error) {
      if (error instanceof AuthenticationError && error.statusCode === 503) {
        logger.error({ activityId: (req.body as Activity).id, err: { name: error.name, message: error.message } }, 'request not authenticated: signing keys unavailable');
        res.status(503);
        res.json({ error: 'ServiceUnavailable', message: 'the token cannot be checked right now; try again later' });
        return;
      }
      if (error instanceof AuthenticationError) {
        logger.info({ activityId: (req.body as Activity).id, status: error.statusCode }, 'request refused: not authenticated');
        res.status(error.statusCode === 403 ? 403 : 401);
        res.json({ error: 'Unauthorized', message: 'a valid Bot Framework token is required' });
        return;
      }
      logger.error({ activityId: (req.body as Activity).id, err: { name: (error as Error).name, message: (error as Error).message } }, 'activity failed');
      res.status(500);
      res.json({ error: 'InternalError', message: 'the activity could not be processed' });
    }
  };
}
