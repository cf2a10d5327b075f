/**
 * The personal tab's API, authenticated with the Teams SSO token:
 *   GET /api/tab/me              "My coaching" of the signed-in teacher
 *   GET /api/tab/pairs/:pairId   one pair's detail, for its members only
 *   GET /api/tab/leader          completion per programme and pair, for the school's leaders only
 *   GET /api/tab/visits/:visitId                 a visit's texts, for its two people only
 *   POST /api/tab/visits/:visitId/observation    { facts, questions, version?, keep? }
 *   POST /api/tab/visits/:visitId/reflection     { text, version? }
 *   POST /api/tab/visits/:visitId/debrief        { agreements, nextStep }
 *   POST /api/tab/visits/:visitId/plan           { lesson, focus, discussionGoal, version }
 *   POST /api/tab/needs/:needId/arrange          { line? }   a leader: "Geregeld", optional line to the pair
 *   POST /api/tab/needs/:needId/decline          { reason }  a leader: "Kan niet", with the reason category
 * Query: `schoolId` (one of the person's schools), `locale` (nl | en).
 * No or invalid token → 401, valid but not allowed → 403; every error is JSON { error, message }.
 * The writes go through the cards' use cases (limits, versions, visit rules) marked as coming
 * from the tab, so they are accepted also when the programme keeps texts out of the chat; a
 * refusal of the rules is 409/422 with the sentence in the reader's language.
 */
import type { Request, Response, Server } from 'restify';
import { routeParam } from './route-param';
import type { DateTime } from 'luxon';
import type { Config, Locale } from '../config';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { DomainError } from '../domain/errors';
import { leaderView, pairView, teacherView, type TabRequest } from '../app/tab/queries';
import type { TabErrorBody } from '../app/tab/views';
import { tenantPartitionFor } from '../teams/ids';
import {
  visitNotesView,
  writeDebriefInTab,
  writeObservationInTab,
  writePlanInTab,
  writeReflectionInTab,
  type TabWriteResult,
} from '../app/tab/visit-notes';
import { explain } from '../teams/error-answers';
import { answerNeedInTab } from '../app/needs/leader-tab';
import type { School } from '../domain/entities';
import { createSsoVerifier, SsoError, ssoOptionsFrom, type SsoVerifier } from './sso';

export interface TabApiDeps {
  readonly config: Config;
  readonly store: Store;
  readonly logger: Logger;
  readonly clock: () => DateTime;
  readonly verifier?: SsoVerifier;
  /** After a text was written in the tab: bring the partners' cards in the chat up to date. */
  readonly afterWrite?: (write: {
    schoolId: string;
    visitId: string;
    writerId: string;
    completedCycle?: boolean;
  }) => void;
  /** After a leader answered what a pair needs in the tab: tell the pair (once only). */
  readonly afterNeedAnswer?: (answer: { school: School; needId: string; leaderName?: string }) => void;
}

const ID = /^[^/\\?#\s]{1,255}$/;

/** The deep link that opens the 1:1 chat with the bot in Teams. */
export const botChatLink = (appId: string): string | undefined =>
  appId ? `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(appId)}` : undefined;

/** The API's messages are for developers: the tab shows its own text for each error code. English only. */
export const DOMAIN_REFUSALS: Partial<Record<DomainError['code'], { error: string; message: string }>> = {
  NO_SCHOOL: { error: 'no_school', message: 'Tweetal does not know you in a school with the app installed yet.' },
  NOT_A_LEADER: { error: 'not_a_leader', message: 'Only the school leaders see this view.' },
  NOT_A_PAIR_MEMBER: { error: 'not_a_pair_member', message: 'You can only see the pairs you are part of.' },
};

export const SSO_MESSAGES: Readonly<Record<SsoError['code'], string>> = {
  missing_token: 'Sign in: send the Teams SSO token as "Authorization: Bearer <token>".',
  invalid_token: 'The sign-in token is not valid.',
  expired_token: 'The sign-in token has expired.',
  wrong_audience: 'The sign-in token is not meant for Tweetal.',
  wrong_issuer: 'The sign-in token was not issued by the tenant it names.',
  bad_signature: 'The sign-in token is not signed by Microsoft Entra ID.',
  not_configured: 'Single sign-on is not configured on this server (TAB_SSO_AUDIENCE).',
  tenant_not_allowed: 'Your organisation is not allowed to use this Tweetal.',
  keys_unavailable: 'Sign-in cannot be checked right now; try again in a minute.',
};

export const INTERNAL_MESSAGE = 'Tweetal could not answer this request. Nothing was changed.';

export function mountTabApi(server: Server, deps: TabApiDeps): void {
  const verifier = deps.verifier ?? createSsoVerifier(ssoOptionsFrom(deps.config));
  const chatLink = botChatLink(deps.config.bot.appId);

  const send = (res: Response, status: number, body: unknown) => {
    res.header('Cache-Control', 'no-store');
    res.status(status);
    res.json(body);
  };
  const refuse = (req: Request, res: Response, status: number, body: TabErrorBody) => {
    deps.logger.info({ route: req.getRoute?.()?.path, status, reason: body.error }, 'tab request refused');
    send(res, status, body);
  };

  const handle =
    (view: (request: TabRequest, req: Request) => Promise<unknown>) => async (req: Request, res: Response) => {
      try {
        const identity = await verifier.verify(req.headers.authorization);
        const query = (req.query ?? {}) as Record<string, unknown>;
        const schoolId = typeof query.schoolId === 'string' && ID.test(query.schoolId) ? query.schoolId : undefined;
        const locale: Locale | undefined = query.locale === 'nl' || query.locale === 'en' ? query.locale : undefined;
        const request: TabRequest = {
          user: {
            userId: identity.userId,
            tenantId: identity.tenantId,
            tenantPartition: tenantPartitionFor(identity.tenantId),
            ...(identity.name ? { name: identity.name } : {}),
          },
          ...(schoolId ? { schoolId } : {}),
          ...(locale ? { locale } : {}),
          now: deps.clock(),
          ...(chatLink ? { chatLink } : {}),
        };
        send(res, 200, await view(request, req));
      } catch (error) {
        if (error instanceof SsoError)
          return refuse(req, res, error.status, { error: error.code, message: SSO_MESSAGES[error.code] });
        const refusal = error instanceof DomainError ? DOMAIN_REFUSALS[error.code] : undefined;
        if (refusal) return refuse(req, res, 403, refusal);
        if (error instanceof DomainError) {
          // A rule of the use case (limits, stale version, not yet): the sentence the card would show.
          const query = (req.query ?? {}) as Record<string, unknown>;
          const locale: Locale = query.locale === 'en' ? 'en' : 'nl';
          const status = error.code === 'STALE_VERSION' || error.code === 'INVALID_TRANSITION' ? 409 : 422;
          const message = explain(error, { locale, now: deps.clock() });
          return refuse(req, res, status, { error: error.code, message });
        }
        deps.logger.error(
          {
            route: req.getRoute?.()?.path,
            err: { name: (error as Error)?.name, code: (error as { code?: string })?.code },
          },
          'tab request failed',
        );
        send(res, 500, { error: 'internal', message: INTERNAL_MESSAGE } satisfies TabErrorBody);
      }
    };

  server.get(
    '/api/tab/me',
    handle((request) => teacherView(deps.store, request)),
  );
  server.get(
    '/api/tab/leader',
    handle((request) => leaderView(deps.store, request)),
  );
  const visitId = (req: Request): string => {
    const id = routeParam(req, 'visitId');
    if (!ID.test(id)) throw new DomainError('NOT_A_PAIR_MEMBER');
    return id;
  };
  const body = (req: Request): Readonly<Record<string, unknown>> =>
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
  server.get(
    '/api/tab/visits/:visitId',
    handle((request, req) => visitNotesView(deps.store, request, visitId(req))),
  );
  const writes = {
    observation: writeObservationInTab,
    reflection: writeReflectionInTab,
    debrief: writeDebriefInTab,
    plan: writePlanInTab,
  } as const;
  for (const [kind, write] of Object.entries(writes)) {
    server.post(
      `/api/tab/visits/:visitId/${kind}`,
      handle(async (request, req) => {
        const result: TabWriteResult & { completedCycle?: boolean } = await write(
          deps.store,
          request,
          visitId(req),
          body(req),
        );
        if (result.saved) {
          deps.logger.info({ route: `tab.${kind}`, visitId: result.notes.visitId }, 'text written in the tab');
          deps.afterWrite?.({
            schoolId: result.notes.schoolId,
            visitId: result.notes.visitId,
            writerId: request.user.userId,
            ...(result.completedCycle ? { completedCycle: true } : {}),
          });
        }
        return result;
      }),
    );
  }
  for (const kind of ['arrange', 'decline'] as const) {
    server.post(
      `/api/tab/needs/:needId/${kind}`,
      handle(async (request, req) => {
        const needId = routeParam(req, 'needId');
        if (!ID.test(needId)) throw new DomainError('NOT_A_LEADER');
        const { school, answered, message } = await answerNeedInTab(deps.store, request, needId, kind, body(req));
        deps.logger.info(
          { route: `tab.need.${kind}`, schoolId: school.id, needId, answered },
          'need answered in the tab',
        );
        if (answered)
          deps.afterNeedAnswer?.({ school, needId, ...(request.user.name ? { leaderName: request.user.name } : {}) });
        return { answered, message };
      }),
    );
  }
  server.get(
    '/api/tab/pairs/:pairId',
    handle((request, req) => {
      const pairId = routeParam(req, 'pairId');
      if (!ID.test(pairId)) throw new DomainError('NOT_A_PAIR_MEMBER');
      return pairView(deps.store, request, pairId);
    }),
  );
}
