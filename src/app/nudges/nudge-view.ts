/**
 * The nudge card's view model (pure): in the reader's language, signed with the programme's
 * sender name and optional personal line, with one button to the card that resolves it and a
 * snooze button. Only names, dates and counts: never what the pair wrote.
 */
import type { DateTime } from 'luxon';
import { formatDay, type DateReader } from '../../i18n/dates';
import type { BehindVerdict } from '../../domain/behind';
import type { Locale, Programme } from '../../domain/entities';
import { listOf, t } from '../../i18n/translate';
import { userText, type UserText } from '../../domain/typed-text';

export interface NudgeView {
  readonly title: string;
  readonly message: string;
  readonly hasPersonalLine: boolean;
  /** The leader's own line (their words). */
  readonly personalLine: UserText;
  readonly signature: string;
  readonly verb: string;
  readonly actionTitle: string;
  /** Ids only (the handler reloads and checks). */
  readonly actionData: {
    readonly schoolId: string;
    readonly pairId: string;
    readonly programmeId: string;
    readonly visitId?: string;
  };
  readonly snoozeData: { readonly schoolId: string; readonly pairId: string };
  /** "Er zit iets in de weg": the pair tells the school what stands in the way of this step. */
  readonly needData: { readonly schoolId: string; readonly pairId: string; readonly step: BehindVerdict['kind'] };
}

export interface NudgeViewInput {
  readonly locale: Locale;
  readonly timezone: string;
  readonly schoolId: string;
  readonly programme: Pick<Programme, 'id' | 'nudgeSenderName' | 'nudgePersonalLine' | 'endDate'>;
  readonly pairId: string;
  readonly verdict: BehindVerdict;
  readonly recipientName: string;
  /** The other members of the pair, by name. */
  readonly partnerNames: readonly string[];
  /** The visit moment, when the verdict concerns a visit. */
  readonly visitStartsAt?: string;
  readonly visitsDone: number;
  readonly visitsAgreed: number;
  /** The moment of the run (dates show their year only outside the current school year). */
  readonly now: DateTime;
}

export function nudgeView(input: NudgeViewInput): NudgeView {
  const { locale, verdict, programme } = input;
  const reader: DateReader = { locale, zone: input.timezone, now: input.now };
  const messageKey = verdict.verb === 'debrief.pick' ? 'pickDebrief' : verdict.kind;
  const params = {
    name: input.recipientName,
    partner: listOf(locale, input.partnerNames),
    date: formatDay(input.visitStartsAt, reader),
    end: formatDay(programme.endDate, reader),
    days: verdict.days,
    done: input.visitsDone,
    agreed: input.visitsAgreed,
  };
  const personalLine = userText((programme.nudgePersonalLine ?? '').trim());
  const sender = userText(programme.nudgeSenderName);
  return {
    title: t(locale, 'messages.nudge.title', { sender }),
    message: t(locale, `messages.nudge.kinds.${messageKey}`, params),
    hasPersonalLine: !personalLine.isEmpty,
    personalLine,
    signature: t(locale, 'messages.nudge.signature', { sender }),
    verb: verdict.verb,
    actionTitle: t(locale, `messages.nudge.actions.${verdict.verb.replace('.', '_')}`),
    actionData: {
      schoolId: input.schoolId,
      pairId: input.pairId,
      programmeId: programme.id,
      ...(verdict.visitId ? { visitId: verdict.visitId } : {}),
    },
    snoozeData: { schoolId: input.schoolId, pairId: input.pairId },
    needData: { schoolId: input.schoolId, pairId: input.pairId, step: verdict.kind },
  };
}
