/** Calls the tab API with the SSO token; a 401 gets one retry with a fresh token. */
import type { LeaderView, TabErrorBody, TeacherView } from '../../app/tab/views';
import type { TabLocale } from './strings';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
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
