/**
 * A local stand-in for the Bot Connector service (the part of Microsoft's cloud we cannot run
 * here), on 127.0.0.1. It records every call the bot makes — replies, proactive sends, updates,
 * created conversations — and answers roster look-ups from a configured team roster.
 * `intercept` lets a test answer a call differently (429, 403, …) to exercise the sender.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId?: string;
  readonly activityId?: string;
  readonly body: any;
  readonly at: number;
  readonly authorization?: string;
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

export type Interceptor = (call: RecordedCall) => { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

export class ConnectorStandIn {
  readonly calls: RecordedCall[] = [];
  roster: RosterMember[] = [];
  intercept: Interceptor | undefined;
  private server: http.Server | undefined;
  private nextId = 1;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
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
  }

  /** Activities the bot sent (new messages and replies), optionally to one conversation. */
  sent(conversationId?: string): any[] {
    return this.calls
      .filter((c) => c.method === 'POST' && /\/activities(\/[^/]+)?$/.test(c.path) && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body);
  }

  /** Activities the bot updated in place (PUT). */
  updated(conversationId?: string): any[] {
    return this.calls.filter((c) => c.method === 'PUT' && (!conversationId || c.conversationId === conversationId)).map((c) => c.body);
  }

  /** Adaptive cards in the bot's sent activities. */
  sentCards(conversationId?: string): any[] {
    return this.sent(conversationId).flatMap((a) => (a.attachments ?? []).filter((x: any) => x.contentType === 'application/vnd.microsoft.card.adaptive').map((x: any) => x.content));
  }

  /** Wait (bounded) until `predicate` holds over the recorded calls. */
  async waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > until) throw new Error(`stand-in: condition not met within ${timeoutMs} ms (${this.calls.length} calls)`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: any = undefined;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?|\/(pagedmembers|members)(?:\/([^/]+))?)?$/.exec(url.pathname);
      const call: RecordedCall = {
        method: req.method ?? 'GET',
        path: url.pathname,
        conversationId: match ? decodeURIComponent(match[1]) : undefined,
        activityId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
        body,
        at: Date.now(),
        authorization: req.headers.authorization,
      };
      const intercepted = this.intercept?.(call);
      if (intercepted) {
        this.calls.push(call);
        res.writeHead(intercepted.status, { 'content-type': 'application/json', ...(intercepted.headers ?? {}) });
        res.end(JSON.stringify(intercepted.body ?? {}));
        return;
      }
      this.calls.push(call);
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'POST' && url.pathname === '/v3/conversations') {
        const member = body?.members?.[0];
        return reply(201, { id: `a:personal-${member?.aadObjectId ?? member?.id ?? this.nextId++}`, serviceUrl: this.url });
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
          const member = this.roster.find((m) => m.id === decodeURIComponent(match[4]) || m.aadObjectId === decodeURIComponent(match[4]));
          return member ? reply(200, member) : reply(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
        }
        return reply(200, this.roster);
      }
      if (/^\/v3\/teams\/([^/]+)$/.test(url.pathname)) {
        return reply(200, { id: decodeURIComponent(url.pathname.split('/')[3]), name: 'Team', aadGroupId: 'group' });
      }
      if (match && (req.method === 'POST' || req.method === 'PUT')) {
        return reply(200, { id: call.activityId && req.method === 'PUT' ? call.activityId : `activity-${this.nextId++}` });
      }
      if (match && req.method === 'DELETE') return reply(200, {});
      return reply(404, { error: { code: 'NotFound', message: `stand-in has no route for ${req.method} ${url.pathname}` } });
    });
  }
}
