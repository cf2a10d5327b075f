/**
 * The proactive sender: the Messenger of the app layer, and the one way the bot sends anything
 * proactively in Teams (PersonDelivery). It sends a message to a person through their stored
 * conversation reference — or, given their Teams id, through a 1:1 conversation it creates and
 * stores — or replaces an earlier message in place; channel posts go to a stored reference. Every
 * HTTP request (send, update, create) is paced by the RateLimiter within Teams' limits, and what
 * is worth retrying is retried:
 *
 *  - 429, 412, 502, 503, 504 and no answer (refused or reset, or no answer within
 *    `attemptTimeoutMs`): again, after Retry-After (seconds or an HTTP date) or
 *    an exponential backoff with jitter, at most `maxAttempts` HTTP requests in all → 'failed';
 *  - 403 (MessageWritesBlocked, app removed) and 404: 'unreachable' after that one request, and
 *    the person's reference is marked reachable=false so the digest can show it — except a 404
 *    (or 400) on an update, which only says the old message is gone: a new one is sent instead,
 *    and that send decides whether the person is reachable;
 *  - anything else: 'failed' at once.
 *
 * It never throws for an outcome; the caller records the returned outcome where it needs it.
 * Each outcome is logged with ids and codes only — never the message.
 * Calls may be made concurrently (Promise.all over a whole fan-out): the limiter queues them.
 */
import type { ConversationReference } from 'botbuilder';
import { performance } from 'node:perf_hooks';
import type { OutgoingMessage, SendOutcome } from '../../app/messenger';
import type { Locale } from '../../domain/entities';
import type { Logger } from '../../logging/logger';
import { readModifyWrite, type Store } from '../../store/store';
import { personReferenceId, tenantPartitionFor } from '../ids';
import { findPersonReference, personReferenceDoc } from '../references';
import { RateLimiter, tenantLimits } from './rate-limiter';
import type { TenantBudget } from './tenant-budget';
import { classify, parseRetryAfter, retryDelay, worthALaterTry, type BackoffOptions } from './retry-policy';
import type { DeliverOptions, DeliveryOutcome, MessageFor, PersonDelivery, PersonTarget } from './delivery';
import {
  botAccount,
  createConversationAttempt,
  sendAttempt,
  realAttemptTimer,
  toActivity,
  updateAttempt,
  type AttemptResult,
  type AttemptTimeout,
  type AttemptTimer,
  type NewConversation,
  type ProactiveAdapter,
} from './single-attempt';

/** Answers to an update meaning the earlier activity is gone (or cannot be edited): send a new one. */
export const UPDATE_TARGET_GONE: ReadonlySet<number> = new Set([400, 404]);

export interface ProactiveSenderOptions {
  readonly adapter: ProactiveAdapter;
  /** config.bot.appId; empty in local development (the connector is then called unauthenticated). */
  readonly botAppId: string;
  readonly store: Store;
  readonly logger: Logger;
  /** Sends per second per tenant (config.proactive.tenantPerSecond); ignored when `limiter` is given. */
  readonly tenantPerSecond?: number;
  readonly limiter?: RateLimiter;
  /**
   * The tenant budget shared by all instances (tenant-budget.ts), for the limiter made here
   * (ignored when `limiter` is given): without it each instance paces only its own sends.
   */
  readonly tenantBudget?: TenantBudget;
  /** HTTP requests per message at most, first one included (default 5). */
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffOptions>;
  /** One HTTP attempt's time limit, from the moment it leaves (default 30 s): then it counts as no answer. */
  readonly attemptTimeoutMs?: number;
  /** The timer of that limit (tests pass one they fire themselves; default setTimeout). */
  readonly attemptTimer?: (ms: number) => AttemptTimer;
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

export class ProactiveSender implements PersonDelivery {
  readonly limiter: RateLimiter;
  private readonly maxAttempts: number;
  private readonly backoff: BackoffOptions;
  private readonly maxRetryAfterMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private warnedBuiltInRetries = false;
  private readonly timeout: AttemptTimeout;

  constructor(private readonly options: ProactiveSenderOptions) {
    this.limiter =
      options.limiter ??
      new RateLimiter({
        tenantLimits: tenantLimits(options.tenantPerSecond ?? 40),
        clock: () => performance.now(),
        sleep: realSleep,
        ...(options.tenantBudget ? { tenantBudget: options.tenantBudget } : {}),
      });
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? 5));
    this.backoff = {
      baseDelayMs: options.backoff?.baseDelayMs ?? 500,
      maxDelayMs: options.backoff?.maxDelayMs ?? 30_000,
    };
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.timeout = { ms: options.attemptTimeoutMs ?? 30_000, start: options.attemptTimer ?? realAttemptTimer };
  }

  /** A 1:1 message to a person through the reference stored when they installed or wrote to the bot. */
  async sendToPerson(tenantId: string, userId: string, message: OutgoingMessage): Promise<SendOutcome> {
    return this.deliver({ tenantId, userId }, message);
  }

  /**
   * A 1:1 message to a person (see PersonDelivery): through their stored reference; else, given
   * their Teams id and a service URL, through a 1:1 conversation created for it (and stored);
   * with `replace`, as an in-place update of an earlier message in that conversation.
   */
  async deliver(target: PersonTarget, message: MessageFor, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
    const { tenantId, userId } = target;
    const stored = await findPersonReference(this.options.store, tenantId, userId);
    const storedReference = stored?.reference as Partial<ConversationReference> | undefined;
    const usable = !!stored && stored.reachable && !!storedReference?.conversation?.id && !!storedReference.serviceUrl;
    let reference = usable ? storedReference! : undefined;
    let created = false;
    let attemptsBefore = 0;
    if (!reference) {
      if (!target.teamsId || !target.serviceUrl) {
        if (!stored || !storedReference?.conversation?.id || !storedReference.serviceUrl)
          return this.logged({ status: 'unreachable', attempts: 0, reason: 'no reference' }, tenantId);
        // Marked after a 403/404; a new install or message stores a fresh, reachable reference.
        return this.logged(
          {
            status: 'unreachable',
            attempts: 0,
            conversationId: storedReference.conversation.id,
            reason: 'marked unreachable',
          },
          tenantId,
        );
      }
      const opened = await this.openConversation({
        tenantId,
        userId,
        teamsId: target.teamsId,
        serviceUrl: target.serviceUrl,
        ...(target.name !== undefined ? { name: target.name } : {}),
      });
      if (!opened.reference) return opened.outcome;
      reference = opened.reference;
      created = true;
      attemptsBefore = opened.outcome.attempts;
      await this.storeCreatedReference(target, reference, stored?.locale ?? target.fallbackLocale ?? 'nl');
    }
    const locale = stored?.locale ?? target.fallbackLocale ?? 'nl';
    const outgoing = typeof message === 'function' ? await message(locale) : message;
    const replace =
      options.replace && options.replace.conversationId === reference.conversation?.id ? options.replace : undefined;
    let outcome: DeliveryOutcome;
    if (replace) {
      const update = await this.updateReference(reference, replace.activityId, outgoing, tenantId);
      if (update.gone) {
        const sent = await this.sendToReference(reference, outgoing, tenantId);
        outcome = { ...sent, attempts: sent.attempts + update.outcome.attempts, updatedInPlace: false };
      } else {
        outcome = update.outcome.status === 'sent' ? { ...update.outcome, updatedInPlace: true } : update.outcome;
      }
    } else {
      outcome = await this.sendToReference(reference, outgoing, tenantId);
      if (options.replace && outcome.status === 'sent') outcome = { ...outcome, updatedInPlace: false };
    }
    if (outcome.status === 'unreachable') await this.markUnreachable(tenantId, userId, reference);
    return created ? { ...outcome, attempts: outcome.attempts + attemptsBefore, conversationCreated: true } : outcome;
  }

  /** A message to a stored conversation reference (a channel post, or a person's chat). */
  async sendToReference(
    reference: Partial<ConversationReference>,
    message: OutgoingMessage,
    tenantId?: string,
  ): Promise<SendOutcome> {
    const activity = toActivity(message);
    return this.withRetries('send', reference, tenantId, (pace) =>
      sendAttempt(this.options.adapter, this.options.botAppId, reference, activity, pace, this.timeout),
    );
  }

  /**
   * Replaces the earlier activity `activityId` in the conversation of `reference`, paced and retried
   * like a send (it counts against the same conversation). `gone` when Teams no longer has that
   * activity (404) or will not edit it (400): the caller then sends a new message instead.
   */
  async updateReference(
    reference: Partial<ConversationReference>,
    activityId: string,
    message: OutgoingMessage,
    tenantId?: string,
  ): Promise<{ outcome: SendOutcome; gone: boolean }> {
    const activity = toActivity(message);
    let gone = false;
    const outcome = await this.withRetries(
      'update',
      reference,
      tenantId,
      (pace) =>
        updateAttempt(this.options.adapter, this.options.botAppId, reference, activityId, activity, pace, this.timeout),
      (result) => {
        gone = UPDATE_TARGET_GONE.has(result.httpStatus ?? 0);
        return gone;
      },
    );
    return { outcome, gone };
  }

  /**
   * POST /v3/conversations for a 1:1 chat with the person, paced in their tenant and retried like
   * a send. The reference of the new conversation when it worked.
   */
  private async openConversation(
    target: NewConversation,
  ): Promise<{ outcome: SendOutcome; reference?: Partial<ConversationReference> }> {
    const placeholder: Partial<ConversationReference> = {
      serviceUrl: target.serviceUrl,
      conversation: { id: `new 1:1 with ${target.teamsId}` } as ConversationReference['conversation'],
    };
    let conversationId: string | undefined;
    const outcome = await this.withRetries('create', placeholder, target.tenantId, async (pace) => {
      const result = await createConversationAttempt(
        this.options.adapter,
        this.options.botAppId,
        target,
        pace,
        this.timeout,
      );
      if (result.ok) conversationId = result.conversationId;
      return result;
    });
    if (outcome.status !== 'sent' || !conversationId)
      return {
        outcome: outcome.status === 'sent' ? { ...outcome, status: 'failed', reason: 'no conversation id' } : outcome,
      };
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: target.serviceUrl,
      bot: botAccount(this.options.botAppId) as ConversationReference['bot'],
      user: {
        id: target.teamsId,
        name: target.name ?? '',
        aadObjectId: target.userId,
      } as ConversationReference['user'],
      conversation: {
        id: conversationId,
        isGroup: false,
        conversationType: 'personal',
        tenantId: target.tenantId,
      } as ConversationReference['conversation'],
    };
    return { outcome, reference };
  }

  /** The new conversation's reference, in the document rememberPerson writes — unless the person wrote to us meanwhile. */
  private async storeCreatedReference(
    target: PersonTarget,
    reference: Partial<ConversationReference>,
    locale: Locale,
  ): Promise<void> {
    const schoolId = tenantPartitionFor(target.tenantId);
    const id = personReferenceId(target.userId);
    try {
      await readModifyWrite(this.options.store, schoolId, 'personReference', id, (current) => {
        if (current?.reachable) return undefined; // a reference from the person themselves wins
        return personReferenceDoc({
          tenantId: target.tenantId,
          userId: target.userId,
          name: target.name ?? current?.name ?? '',
          locale: current?.locale ?? locale,
          reference,
          updatedAt: this.isoNow(),
        });
      });
    } catch (error) {
      this.options.logger.warn(
        { tenantId: target.tenantId, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'proactive: could not store the new conversation reference',
      );
    }
  }

  /**
   * The attempts of one request (send, update or create) within the limits: each attempt waits for
   * its conversation's and tenant's turn, and 429/412/5xx/no answer are retried after Retry-After
   * or a backoff. `stopOn` ends the attempts at once (without a status of its own) when it holds.
   */
  private async withRetries(
    op: 'send' | 'update' | 'create',
    reference: Partial<ConversationReference>,
    tenantId: string | undefined,
    attemptOnce: (pace: () => Promise<void>) => Promise<AttemptResult>,
    stopOn?: (result: AttemptResult) => boolean,
  ): Promise<SendOutcome> {
    const conversationId = reference.conversation?.id ?? '';
    const tenantKey = tenantId ?? reference.conversation?.tenantId ?? reference.serviceUrl ?? '';
    const conversationKey = `${reference.serviceUrl ?? ''}|${conversationId}`;
    const logged = (outcome: SendOutcome) => this.logged(outcome, tenantId, op);
    let last: AttemptResult | undefined;
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const ticket = await this.limiter.begin(tenantKey, conversationKey);
      try {
        last = await attemptOnce(() => ticket.go());
      } finally {
        ticket.end();
      }
      this.warnIfBuiltInRetriesStayed(last);
      const id = op === 'create' ? last.conversationId : conversationId;
      if (last.ok)
        return logged({
          status: 'sent',
          attempts: attempt,
          ...(id ? { conversationId: id } : {}),
          httpStatus: 200,
          ...(last.activityId ? { activityId: last.activityId } : {}),
        });
      const base = {
        attempts: attempt,
        ...(op !== 'create' ? { conversationId } : {}),
        ...(last.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}),
      };
      if (stopOn?.(last)) {
        // Not a failure of the delivery: the caller goes on another way (a new message).
        const outcome: SendOutcome = { status: 'failed', ...base, reason: last.code ?? `HTTP ${last.httpStatus}` };
        this.options.logger.debug(
          { tenantId, conversationId, attempts: attempt, httpStatus: last.httpStatus, reason: outcome.reason },
          `proactive ${op} target gone`,
        );
        return outcome;
      }
      const kind = classify(last.httpStatus);
      if (kind === 'unreachable')
        return logged({ status: 'unreachable', ...base, reason: last.code ?? `HTTP ${last.httpStatus}` });
      if (kind === 'fail') return logged({ status: 'failed', ...base, reason: last.code ?? `HTTP ${last.httpStatus}` });
      if (attempt === this.maxAttempts) break;
      const retryAfterMs = parseRetryAfter(last.retryAfter, this.now());
      if (retryAfterMs !== undefined && retryAfterMs > this.maxRetryAfterMs) {
        return logged({ status: 'failed', ...base, reason: 'Retry-After too long' });
      }
      await this.sleep(retryDelay(attempt, retryAfterMs, this.backoff, this.random));
    }
    return logged({
      status: 'failed',
      attempts: this.maxAttempts,
      ...(op !== 'create' ? { conversationId } : {}),
      ...(last?.httpStatus !== undefined ? { httpStatus: last.httpStatus } : {}),
      reason: `gave up after ${this.maxAttempts} attempts (${last?.code ?? (last?.httpStatus !== undefined ? `HTTP ${last.httpStatus}` : 'no answer')})`,
    });
  }

  /** reachable=false on the person's reference — unless it changed meanwhile (they reinstalled). */
  private async markUnreachable(tenantId: string, userId: string, used: Partial<ConversationReference>): Promise<void> {
    try {
      await readModifyWrite(
        this.options.store,
        tenantPartitionFor(tenantId),
        'personReference',
        personReferenceId(userId),
        (current) => {
          const reference = current?.reference as Partial<ConversationReference> | undefined;
          if (!current || !current.reachable) return undefined;
          if (reference?.conversation?.id !== used.conversation?.id || reference?.serviceUrl !== used.serviceUrl)
            return undefined;
          return { ...current, reachable: false, updatedAt: this.isoNow() };
        },
      );
    } catch (error) {
      this.options.logger.warn(
        { tenantId, err: { name: (error as Error)?.name, code: (error as { code?: string })?.code } },
        'proactive: could not mark a person unreachable',
      );
    }
  }

  private warnIfBuiltInRetriesStayed(result: AttemptResult): void {
    if (result.builtInRetriesDisabled || this.warnedBuiltInRetries || result.httpStatus === undefined) return;
    this.warnedBuiltInRetries = true;
    this.options.logger.warn(
      "proactive: the connector client's own retry policy could not be removed; one attempt may make up to 4 requests",
    );
  }

  private isoNow(): string {
    return this.options.isoNow?.() ?? new Date(this.now()).toISOString();
  }

  private logged<T extends SendOutcome>(
    failedOrNot: T,
    tenantId: string | undefined,
    op: 'send' | 'update' | 'create' = 'send',
  ): T {
    const outcome =
      failedOrNot.status === 'failed' && failedOrNot.retryable === undefined
        ? { ...failedOrNot, retryable: worthALaterTry(failedOrNot.httpStatus) }
        : failedOrNot;
    const line = {
      tenantId,
      conversationId: outcome.conversationId,
      status: outcome.status,
      attempts: outcome.attempts,
      httpStatus: outcome.httpStatus,
      reason: outcome.reason,
    };
    if (outcome.status === 'failed') this.options.logger.warn(line, `proactive ${op} failed`);
    else this.options.logger.debug(line, `proactive ${op} ${outcome.status}`);
    return outcome;
  }
}
