/**
 * One HTTP attempt of a proactive send: continueConversation with a stored reference, then one
 * POST to the conversation — and nothing more.
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
import { CardFactory, type Activity, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { OutgoingMessage } from '../../app/messenger';

export type ProactiveAdapter = Pick<CloudAdapter, 'continueConversationAsync' | 'ConnectorClientKey'>;

export interface AttemptResult {
  readonly ok: boolean;
  readonly activityId?: string;
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

const pipelineOf = (connectorClient: unknown): Pipeline | undefined => (connectorClient as { client?: { pipeline?: Pipeline } })?.client?.pipeline;

/** Removes the connector pipeline's own retry policy; true when it is gone. */
export function disableBuiltInRetries(connectorClient: unknown): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline?.removePolicy) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return !(pipeline.getOrderedPolicies?.() ?? []).some((p) => p.name === 'defaultRetryPolicy');
}

/**
 * Runs `pace` as the last step of the connector pipeline, right before the HTTP request leaves
 * (after serialisation and the bearer token): the moment the rate limiter counts is then as close
 * as we can get to the moment Teams counts. Creating the client and fetching a token can take
 * hundreds of milliseconds, and varies, so pacing before them would let requests bunch up.
 * False when the pipeline cannot take a policy (the caller then paces before sending).
 */
export function installPacing(connectorClient: unknown, pace: () => Promise<void>): boolean {
  const pipeline = pipelineOf(connectorClient);
  if (!pipeline?.addPolicy) return false;
  pipeline.addPolicy(
    {
      name: 'tweetalProactivePacing',
      async sendRequest(request, next) {
        await pace();
        return next(request);
      },
    },
    { afterPhase: 'Sign' },
  );
  return true;
}

export async function sendOnce(
  adapter: ProactiveAdapter,
  botAppId: string,
  reference: Partial<ConversationReference>,
  activity: Partial<Activity>,
  pace: () => Promise<void> = async () => undefined,
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
      const connectorClient = turn.turnState.get(adapter.ConnectorClientKey);
      disabled = disableBuiltInRetries(connectorClient);
      if (!installPacing(connectorClient, paceOnce)) await paceOnce();
      // The continuation activity has a made-up id, which sendActivity would turn into a reply
      // to it (POST …/activities/<uuid>); a proactive message is a new one in the conversation.
      turn.onSendActivities(async (_turn, activities, next) => {
        for (const outgoing of activities) delete outgoing.replyToId;
        return next();
      });
      try {
        const response = await turn.sendActivity(activity);
        result = { ok: true, ...(response?.id ? { activityId: response.id } : {}), httpStatus: 200, builtInRetriesDisabled: disabled };
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

function failure(error: unknown, disabled: boolean): AttemptResult {
  const e = error as { statusCode?: number; code?: string; response?: { status?: number; headers?: { get?: (name: string) => string | undefined | null } } };
  const httpStatus = typeof e?.statusCode === 'number' ? e.statusCode : typeof e?.response?.status === 'number' ? e.response.status : undefined;
  const retryAfter = e?.response?.headers?.get?.('retry-after') ?? undefined;
  const code = typeof e?.code === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(e.code) ? e.code : undefined;
  return { ok: false, ...(httpStatus !== undefined ? { httpStatus } : {}), ...(code ? { code } : {}), ...(retryAfter ? { retryAfter } : {}), builtInRetriesDisabled: disabled };
}
