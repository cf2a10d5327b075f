/**
 * The proactive sender: the Messenger of the app layer, in Teams. It sends a message to a person
 * through their stored conversation reference (or to a stored reference directly, for channel
 * posts), paced by the RateLimiter within Teams' limits, and retries what is worth retrying:
 *
 *  - 429, 412, 502, 503, 504 and no answer: again, after Retry-After (seconds or an HTTP date) or
 *    an exponential backoff with jitter, at most `maxAttempts` HTTP requests in all → 'failed';
 *  - 403 (MessageWritesBlocked, app removed) and 404: 'unreachable' after that one request, and
 *    the person's reference is marked reachable=false so the digest can show it;
 *  - anything else: 'failed' at once.
 *
 * It never throws for an outcome; the caller (nudge/digest job) records the returned SendOutcome
 * on its own document. Each outcome is logged with ids and codes only — never the message.
 * Calls may be made concurrently (Promise.all over a whole fan-out): the limiter queues them.
 */
import type { ConversationReference } from 'botbuilder';
import { performance } from 'node:perf_hooks';
import type { Messenger, OutgoingMessage, SendOutcome } from '../../app/messenger';
import type { Logger } from '../../logging/logger';
import { readModifyWrite } from '../../store/read-modify-write';
import type { Store } from '../../store/store';
import { personReferenceId, tenantPartitionFor } from '../ids';
import { findPersonReference } from '../references';
import { RateLimiter, tenantLimits } from './rate-limiter';
import { classify, parseRetryAfter, retryDelay, type BackoffOptions } from './retry-policy';
import { sendOnce, toActivity, type AttemptResult, type ProactiveAdapter } from './send-once';

export interface ProactiveSenderOptions {
  readonly adapter: ProactiveAdapter;
  /** config.bot.appId; empty in local development (the connector is then called unauthenticated). */
  readonly botAppId: string;
  readonly store: Store;
  readonly logger: Logger;
  /** Sends per second per tenant (config.proactive.tenantPerSecond); ignored when `limiter` is given. */
  readonly tenantPerSecond?: number;
  readonly limiter?: RateLimiter;
  /** HTTP requests per message at most, first one included (default 5). */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** A Retry-After longer than this ends the send as 'failed' rather than holding the job (default 120 s). */
  readonly maxRetryAfterMs?: number;
  /** Wall clock in ms, for Retry-After given as an HTTP date (default Date.now). */
  readonly now?: () => number;
  /** The application's time as ISO text, for updatedAt of a reference marked unreachable. */
  readonly isoNow?: () => string;
  /** The wait between attempts (tests pass a recording one). */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class ProactiveSender implements Messenger {
  readonly limiter: RateLimiter;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private warnedBuiltInRetries = false;

  constructor(private readonly options: ProactiveSenderOptions) {
    this.limiter =
      options.limiter ??
      new RateLimiter({ tenantLimits: tenantLimits(options.tenantPerSecond ?? 40), clock: () => performance.now(), sleep: realSleep });
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
    this.backoff = { baseDelayMs: options.backoff?.baseDelayMs ?? 500, maxDelayMs: options.backoff?.maxDelayMs ?? 30_000 };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  /** A 1:1 message to a person through the reference stored when they installed or wrote to the bot. */
  async sendToPerson(tenantId: string, userId: string, message: OutgoingMessage): Promise<SendOutcome> {
    const stored = await findPersonReference(this.options.store, tenantId, userId);
    const reference = stored?.reference as Partial<ConversationReference> | undefined;
    if (!stored || !reference?.conversation?.id || !reference.serviceUrl) {
      return this.logged({ status: 'unreachable', attempts: 0, reason: 'no reference' }, tenantId);
    }
    if (!stored.reachable) {
      // Marked after a 403/404; a new install or message stores a fresh, reachable reference.
      return this.logged({ status: 'unreachable', attempts: 0, conversationId: reference.conversation.id, reason: 'marked unreachable' }, tenantId);
    }
    const outcome = await this.sendToReference(reference, message, tenantId);
    if (outcome.status === 'unreachable') await this.markUnreachable(tenantId, userId, reference);
    return outcome;
  }

  /** A message to a stored conversation reference (a channel post, or a person's chat). */
  async sendToReference(reference: Partial<ConversationReference>, message: OutgoingMessage, tenantId?: string): Promise<SendOutcome> {
    const activity = toActivity(message);
    const conversationId = reference.conversation?.id ?? '';
    const tenantKey = tenantId ?? reference.conversation?.tenantId ?? reference.serviceUrl ?? '';
    const conversationKey = `${reference.serviceUrl ?? ''}|${conversationId}`;
    let last: AttemptResult | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const ticket = await this.limiter.begin(tenantKey, conversationKey);
      try {
        last = await sendOnce(this.options.adapter, this.options.botAppId, reference, activity, ticket.go);
      } finally {
        ticket.end();
      }
      this.warnIfBuiltInRetriesStayed(last);
      if (last.ok) return this.logged({ status: 'sent', attempts: attempt, conversationId, httpStatus: 200, ...(last.activityId ? { activityId: last.activityId } : {}) }, tenantId);
      const kind = classify(last.httpStatus);
      const base = { attempts: attempt, conversationId, ...(last.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}) };
      if (kind === 'unreachable') return this.logged({ status: 'unreachable', ...base, reason: last.code ?? `HTTP ${last.httpStatus}` }, tenantId);
      if (kind === 'fail') return this.logged({ status: 'failed', ...base, reason: last.code ?? `HTTP ${last.httpStatus}` }, tenantId);
      if (attempt === this.maxAttempts) break;
      const retryAfterMs = parseRetryAfter(last.retryAfter, this.now());
      if (retryAfterMs !== undefined && retryAfterMs > this.maxRetryAfterMs) {
        return this.logged({ status: 'failed', ...base, reason: 'Retry-After too long' }, tenantId);
      }
      await this.sleep(retryDelay(attempt, retryAfterMs, this.backoff, this.random));
    }
    return this.logged(
      {
        status: 'failed',
        attempts: this.maxAttempts,
        conversationId,
        ...(last?.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}),
        reason: `gave up after ${this.maxAttempts} attempts (${last?.code ?? (last?.httpStatus !== undefined ? `HTTP ${last.httpStatus}` : 'no answer')})`,
      },
      tenantId,
    );
  }

  /** reachable=false on the person's reference — unless it changed meanwhile (they reinstalled). */
  private async markUnreachable(tenantId: string, userId: string, used: Partial<ConversationReference>): Promise<void> {
    try {
      await readModifyWrite(this.options.store, tenantPartitionFor(tenantId), 'personReference', personReferenceId(userId), (current) => {
        const reference = current?.reference as Partial<ConversationReference> | undefined;
        if (!current || !current.reachable) return undefined;
        if (reference?.conversation?.id !== used.conversation?.id || reference?.serviceUrl !== used.serviceUrl) return undefined;
        return { ...current, reachable: false, updatedAt: this.options.isoNow?.() ?? new Date(this.now()).toISOString() };
      });
    } catch (error) {
      this.options.logger.warn({ tenantId, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } }, 'proactive: could not mark a person unreachable');
    }
  }

  private warnIfBuiltInRetriesStayed(result: AttemptResult): void {
    if (result.builtInRetriesDisabled || this.warnedBuiltInRetries || result.httpStatus === undefined) return;
    this.warnedBuiltInRetries = true;
    this.options.logger.warn("proactive: the connector client's own retry policy could not be removed; one attempt may make up to 4 requests");
  }

  private logged(outcome: SendOutcome, tenantId: string | undefined): SendOutcome {
    const line = { tenantId, conversationId: outcome.conversationId, status: outcome.status, attempts: outcome.attempts, httpStatus: outcome.httpStatus, reason: outcome.reason };
    if (outcome.status === 'failed') this.options.logger.warn(line, 'proactive send failed');
    else this.options.logger.debug(line, `proactive send ${outcome.status}`);
    return outcome;
  }
}
