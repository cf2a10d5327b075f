/**
 * POST /api/messages: validates the activity's shape, then lets the CloudAdapter authenticate
 * and run the bot. A bad or missing token is 401 (never 500); a malformed activity is 400;
 * nothing is processed in either case.
 */
import type { Request, Response, Server } from 'restify';
import type { ReceiveActivity } from '../teams/incoming';
import type { Logger } from '../logging/logger';
import { sendJson } from './send-json';

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const optionalString = (value: unknown): boolean => value === undefined || value === null || typeof value === 'string';
const hasId = (value: unknown): boolean => isObject(value) && typeof value.id === 'string' && value.id !== '';

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Members of membersAdded / membersRemoved: when present, an array of accounts with an id. */
function badMembers(value: unknown): boolean {
  return value !== undefined && value !== null && (!Array.isArray(value) || value.some((m) => !hasId(m)));
}

/** Entities, when present: a list of objects with a type; a mention names whom it mentions (an account with an id). */
function entitiesProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return 'the activity entities must be a list';
  for (const entity of value) {
    if (!isObject(entity) || typeof entity.type !== 'string')
      return 'each activity entity must be an object with a type';
    if (entity.type === 'mention' && !hasId(entity.mentioned))
      return 'a mention entity must name whom it mentions (mentioned with an id)';
    if (entity.type === 'mention' && !optionalString(entity.text)) return 'a mention entity text must be a string';
  }
  return undefined;
}

/** channelData, when present: an object whose tenant and team ids, when given, are strings. */
function channelDataProblem(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) return 'the activity channelData must be an object';
  for (const key of ['tenant', 'team'] as const) {
    const part = value[key];
    if (part === undefined || part === null) continue;
    if (!isObject(part) || !optionalString(part.id)) return `the activity channelData.${key}.id must be a string`;
  }
  return undefined;
}

export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body must be a JSON activity object';
  const activity = body;
  if (typeof activity.type !== 'string' || activity.type === '') return 'the activity has no type';
  if (typeof activity.serviceUrl !== 'string' || activity.serviceUrl === '') return 'the activity has no serviceUrl';
  if (!isHttpUrl(activity.serviceUrl)) return 'the activity serviceUrl must be an http(s) URL';
  const conversation = activity.conversation;
  if (!isObject(conversation) || !hasId(conversation)) return 'the activity has no conversation id';
  if (!optionalString(conversation.tenantId)) return 'the activity conversation.tenantId must be a string';
  const from = activity.from;
  if (!isObject(from) || !hasId(from)) return 'the activity has no from.id';
  if (!optionalString(from.aadObjectId) || !optionalString(from.name))
    return 'the activity from.aadObjectId and from.name must be strings';
  if (!hasId(activity.recipient)) return 'the activity has no recipient.id';
  if (!optionalString(activity.locale)) return 'the activity locale must be a string';
  if (badMembers(activity.membersAdded) || badMembers(activity.membersRemoved))
    return 'the activity membersAdded and membersRemoved must be lists of accounts with an id';
  if (activity.type === 'invoke' && (typeof activity.name !== 'string' || activity.name === ''))
    return 'the invoke activity has no name';
  if (activity.text !== undefined && typeof activity.text !== 'string') return 'the activity text must be a string';
  const shape = entitiesProblem(activity.entities) ?? channelDataProblem(activity.channelData);
  if (shape) return shape;
  if (typeof activity.text === 'string' && activity.text.length > 28_000) return 'the activity text is too long';
  return undefined;
}

export function messagesRoute(receive: ReceiveActivity, logger: Logger) {
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    const problem = activityProblem(body);
    if (problem || !isObject(body)) {
      sendJson(res, 400, { error: 'BadRequest', message: problem });
      return;
    }
    // The id of an activity not yet authenticated is anyone's text: a bounded piece of it only.
    const activityId = typeof body.id === 'string' ? body.id.slice(0, 64) : undefined;
    const authHeader = String(req.headers.authorization ?? '');
    try {
      const outcome = await receive(authHeader, body);
      switch (outcome.kind) {
        case 'answered':
          if (outcome.body !== undefined) sendJson(res, outcome.status, outcome.body);
          else {
            res.status(outcome.status);
            res.end();
          }
          return;
        case 'keys-unavailable':
          logger.error(
            { activityId, err: { name: 'AuthenticationError', message: outcome.message } },
            'request not authenticated: signing keys unavailable',
          );
          sendJson(res, 503, {
            error: 'ServiceUnavailable',
            message: 'the token cannot be checked right now; try again later',
          });
          return;
        case 'refused':
          logger.info(
            { activityId, status: outcome.status, reason: outcome.reason },
            'request refused: not authenticated',
          );
          sendJson(res, outcome.status, { error: 'Unauthorized', message: 'a valid Bot Framework token is required' });
          return;
      }
    } catch (error) {
      logger.error(
        { activityId, err: { name: (error as Error).name, message: (error as Error).message } },
        'activity failed',
      );
      sendJson(res, 500, { error: 'InternalError', message: 'the activity could not be processed' });
    }
  };
}

/**
 * POST /api/messages, and a quiet 405 with `Allow: POST` for HEAD and GET: the Agents Playground
 * and uptime checks probe the endpoint that way, which is not an error worth a log line.
 */
export function mountMessagesRoute(server: Server, receive: ReceiveActivity, logger: Logger): void {
  server.post('/api/messages', messagesRoute(receive, logger));
  const onlyPost = async (_req: Request, res: Response): Promise<void> => {
    res.header('Allow', 'POST');
    res.status(405);
    res.end();
  };
  server.head('/api/messages', onlyPost);
  server.get('/api/messages', onlyPost);
}
