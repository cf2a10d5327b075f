/**
 * The one table of how the leader's surfaces word a pair's progress and step: the weekly digest
 * and the personal tab's leader view both take their words from here (strings `pairProgress.*`
 * and `messages.digest.steps.*`), so they always say the same thing for the same state.
 */
import type { Locale } from '../../domain/entities';
import type { CycleStep, PairProgress } from '../../domain/visit-rules';
import { t } from '../../i18n/translate';

/** Every state a pair can be in for the leader; `unreachable` only where reachability is known (the digest). */
export type ProgressState = PairProgress | 'unreachable';

/** The order in which surfaces list the states. */
export const PROGRESS_STATES: readonly ProgressState[] = [
  'complete',
  'onTrack',
  'behind',
  'waitingForSchool',
  'notStarted',
  'unreachable',
];

/** The short word for one pair ("On track"). */
export const progressLabel = (state: ProgressState, locale: Locale): string => t(locale, `pairProgress.${state}.label`);

/** The title of a count of pairs ("Pairs on track"). */
export const progressCountTitle = (state: ProgressState, locale: Locale): string =>
  t(locale, `pairProgress.${state}.count`);

/** The step a pair is on, in a few words ("plan a visit"). */
export const stepLabel = (step: CycleStep, locale: Locale): string => t(locale, `messages.digest.steps.${step}`);
