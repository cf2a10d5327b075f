/**
 * One HTTP attempt of a proactive delivery: continueConversation with a stored reference, then
 * exactly one request — a POST of a new message (sendAttempt), a PUT replacing an earlier one
 * (updateAttempt), or a POST /v3/conversations opening a 1:1 chat (createConversationAttempt).
 * Retries and pacing live in sender.ts; "send a nudge or digest at most once" is
 * src/app/nudges/send-once.ts (a different job).
 *
 * Two things botbuilder would otherwise do behind our back:
 *  - The connector client's @azure/core-rest-pipeline has a `defaultRetryPolicy` that retries
 *    429/503 (honouring Retry-After) and every 5xx except 501/505 and network errors, up to 3
 *    times with its own backoff. Our sender already retries with its rate limits in mind, so the
 *    two together would make up to 4 × maxAttempts requests, unpaced. We remove that policy from
 *    the (per-call) connector client, so one attempt here is exactly one HTTP request.
 *  - turn.sendActivity in a continued conversation is sent as a reply to the continuation
 *    activity's random id; we send a new message to the conversation (sendToConversation).
 *  - An error thrown inside the continueConversation logic goes to the adapter's onTurnError,
 *    which would log a turn failure and send the person "something went wrong". We catch it
 *    inside the logic and hand it back as a value instead.
 */
import {
  CardFactory,
  type Activity,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { OutgoingMessage } from '../../app/messenger';

export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;

export interface AttemptResult {
  readonly ok: boolean;
  readonly activityId?: string;
  /** The conversation an attempt created (createConversationAttempt). */
  readonly conversationId?: string;
  /** Absent when no HTTP answer came (connection refused or reset, credentials failure). */
  readonly httpStatus?: number;
  /** The connector's error code (e.g. MessageWritesBlocked, ConversationNotFound); never text. */
  readonly code?: string;
  readonly retryAfter?: string;
  /** false when the connector's own retry policy could not be removed (see above). */
  readonly builtInRetriesDisabled: boolean;
}

export function toActivity(message: OutgoingMessage): Partial<Activity> {
  if (!message.card && !message.text) throw new TypeError('a proactive message needs a card or a text');
  return {
    type: 'message',
    ...(message.text ? { text: message.text } : {}),
    ...(message.card ? { attachments: [CardFactory.adaptiveCard(message.card)] } : {}),
  };
}

interface PipelinePolicy {
  readonly name: string;
  sendRequest(request: unknown, next: (request: unknown) => Promise<unknown>): Promise<unknown>;
}

interface Pipeline {
  removePolicy?(options: { name: string }): unknown[];
  addPolicy?(policy: PipelinePolicy, options?: { afterPhase?: string }): void;
  getOrderedPolicies?(): { name: string }[];
}

const pipelineOf = (connectorClient: unknown): Pipeline | undefined =>
  (connectorClient as { client?: { pipeline?: Pipeline } })?.client?.pipeline;

/** Removes the connector pipeline's own retry policy; true when it is gone. */
export function disableBuiltInRetries(connectorClient: unknown): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline?.removePolicy) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return !(pipeline.getOrderedPolicies?.() ?? []).some((p) => p.name === 'defaultRetryPolicy');
}

/** A running timer of one attempt: `elapsed` settles when it fired; `cancel` stops it. */
export interface AttemptTimer {
  readonly elapsed: Promise<void>;
  cancel(): void;
}

/**
 * How long one HTTP attempt may take before it is aborted (then it counts as no answer, which
 * the sender retries), and the timer to use (tests inject one they fire themselves).
 */
export interface AttemptTimeout {
  readonly ms: number;
  readonly start: (ms: number) => AttemptTimer;
}

/** The production timer: setTimeout, not keeping the process alive. */
export const realAttemptTimer = (ms: number): AttemptTimer => {
  let handle: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    handle = setTimeout(resolve, ms);
    handle.unref?.();
  });
  return { elapsed, cancel: () => clearTimeout(handle) };
};

interface AbortableRequest {
  abortSignal?: AbortSignal;
}

/** Runs `send` with an abort signal that fires when `timeout` elapses (or the caller's own signal does). */
async function withTimeout<T>(request: AbortableRequest, timeout: AttemptTimeout, send: () => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const outer = request.abortSignal;
  if (outer?.aborted) controller.abort();
  outer?.addEventListener?.('abort', () => controller.abort(), { once: true });
  request.abortSignal = controller.signal;
  const timer = timeout.start(timeout.ms);
  void timer.elapsed.then(() => controller.abort());
  try {
    return await send();
  } finally {
    timer.cancel();
  }
}

/**
 * Runs `pace` as the last step of the connector pipeline, right before the HTTP request leaves
 * (after serialisation and the bearer token): the moment the rate limiter counts is then as close
 * as we can get to the moment Teams counts. Creating the client and fetching a token can take
 * hundreds of milliseconds, and varies, so pacing before them would let requests bunch up.
 * False when the pipeline cannot take a policy (the caller then paces before sending).
 */
export function installPacing(connectorClient: unknown, pace: () => Promise<void>, timeout?: AttemptTimeout): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline?.addPolicy) return false;
  pipeline.addPolicy(
    {
      name: 'tweetalProactivePacing',
      async sendRequest(request, next) {
        await pace();
        if (!timeout) return next(request);
        // The request's own time limit, from the moment it leaves (pacing waits are not counted).
        return withTimeout(request as AbortableRequest, timeout, () => next(request));
      },
    },
    { afterPhase: 'Sign' },
  );
  return true;
}

/** What one attempt does inside the continued conversation, with the paced connector client. */
type AttemptAction = (
  turn: TurnContext,
  connectorClient: unknown,
) => Promise<{ activityId?: string; conversationId?: string }>;

/**
 * Runs `action` once inside a continued conversation of `reference`, with the connector client's
 * own retries removed and `pace` right before the (single) HTTP request; failures come back as
 * values, never as turn errors.
 */
async function attemptOnce(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  pace: () => Promise<void>,
  action: AttemptAction,
  timeout?: AttemptTimeout,
): Promise<AttemptResult> {
  let result: AttemptResult | undefined;
  let disabled = false;
  let paced = false;
  const paceOnce = async () => {
    if (paced) return;
    paced = true;
    await pace();
  };
  try {
    await adapter.continueConversationAsync(botAppId, reference, async (turn: TurnContext) => {
      const connectorClient: unknown = turn.turnState.get(adapter.ConnectorClientKey);
      disabled = disableBuiltInRetries(connectorClient);
      if (!installPacing(connectorClient, paceOnce, timeout)) await paceOnce();
      try {
        const done = await action(turn, connectorClient);
        result = {
          ok: true,
          ...(done.activityId ? { activityId: done.activityId } : {}),
          ...(done.conversationId ? { conversationId: done.conversationId } : {}),
          httpStatus: 200,
          builtInRetriesDisabled: disabled,
        };
      } catch (error) {
        result = failure(error, disabled);
      }
    });
  } catch (error) {
    // Before the logic ran: creating the connector client or its credentials failed.
    result = failure(error, disabled);
  }
  return result ?? { ok: false, builtInRetriesDisabled: disabled };
}

/** The continuation activity has a made-up id, which botbuilder would turn into a reply to it. */
function noReplyTo(turn: TurnContext): void {
  turn.onSendActivities(async (_turn, activities, next) => {
    for (const outgoing of activities) delete outgoing.replyToId;
    return next();
  });
  turn.onUpdateActivity(async (_turn, activity, next) => {
    delete activity.replyToId;
    return next();
  });
}

/** One POST of a new message to the conversation of `reference` (never a reply to anything). */
export function sendAttempt(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  pace: () => Promise<void> = async () => undefined,
  timeout?: AttemptTimeout,
): Promise<AttemptResult> {
  return attemptOnce(
    adapter,
    botAppId,
    reference,
    pace,
    async (turn) => {
      // A proactive message is a new one in the conversation (POST …/activities), not a reply.
      noReplyTo(turn);
      const response = await turn.sendActivity(activity);
      return response?.id ? { activityId: response.id } : {};
    },
    timeout,
  );
}

/** One PUT replacing the earlier activity `activityId` in the conversation of `reference`. */
export function updateAttempt(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activityId: string,
  activity: Partial<Activity>,
  pace: () => Promise<void> = async () => undefined,
  timeout?: AttemptTimeout,
): Promise<AttemptResult> {
  return attemptOnce(
    adapter,
    botAppId,
    reference,
    pace,
    async (turn) => {
      noReplyTo(turn);
      await turn.updateActivity({ ...activity, id: activityId, conversation: turn.activity.conversation });
      return { activityId };
    },
    timeout,
  );
}

/** Who to open a 1:1 conversation with, and where. */
export interface NewConversation {
  readonly serviceUrl: string;
  readonly tenantId: string;
  /** The person's Teams id (29:…). */
  readonly teamsId: string;
  /** Their Entra object id. */
  readonly userId: string;
  readonly name?: string;
}

/** The bot's channel account in a conversation it creates. */
export const botAccount = (botAppId: string) => ({ id: botAppId ? `28:${botAppId}` : 'tweetal', name: 'Tweetal' });

/**
 * One POST /v3/conversations creating (or, in Teams, finding) the bot's 1:1 conversation with a
 * person. The request runs on a connector client for `serviceUrl`, obtained through a
 * continuation (no conversation yet), so that it is paced and unretried like every other attempt.
 */
export function createConversationAttempt(
  adapter: ProactiveAdapter,
  botAppId: string,
  target: NewConversation,
  pace: () => Promise<void> = async () => undefined,
  timeout?: AttemptTimeout,
): Promise<AttemptResult> {
  const placeholder: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: target.serviceUrl,
    bot: botAccount(botAppId),
    user: { id: target.teamsId, name: target.name ?? '', aadObjectId: target.userId } as ConversationReference['user'],
    conversation: {
      id: '',
      isGroup: false,
      conversationType: 'personal',
      tenantId: target.tenantId,
    } as ConversationReference['conversation'],
  };
  return attemptOnce(
    adapter,
    botAppId,
    placeholder,
    pace,
    async (_turn, connectorClient) => {
      const conversations = (
        connectorClient as { conversations?: { createConversation(parameters: unknown): Promise<{ id?: string }> } }
      ).conversations;
      if (!conversations) throw new Error('no connector client');
      const created = await conversations.createConversation({
        isGroup: false,
        bot: botAccount(botAppId),
        members: [{ id: target.teamsId, name: target.name ?? '', aadObjectId: target.userId }],
        tenantId: target.tenantId,
        channelData: { tenant: { id: target.tenantId } },
      });
      if (!created?.id) throw Object.assign(new Error('no conversation id'), { code: 'NoConversationId' });
      return { conversationId: created.id };
    },
    timeout,
  );
}

function failure(error: unknown, disabled: boolean): AttemptResult {
  const e = error as {
    statusCode?: number;
    code?: string;
    response?: { status?: number; headers?: { get?: (name: string) => string | undefined | null } };
  };
  const httpStatus =
    typeof e?.statusCode === 'number'
      ? e.statusCode
      : typeof e?.response?.status === 'number'
        ? e.response.status
        : undefined;
  const retryAfter = e?.response?.headers?.get?.('retry-after') ?? undefined;
  const code = typeof e?.code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(e.code) ? e.code : undefined;
  return {
    ok: false,
    ...(httpStatus !== undefined ? { httpStatus } : {}),
    ...(code ? { code } : {}),
    ...(retryAfter ? { retryAfter } : {}),
    builtInRetriesDisabled: disabled,
  };
}
