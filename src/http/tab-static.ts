/**
 * Serves the personal tab under /tab/: index.html, tab.css and the esbuild bundle tab.js.
 * Production serves the prebuilt dist/tab/ (scripts/build-tab.ts) when it is there; otherwise —
 * and always in development, so edits show after a restart — the bundle is built once, in memory,
 * on the first request. The page may only be framed by Teams/Microsoft 365 hosts and the
 * configured extra host origins (TAB_HOST_ORIGINS), which teams-js is also told to trust.
 */
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging/logger';
import { bundleTab, readPrebuiltTab, type TabAssets } from '../tab/build';

export interface TabStaticOptions {
  readonly nodeEnv: string;
  /** Extra origins allowed to host the tab, e.g. http://127.0.0.1:5000 for a local host page. */
  readonly hostOrigins: readonly string[];
  readonly logger: Logger;
  /** Assets to serve instead of building (tests). */
  readonly assets?: () => Promise<TabAssets>;
}

/** Where Teams, Outlook and the Microsoft 365 app frame a personal tab. */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.live.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
  'https://*.office.net',
] as const;

const CONTENT_TYPES: Readonly<Record<keyof TabAssets, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'tab.css': 'text/css; charset=utf-8',
  'tab.js': 'application/javascript; charset=utf-8',
};

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function contentSecurityPolicy(hostOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // The Adaptive Cards renderer sets inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    // teams-js may fetch its list of valid host origins from Microsoft's CDN.
    "connect-src 'self' https://res.cdn.office.net",
    `frame-ancestors 'self' ${[...TEAMS_FRAME_ANCESTORS, ...hostOrigins].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function mountTabStatic(server: Server, options: TabStaticOptions): void {
  let assets: Promise<TabAssets> | undefined;
  const load = (): Promise<TabAssets> => {
    assets ??= (async () => {
      if (options.assets) return options.assets();
      const prebuilt = options.nodeEnv === 'production' ? readPrebuiltTab() : undefined;
      if (prebuilt) return prebuilt;
      try {
        return await bundleTab({ minify: options.nodeEnv === 'production' });
      } catch (error) {
        const fallback = readPrebuiltTab();
        if (fallback) return fallback;
        throw error;
      }
    })().catch((error: unknown) => {
      assets = undefined;
      throw error;
    });
    return assets;
  };
  const csp = contentSecurityPolicy(options.hostOrigins);
  const metaOrigins = escapeAttribute(options.hostOrigins.join(' '));

  const serve = (name: keyof TabAssets) => async (req: Request, res: Response) => {
    try {
      const all = await load();
      let body = all[name];
      if (name === 'index.html')
        body = body.replace(
          '<meta name="tweetal-host-origins" content="" />',
          `<meta name="tweetal-host-origins" content="${metaOrigins}" />`,
        );
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[name],
        'Content-Length': Buffer.byteLength(body),
        'Cache-Control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
        ...(name === 'index.html' ? { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' } : {}),
      });
      res.end(body);
    } catch (error) {
      options.logger.error(
        { url: req.url, err: { name: (error as Error)?.name, message: (error as Error)?.message } },
        'the tab could not be built or read',
      );
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The tab is not available: run `npm run build` (it writes dist/tab/).');
    }
  };

  const redirect = async (_req: Request, res: Response) => {
    res.writeHead(302, { Location: '/tab/index.html' });
    res.end();
  };
  server.get('/tab', redirect);
  server.get('/tab/', serve('index.html'));
  server.get('/tab/index.html', serve('index.html'));
  server.get('/tab/tab.css', serve('tab.css'));
  server.get('/tab/tab.js', serve('tab.js'));
}
