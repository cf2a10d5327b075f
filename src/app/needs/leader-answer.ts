/**
 * A school leader answers what a pair needs — "Geregeld" / "Arranged" (with an optional line of
 * their own) or "Kan niet" / "Can't be done" (with a reason category) — from a card or the tab,
 * and the pair is told 1:1 in the leader's name (issue 15 item 2). The answer itself is
 * needs-core's use case (arrangeNeed / declineNeed: leaders only, version-checked, a second
 * answer changes nothing); this file adds the reply to the leader and the message to the pair.
 *
 * The pair is told once only, and told even when a send fails or the process dies: each member's
 * message is a send record (a `digest` document, deterministic id `needAnswerId`, `period` the
 * need's id) written `pending` with a claim before anything goes out, then sent with the nudges'
 * send-once (src/app/nudges/send-once.ts); `pairToldAt` on the need marks that the records were
 * written. A second answer (another leader, a Teams retry, the tab and a card at once) finds the
 * need answered, or the records claimed or settled, and sends nothing. A retryable failure
 * (throttled after the sender's retries, a 5xx, a timeout) is stored as 'retry', and a crash after
 * the claim leaves the record pending: the needs job (`runNeedsBatch`) picks up such records of the
 * school — a retry whose time has come, a pending one whose claim expired — and sends them once,
 * rebuilding the text from the need (in school hours; the leader's name by the one rule, else the
 * programme's sender name). The one window no store can close is the send-once one: a crash after
 * Teams took a message and before its outcome was written sends that message again.
 */
import type { DateTime } from 'luxon';
import { isAnonymous } from '../../domain/anonymous';
import type { Digest, Locale, PairNeed, Profile, School } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { escapeMarkdown, userText } from '../../domain/typed-text';
import { listOf, t } from '../../i18n/translate';
import { randomBytes } from 'node:crypto';
import { readModifyWrite, type Store, type Stored } from '../../store/store';
import type { Messenger, OutgoingMessage } from '../messenger';
import { needAnswerId } from '../nudges/ids';
import { claimAll, sendOnce, type SendOnceContext, type SendOnceResult } from '../nudges/send-once';
import type { PersonDirectory, PersonInfo } from '../nudges/people';
import { chooseName } from '../people/names';
import { arrangeNeed, declineNeed, type NeedAnswer } from './answer-need';
import { categoryList, declineReasonLabel, isDeclineReason, needStepLabel } from './leader-items';

export type LeaderAnswerKind = 'arrange' | 'decline';

export interface LeaderAnswerRequest {
  readonly schoolId: string;
  readonly needId: string;
  readonly leaderId: string;
  readonly kind: LeaderAnswerKind;
  /** With 'arrange': the leader's own line to the pair (untrusted; checked by the use case). */
  readonly line?: unknown;
  /** With 'decline': the reason category (untrusted; checked here). */
  readonly reason?: unknown;
  readonly now: DateTime;
}

export interface LeaderAnswerResult {
  readonly outcome: NeedAnswer['outcome'];
  readonly need: Stored<PairNeed>;
}

/** Answers the need as the leader (refusals are DomainErrors: NOT_A_LEADER, NOT_FOUND, INVALID_INPUT, TEXT_TOO_LONG). */
export async function answerAsLeader(store: Store, request: LeaderAnswerRequest): Promise<LeaderAnswerResult> {
  const base = { schoolId: request.schoolId, needId: request.needId, actorId: request.leaderId, now: request.now };
  if (request.kind === 'arrange') {
    const { outcome, need } = await arrangeNeed(store, {
      ...base,
      ...(request.line !== undefined ? { leaderLine: request.line } : {}),
    });
    return { outcome, need };
  }
  if (!isDeclineReason(request.reason)) throw new DomainError('INVALID_INPUT', { field: 'reason' });
  const { outcome, need } = await declineNeed(store, { ...base, reason: request.reason });
  return { outcome, need };
}

/** Display names by the one rule (roster, profile, Teams), else the reader's "your colleague"; escaped for markdown unless `plain`. */
export function needNames(
  people: ReadonlyMap<string, PersonInfo>,
  profiles: readonly Pick<Profile, 'userId' | 'name'>[],
  locale: Locale,
  plain = false,
): (userId: string) => string {
  return (userId) => {
    const known = people.get(userId);
    const name = chooseName({
      roster: known?.rosterName,
      profile: profileName(profiles, userId),
      teams: known?.name,
    });
    if (!name) return t(locale, 'visitFields.colleague');
    return plain ? name : escapeMarkdown(name);
  };
}

const profileName = (profiles: readonly Pick<Profile, 'userId' | 'name'>[], userId: string): string | undefined =>
  profiles.find((p) => p.userId === userId)?.name;

/** What the leader is answered after pressing (their language; names as `nameOf` gives them). */
export function answerReply(
  result: LeaderAnswerResult,
  leaderId: string,
  locale: Locale,
  nameOf: (userId: string) => string,
): string {
  const { need } = result;
  if (result.outcome === 'alreadyAnswered') {
    if (need.answeredBy === leaderId) return t(locale, 'leader.answer.alreadyYou');
    return t(locale, 'leader.answer.already', {
      name: need.answeredBy ? nameOf(need.answeredBy) : t(locale, 'visitFields.colleague'),
    });
  }
  const names = listOf(locale, pairMembers(need).map(nameOf));
  if (need.status === 'arranged') return t(locale, 'leader.answer.arranged', { names });
  return t(locale, 'leader.answer.declined', {
    names,
    reason: declineReasonLabel(need.declineReason ?? 'other', locale),
  });
}

/** The members to tell: the pair at request time, without anyone who erased their data. */
const pairMembers = (need: Pick<PairNeed, 'personIds'>): string[] => need.personIds.filter((id) => !isAnonymous(id));

/** The message to one member of the pair, in the leader's name (pure). */
export function pairAnswerText(
  need: Pick<PairNeed, 'status' | 'step' | 'categories' | 'declineReason' | 'leaderLine'>,
  leader: string,
  locale: Locale,
): string {
  const values = { leader, step: needStepLabel(need.step, locale), categories: categoryList(need.categories, locale) };
  const lines =
    need.status === 'arranged'
      ? [
          t(locale, 'leader.toPair.arranged', values),
          ...(need.leaderLine ? [t(locale, 'leader.toPair.line', { leader, line: userText(need.leaderLine) })] : []),
          t(locale, 'leader.toPair.afterArranged'),
        ]
      : [
          t(locale, 'leader.toPair.declined', {
            ...values,
            reason: declineReasonLabel(need.declineReason ?? 'other', locale),
          }),
          t(locale, 'leader.toPair.afterDeclined', { leader }),
        ];
  return lines.join('\n\n');
}

export interface TellPairDeps {
  readonly store: Store;
  readonly messenger: Messenger;
  readonly directory: PersonDirectory;
  readonly logger?: { info(fields: Record<string, unknown>, message: string): void };
  /** The real time, for the send records' claims; default the answer's `now`. */
  readonly wallNow?: () => DateTime;
  /** How long a claim on a member's record holds; default TELL_CLAIM_MS. */
  readonly claimMs?: number;
  /** This telling's own claim id; default a fresh one. */
  readonly holder?: string;
}

/** A claim on a member's answer record: longer than one send with all the sender's retries. */
export const TELL_CLAIM_MS = 10 * 60 * 1000;

export type TellPairReport = Record<SendOnceResult, number> & { readonly told: boolean };

/** The send record of one member's message with the leader's answer (the text is rebuilt from the need). */
export const needAnswerRecord = (
  need: Pick<PairNeed, 'schoolId' | 'id' | 'programmeId'>,
  memberId: string,
  now: DateTime,
): Digest => ({
  type: 'digest',
  id: needAnswerId(need.schoolId, need.id, memberId),
  schoolId: need.schoolId,
  personIds: [memberId],
  programmeId: need.programmeId,
  recipientId: memberId,
  period: need.id,
  status: 'pending',
  createdAt: now.toUTC().toISO()!,
});

/**
 * Tells the pair the leader's answer, once (see the file comment): writes a claimed send record
 * per member, marks the need with `pairToldAt`, then sends each member the answer in their
 * language. Nothing when the need is open, or its records were written already (by this or
 * another instance; the needs job finishes what they left).
 */
export async function tellPairTheAnswer(
  deps: TellPairDeps,
  school: Pick<School, 'schoolId' | 'tenantId' | 'locale'>,
  needId: string,
  now: DateTime,
  /** The answering leader's name as the turn or the sign-in gave it: used when the one name rule knows none. */
  leaderName?: string,
): Promise<TellPairReport> {
  const report = { sent: 0, unreachable: 0, failed: 0, done: 0, busy: 0, retry: 0, told: false };
  const current = await deps.store.read(school.schoolId, 'pairNeed', needId);
  if (!current || current.status === 'open' || current.pairToldAt !== undefined || !current.answeredBy) return report;
  const ctx: SendOnceContext = {
    store: deps.store,
    messenger: deps.messenger,
    holder: deps.holder ?? `tell-${randomBytes(6).toString('hex')}`,
    wallNow: deps.wallNow ?? (() => now),
    claimMs: deps.claimMs ?? TELL_CLAIM_MS,
  };
  const records = pairMembers(current).map((memberId) => needAnswerRecord(current, memberId, now));
  const claims = await claimAll(ctx, records);
  const need =
    (await readModifyWrite(deps.store, school.schoolId, 'pairNeed', needId, (latest) =>
      latest && latest.status !== 'open' && latest.pairToldAt === undefined
        ? { ...latest, pairToldAt: now.toUTC().toISO()! }
        : undefined,
    )) ?? current;
  const messageTo = await pairAnswerMessages(deps, school, current, leaderName);
  for (const [index, record] of records.entries())
    report[await sendOnce(ctx, record, school.tenantId, () => messageTo(record.recipientId), claims[index])]++;
  deps.logger?.info(
    {
      schoolId: school.schoolId,
      needId: need.id,
      status: need.status,
      sent: report.sent,
      unreachable: report.unreachable,
      failed: report.failed,
      retry: report.retry,
      busy: report.busy,
      done: report.done,
    },
    'pair told the leader’s answer',
  );
  return { ...report, told: true };
}

/** The message with the leader's answer to each member of the pair, in the member's language. */
export async function pairAnswerMessages(
  deps: Pick<TellPairDeps, 'store' | 'directory'>,
  school: Pick<School, 'schoolId' | 'tenantId' | 'locale'>,
  need: PairNeed,
  leaderName?: string,
): Promise<(memberId: string) => OutgoingMessage> {
  const leaderId = need.answeredBy ?? '';
  const [people, profiles, programme] = await Promise.all([
    deps.directory.people(school.tenantId, [leaderId, ...pairMembers(need)]),
    deps.store.query(school.schoolId, { type: 'profile' }),
    deps.store.read(school.schoolId, 'programme', need.programmeId),
  ]);
  // The leader's name by the one rule; else the name the turn gave, else the name the programme's nudges are sent in.
  const fallback = leaderName?.trim() || programme?.nudgeSenderName.trim();
  const known = people.get(leaderId);
  const withFallback =
    fallback && !chooseName({ roster: known?.rosterName, teams: known?.name, profile: profileName(profiles, leaderId) })
      ? new Map([...people, [leaderId, { userId: leaderId, name: fallback, reachable: known?.reachable ?? false }]])
      : people;
  return (memberId) => {
    const locale = people.get(memberId)?.locale ?? school.locale;
    const leader = needNames(withFallback, profiles, locale)(leaderId);
    return { text: pairAnswerText(need, leader, locale) };
  };
}
