/**
 * GET /api/export/:token — the "Download as JSON" link of the my-data export card. The token is
 * the only credential (256 random bits, 15 minutes; see src/app/my-data/download-link.ts for
 * the decisions: reusable within its lifetime, built fresh from the store at download time).
 * Found: the person's data as an attachment (application/json, no-store). Unknown, expired or
 * deleted: 404 JSON { error, message } in the browser's language (Accept-Language, nl or en).
 * The token never reaches the logs: at most the first 8 hex digits of its SHA-256.
 */
import type { Request, Response, Server } from 'restify';
import { routeParam } from './route-param';
import type { DateTime } from 'luxon';
import type { Locale } from '../domain/entities';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import {
  downloadExport,
  EXPORT_PAGE_SUFFIX,
  EXPORT_PATH,
  LINK_MINUTES,
  tokenLogRef,
} from '../app/my-data/download-link';
import { readableExport } from '../app/my-data/readable';
import { exportPage } from './export-page';
import { t } from '../i18n/translate';

export interface ExportRouteDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: () => DateTime;
  readonly timezone: string;
}

/** The language of the browser that follows the link: the first of nl / en it accepts, else English. */
export function browserLocale(acceptLanguage: string | undefined): Locale {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const language = part.trim().toLowerCase().split(/[-_;]/)[0];
    if (language === 'nl' || language === 'en') return language;
  }
  return 'en';
}

const SECURITY_HEADERS = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

export function mountExportRoute(server: Server, deps: ExportRouteDeps): void {
  server.get(`${EXPORT_PATH}/:token`, async (req: Request, res: Response) => serve(req, res, 'json'));
  // The same export as a readable page (same token, same 15 minutes).
  server.get(`${EXPORT_PATH}/:token${EXPORT_PAGE_SUFFIX}`, async (req: Request, res: Response) =>
    serve(req, res, 'page'),
  );

  async function serve(req: Request, res: Response, as: 'json' | 'page') {
    const token = routeParam(req, 'token');
    const ref = tokenLogRef(token);
    try {
      const now = deps.clock();
      const result = await downloadExport(deps.store, token, now);
      if (!result.found) {
        deps.logger.info(
          { route: 'export', link: ref, reason: result.reason },
          'export download refused: unknown or expired link',
        );
        const locale = browserLocale(req.headers['accept-language']);
        const body = JSON.stringify({
          error: 'link_not_found',
          message: t(locale, 'messages.myData.linkGone', { minutes: LINK_MINUTES }),
        });
        res.sendRaw(404, body, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
        return;
      }
      if (as === 'page') {
        const locale = result.link.locale;
        const html = exportPage(readableExport(result.data, { locale, zone: deps.timezone, now }), locale);
        deps.logger.info(
          { route: 'export.page', link: ref, userId: result.link.userId, bytes: Buffer.byteLength(html) },
          'personal data shown as a page',
        );
        res.sendRaw(200, html, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Security-Policy':
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        });
        return;
      }
      const json = JSON.stringify(result.data, null, 2);
      const fileName = `tweetal-export-${now.setZone(deps.timezone).toFormat('yyyy-MM-dd')}.json`;
      deps.logger.info(
        { route: 'export', link: ref, userId: result.link.userId, bytes: Buffer.byteLength(json) },
        'personal data downloaded',
      );
      res.sendRaw(200, json, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="${fileName}"`,
      });
    } catch (error) {
      deps.logger.error(
        { route: 'export', link: ref, err: { name: (error as Error)?.name, message: (error as Error)?.message } },
        'export download failed',
      );
      const body = JSON.stringify({
        error: 'internal_error',
        message: t(browserLocale(req.headers['accept-language']), 'messages.myData.downloadFailed'),
      });
      res.sendRaw(500, body, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
    }
  }
}
