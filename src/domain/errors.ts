/**
 * Expected failures, typed by code. The Teams layer turns each code into a friendly message in
 * the user's language; nothing here is ever an exception a user sees raw.
 */
export type DomainErrorCode =
  | 'NOT_FOUND'
  | 'NOT_A_PAIR_MEMBER'
  | 'NOT_A_LEADER'
  | 'INVALID_TRANSITION'
  | 'NOT_YOUR_TURN'
  | 'DATE_IN_PAST'
  | 'DATE_OUTSIDE_PROGRAMME'
  | 'DATE_INVALID'
  | 'FIELD_REQUIRED'
  | 'TEXT_TOO_LONG'
  | 'INVALID_INPUT'
  | 'STALE_VERSION'
  | 'UNKNOWN_VERB'
  | 'TENANT_NOT_ALLOWED'
  | 'CYCLE_CLOSED'
  | 'INTERNAL'
  | 'NO_SCHOOL'
  // programme, pairing, profile, switch, my data
  | 'END_BEFORE_START'
  | 'NUMBER_OUT_OF_RANGE'
  | 'NO_PROGRAMME'
  | 'NO_PAIR'
  | 'ALREADY_PAIRED'
  | 'GROUP_SIZE'
  | 'NOT_ENOUGH_TEACHERS'
  | 'NO_OTHER_PAIR'
  | 'PAIR_FULL'
  | 'NOTHING_TO_PLACE'
  // visits, observations, debrief
  | 'VISIT_NOT_YET'
  | 'DEBRIEF_NOT_YET'
  | 'NO_CYCLE'
  | 'DEBRIEF_BEFORE_VISIT'
  | 'CYCLE_COMPLETE'
  // privacy: the programme keeps teachers' texts in the personal tab (domain/texts-in-tab.ts)
  | 'TEXTS_IN_TAB';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** Safe, non-personal detail for logs and message parameters (a field name, a limit). */
    readonly detail: Readonly<Record<string, string | number>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: DomainErrorCode, detail: Record<string, string | number> = {}): Result<T> => ({
  ok: false,
  error: new DomainError(code, detail),
});
