/** Calls the tab API with the SSO token; a 401 gets one retry with a fresh token. */
import type { LeaderView, NeedAnswerView, TabErrorBody, TeacherView } from '../../app/tab/views';
import type { TabWriteResult, VisitNotesView } from '../../app/tab/visit-notes';
import type { TabLocale } from './strings';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's sentence for a refusal (in the reader's language), when it gave one. */
    message = '',
  ) {
    super(message);
  }
}

export type TokenSource = () => Promise<string>;

async function get<T>(path: string, token: TokenSource, locale: TabLocale, schoolId?: string): Promise<T> {
  const query = new URLSearchParams({ locale, ...(schoolId ? { schoolId } : {}) });
  let response: Response | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    response = await fetch(`${path}?${query}`, {
      headers: { Authorization: `Bearer ${await token()}`, Accept: 'application/json' },
    });
    if (response.status !== 401) break;
  }
  if (!response!.ok) {
    const body = (await response!.json().catch(() => ({}))) as Partial<TabErrorBody>;
    throw new ApiError(response!.status, body.error ?? 'unknown');
  }
  return (await response!.json()) as T;
}

export const fetchTeacherView = (token: TokenSource, locale: TabLocale, schoolId?: string) =>
  get<TeacherView>('/api/tab/me', token, locale, schoolId);
export const fetchLeaderView = (token: TokenSource, locale: TabLocale, schoolId?: string) =>
  get<LeaderView>('/api/tab/leader', token, locale, schoolId);

export const fetchVisitNotes = (token: TokenSource, locale: TabLocale, visitId: string, schoolId?: string) =>
  get<VisitNotesView>(`/api/tab/visits/${encodeURIComponent(visitId)}`, token, locale, schoolId);

/** Write a visit's text from the tab; a refusal (limits, stale version, not yet) carries its sentence. */
export const postVisitText = (
  token: TokenSource,
  locale: TabLocale,
  visitId: string,
  kind: 'observation' | 'reflection' | 'debrief' | 'plan',
  body: Readonly<Record<string, unknown>>,
): Promise<TabWriteResult> => post(`/api/tab/visits/${encodeURIComponent(visitId)}/${kind}`, token, locale, body);

/** A leader answers what a pair needs ("Geregeld" with an optional line, "Kan niet" with a reason). */
export const postNeedAnswer = (
  token: TokenSource,
  locale: TabLocale,
  needId: string,
  kind: 'arrange' | 'decline',
  body: Readonly<Record<string, unknown>>,
  schoolId?: string,
): Promise<NeedAnswerView> =>
  post(`/api/tab/needs/${encodeURIComponent(needId)}/${kind}`, token, locale, body, schoolId);

async function post<T>(
  path: string,
  token: TokenSource,
  locale: TabLocale,
  body: Readonly<Record<string, unknown>>,
  schoolId?: string,
): Promise<T> {
  const query = new URLSearchParams({ locale, ...(schoolId ? { schoolId } : {}) });
  let response: Response | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    response = await fetch(`${path}?${query}`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await token()}`,
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (response.status !== 401) break;
  }
  if (!response!.ok) {
    const failed = (await response!.json().catch(() => ({}))) as Partial<TabErrorBody>;
    throw new ApiError(response!.status, failed.error ?? 'unknown', failed.message ?? '');
  }
  return (await response!.json()) as T;
}
