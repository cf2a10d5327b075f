/**
 * A local stand-in for the Bot Connector service (the part of Microsoft's cloud we cannot run
 * here), on 127.0.0.1. It records every call the bot makes — replies, proactive sends, updates,
 * created conversations — and answers roster look-ups from a configured team roster.
 * `intercept` lets a test answer a call differently (429, 403, …) to exercise the sender.
 *
 * Limits mode (`enforceLimits()`): the stand-in then enforces Teams' proactive limits like the
 * real service — per conversation 7 per second, 8 per 2 s, 60 per 30 s; per tenant 50 per second
 * over all its conversations — and answers 429 with Retry-After to a call that exceeds them,
 * counting how many it caused (`caused429`). The tenant of a call is the path of its serviceUrl
 * before /v3/ (Teams' service URLs carry the tenant, e.g. …/emea/<tenant>/), else the activity's
 * conversation.tenantId. A refused call does not count towards the windows.
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId?: string;
  readonly activityId?: string;
  readonly body: any;
  readonly at: number;
  readonly authorization?: string;
  /** The HTTP status the stand-in answered. */
  status?: number;
  /** The serviceUrl path before /v3/ ('' for the stand-in's own root URL). */
  readonly prefix?: string;
  /** When the stand-in wrote its answer (Date.now()); later than `at` when `holdAnswer` held it. */
  answeredAt?: number;
  /** The order in which the stand-in wrote its answers (1, 2, …), for ordering without a clock. */
  answeredSeq?: number;
}

export interface StandInWindow {
  readonly max: number;
  readonly windowMs: number;
}

export interface LimitsOptions {
  /** Default Teams': 7/1 s, 8/2 s, 60/30 s. */
  readonly perConversation?: readonly StandInWindow[];
  /** Default Teams': 50/1 s. */
  readonly perTenant?: readonly StandInWindow[];
  /** The Retry-After (seconds) of a 429; default 1. */
  readonly retryAfterSeconds?: number;
  /**
   * The clock arrivals are counted on (ms; default performance.now): tests pass the fake clock
   * their senders pace on, so the windows are checked in virtual time.
   */
  readonly clock?: () => number;
}

export const TEAMS_CONVERSATION_WINDOWS: readonly StandInWindow[] = [
  { max: 7, windowMs: 1_000 },
  { max: 8, windowMs: 2_000 },
  { max: 60, windowMs: 30_000 },
];
export const TEAMS_TENANT_WINDOWS: readonly StandInWindow[] = [{ max: 50, windowMs: 1_000 }];

/** Arrival times of accepted calls per key, checked against sliding windows. */
class WindowCounter {
  private readonly arrivals = new Map<string, number[]>();
  constructor(private readonly windows: readonly StandInWindow[]) {}
  private readonly longest = () => Math.max(0, ...this.windows.map((w) => w.windowMs));

  /** The window one more call at `at` would exceed, if any. */
  exceeded(key: string, at: number): StandInWindow | undefined {
    const times = this.arrivals.get(key) ?? [];
    return this.windows.find(({ max, windowMs }) => {
      let count = 0;
      for (let i = times.length - 1; i >= 0 && times[i] > at - windowMs; i--) count++;
      return count >= max;
    });
  }

  record(key: string, at: number): void {
    const times = this.arrivals.get(key) ?? [];
    times.push(at);
    const horizon = at - this.longest();
    let drop = 0;
    while (drop < times.length && times[drop] <= horizon) drop++;
    if (drop > 0) times.splice(0, drop);
    this.arrivals.set(key, times);
  }
}

interface Limits {
  readonly conversation: WindowCounter;
  readonly tenant: WindowCounter;
  readonly retryAfterSeconds: number;
  readonly clock: () => number;
}

export interface RosterMember {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly userPrincipalName?: string;
  readonly email?: string;
  readonly tenantId?: string;
  readonly userRole?: string;
}

export type Interceptor = (
  call: RecordedCall,
) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  roster: RosterMember[] = [];
  intercept: Interceptor | undefined;
  /**
   * Holds the answer to a call (a slow Teams) until the returned promise settles (an explicit
   * signal from the test); undefined answers at once.
   */
  holdAnswer: ((call: RecordedCall) => Promise<unknown> | undefined) | undefined;
  /**
   * Calls to leave without an answer (a Teams that hangs: the sender's attempt timeout ends them);
   * `onHang` hears of each, so a test can fire that timeout itself instead of waiting for it.
   */
  hang: ((call: RecordedCall) => boolean) | undefined;
  onHang: ((call: RecordedCall) => void) | undefined;
  /** 429s the stand-in answered because a limit was exceeded (limits mode). */
  caused429 = 0;
  /** Why each of those 429s was answered: which key, which window. */
  readonly refusals: { kind: 'conversation' | 'tenant'; key: string; window: StandInWindow; at: number }[] = [];
  private limits: Limits | undefined;
  private server: http.Server | undefined;
  private nextId = 1;
  private answers = 0;
  /** 'call' after each call is recorded, 'answered' after each answer is written. */
  private readonly events = new EventEmitter().setMaxListeners(0);
  url = '';

  /** Listens on 127.0.0.1 (`port` to come back on the port of an earlier start: refused meanwhile). */
  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  reset(): void {
    this.calls.length = 0;
    this.intercept = undefined;
    this.holdAnswer = undefined;
    this.hang = undefined;
    this.onHang = undefined;
  }

  /** Turns on limits mode (Teams' limits by default); a fresh start of the windows and the 429 count. */
  enforceLimits(options: LimitsOptions = {}): this {
    this.limits = {
      conversation: new WindowCounter(options.perConversation ?? TEAMS_CONVERSATION_WINDOWS),
      tenant: new WindowCounter(options.perTenant ?? TEAMS_TENANT_WINDOWS),
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
      clock: options.clock ?? (() => performance.now()),
    };
    this.caused429 = 0;
    this.refusals.length = 0;
    return this;
  }

  /** Turns limits mode off. */
  stopEnforcingLimits(): void {
    this.limits = undefined;
  }

  /** Activities the stand-in accepted (2xx) as new messages, optionally in one conversation. */
  delivered(conversationId?: string): any[] {
    return this.calls
      .filter(
        (c) =>
          c.method === 'POST' &&
          /\/activities(\/[^/]+)?$/.test(c.path) &&
          c.status !== undefined &&
          c.status >= 200 &&
          c.status < 300,
      )
      .filter((c) => !conversationId || c.conversationId === conversationId)
      .map((c) => c.body);
  }

  /** Activities the bot sent (new messages and replies), optionally to one conversation. */
  sent(conversationId?: string): any[] {
    return this.calls
      .filter(
        (c) =>
          c.method === 'POST' &&
          /\/activities(\/[^/]+)?$/.test(c.path) &&
          (!conversationId || c.conversationId === conversationId),
      )
      .map((c) => c.body);
  }

  /** Activities the bot updated in place (PUT). */
  updated(conversationId?: string): any[] {
    return this.calls
      .filter((c) => c.method === 'PUT' && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body);
  }

  /** Adaptive cards in the bot's sent activities. */
  sentCards(conversationId?: string): any[] {
    return this.sent(conversationId).flatMap((a) =>
      (a.attachments ?? [])
        .filter((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive')
        .map((x: any) => x.content),
    );
  }

  /**
   * Resolves once `predicate` holds over the recorded calls, checked each time a call is recorded
   * or answered (no polling); the timeout is only a safety net against a test hanging.
   */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 20_000): Promise<void> {
    if (predicate(this.calls)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(this.calls)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`stand-in: condition not met within ${timeoutMs} ms (${this.calls.length} calls)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.events.off('call', check).off('answered', check);
      };
      this.events.on('call', check).on('answered', check);
    });
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    this.events.emit('call');
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const arrivedAt = this.limits ? this.limits.clock() : performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // A serviceUrl may carry a path (Teams': /emea/<tenant>/); the API starts at /v3/.
      const v3 = url.pathname.indexOf('/v3/');
      const prefix = v3 > 0 ? url.pathname.slice(0, v3) : '';
      const apiPath = v3 > 0 ? url.pathname.slice(v3) : url.pathname;
      const match =
        /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/(pagedmembers|members)(?:\/([^/]+))?)?$/.exec(
          apiPath,
        );
      const call: RecordedCall = {
        prefix,
        method: req.method ?? 'GET',
        path: url.pathname,
        conversationId: match ? decodeURIComponent(match[1]) : undefined,
        activityId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
        body,
        at: Date.now(),
        authorization: req.headers.authorization,
      };
      if (this.hang?.(call)) {
        this.calls.push(call); // no status: never answered
        this.onHang?.(call);
        return;
      }
      const intercepted = this.intercept?.(call);
      if (intercepted) {
        call.status = intercepted.status;
        this.record(call);
        res.writeHead(intercepted.status, { 'content-type': 'application/json', ...(intercepted.headers ?? {}) });
        res.end(JSON.stringify(intercepted.body ?? {}));
        return;
      }
      if (this.limits && call.conversationId) {
        const tenantKey = prefix || String(body?.conversation?.tenantId ?? '-');
        const conversationKey = `${tenantKey}|${call.conversationId}`;
        const { conversation, tenant, retryAfterSeconds } = this.limits;
        const byConversation = conversation.exceeded(conversationKey, arrivedAt);
        const byTenant = byConversation ? undefined : tenant.exceeded(tenantKey, arrivedAt);
        if (byConversation || byTenant) {
          this.caused429++;
          this.refusals.push(
            byConversation
              ? { kind: 'conversation', key: conversationKey, window: byConversation, at: arrivedAt }
              : { kind: 'tenant', key: tenantKey, window: byTenant!, at: arrivedAt },
          );
          call.status = 429;
          this.record(call);
          res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) });
          res.end(
            JSON.stringify({ error: { code: 'TooManyRequests', message: 'stand-in: Teams rate limit exceeded' } }),
          );
          return;
        }
        conversation.record(conversationKey, arrivedAt);
        tenant.record(tenantKey, arrivedAt);
      }
      this.record(call);
      const reply = (status: number, payload: unknown) => {
        const answer = () => {
          call.status = status;
          call.answeredAt = Date.now();
          call.answeredSeq = ++this.answers;
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
          this.events.emit('answered');
        };
        const held = this.holdAnswer?.(call);
        if (held) void held.then(answer, answer);
        else answer();
      };
      if (req.method === 'POST' && apiPath === '/v3/conversations') {
        const member = body?.members?.[0];
        return reply(201, {
          id: `a:personal-${member?.aadObjectId ?? member?.id ?? this.nextId++}`,
          serviceUrl: this.url,
        });
      }
      if (match && match[3] === 'pagedmembers') {
        const pageSize = Number(url.searchParams.get('pageSize') ?? 2);
        const start = Number(url.searchParams.get('continuationToken') ?? 0);
        const members = this.roster.slice(start, start + pageSize);
        const next = start + pageSize < this.roster.length ? String(start + pageSize) : undefined;
        return reply(200, { members, ...(next ? { continuationToken: next } : {}) });
      }
      if (match && match[3] === 'members') {
        if (match[4]) {
          const member = this.roster.find(
            (m) => m.id === decodeURIComponent(match[4]) || m.aadObjectId === decodeURIComponent(match[4]),
          );
          return member
            ? reply(200, member)
            : reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
        }
        return reply(200, this.roster);
      }
      if (/^\/v3\/teams\/([^/]+)$/.test(apiPath)) {
        return reply(200, { id: decodeURIComponent(apiPath.split('/')[3]), name: 'Team', aadGroupId: 'group' });
      }
      if (match && (req.method === 'POST' || req.method === 'PUT')) {
        return reply(200, {
          id: call.activityId && req.method === 'PUT' ? call.activityId : `activity-${this.nextId++}`,
        });
      }
      if (match && req.method === 'DELETE') return reply(200, {});
      return reply(404, { error: { code: 'NotFound', message: `stand-in has no route for ${req.method} ${apiPath}` } });
    });
  }
}
