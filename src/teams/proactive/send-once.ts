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

/** Removes the connector pipeline's own retry policy; true when it is gone. */
export function disableBuiltInRetries(connectorClient: unknown): boolean {
  const pipeline = (connectorClient as { client?: { pipeline?: { removePolicy?: (o: { name: string }) => unknown[]; getOrderedPolicies?: () => { name: string }[] } } })?.client?.pipeline;
  if (!pipeline?.removePolicy) return false;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  return !(pipeline.getOrderedPolicies?.() ?? []).some((p) => p.name === 'defaultRetryPolicy');
}

export async function sendOnce(adapter: ProactiveAdapter, botAppId: string, reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<AttemptResult> {
  let result: AttemptResult | undefined;
  let disabled = false;
  try {
    await adapter.continueConversationAsync(botAppId, reference, async (turn: TurnContext) => {
      disabled = disableBuiltInRetries(turn.turnState.get(adapter.ConnectorClientKey));
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
