/**
 * A small stand-in for the Teams web client, served on 127.0.0.1: a page that frames the tab and
 * answers teams-js 2.x's postMessage protocol. The tab (child) posts
 * { id, uuidAsString, func, args, apiVersionTag, ... } to window.parent; the host replies to the
 * child's window with { id, uuidAsString, args: [...] }. It answers:
 *   initialize                   → [frameContext, hostClientType, runtimeConfig (JSON), sdkVersion]
 *   getContext                   → [legacy context: locale, theme, entityId, userObjectId, tid, …]
 *   authentication.getAuthToken  → [true, token]
 *   executeDeepLink (openLink)   → [true], and records the link
 *   anything else                → [] (no error)
 * Every request's func is recorded in window.__hostCalls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostSession {
  readonly tabUrl: string;
  readonly token: string;
  readonly locale: string;
  readonly userObjectId: string;
  readonly tenantId: string;
  readonly subEntityId?: string;
}

export interface HostStandIn {
  readonly origin: string;
  /** Registers a session and returns the URL of a host page for it. */
  pageFor(session: HostSession): string;
  stop(): Promise<void>;
}

const RUNTIME = {
  apiVersion: 4,
  isNAAChannelRecommended: false,
  isLegacyTeams: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    appEntity: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrail: {} },
    teams: { fullTrail: {} },
  },
};

function hostPage(session: HostSession): string {
  const context = {
    locale: session.locale,
    theme: 'default',
    entityId: 'my-coaching',
    subEntityId: session.subEntityId ?? '',
    userObjectId: session.userObjectId,
    tid: session.tenantId,
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    appSessionId: 'local-session',
  };
  const config = JSON.stringify({ token: session.token, context, runtime: JSON.stringify(RUNTIME) }).replace(
    /</g,
    '\\u003c',
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teams host stand-in</title>
<style>html,body{margin:0;height:100%;background:#f5f5f5}iframe{display:block;border:0;width:100%;height:100%}</style></head>
<body><iframe id="tab" title="Tweetal" src="${session.tabUrl}"></iframe>
<script>
const config = ${config};
window.__hostCalls = [];
window.__openedLinks = [];
window.addEventListener('message', (event) => {
  const frame = document.getElementById('tab');
  if (event.source !== frame.contentWindow) return;
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  window.__hostCalls.push(message.func);
  let args = [];
  switch (message.func) {
    case 'initialize': args = ['content', 'web', config.runtime, '2.58.0']; break;
    case 'getContext': args = [config.context]; break;
    case 'authentication.getAuthToken': args = [true, config.token]; break;
    case 'executeDeepLink': window.__openedLinks.push(message.args[0]); args = [true]; break;
  }
  event.source.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, event.origin);
});
</script></body></html>`;
}

export async function startHostStandIn(): Promise<HostStandIn> {
  const sessions = new Map<string, HostSession>();
  const server = http.createServer((req, res) => {
    const session = sessions.get(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!session) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    pageFor(session) {
      const path = `/host-${sessions.size + 1}.html`;
      sessions.set(path, session);
      return `${origin}${path}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
