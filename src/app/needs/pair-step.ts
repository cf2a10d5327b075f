/**
 * Which step of a pair a press of "Er zit iets in de weg" is about (issue 15 item 1): the step the
 * pair is on now (the kind of "behind" nudge it would get), or the near-end warning when the
 * button was on that nudge. Decided from the store, not from the card: a card only names the pair
 * it was sent for, and an older card for a pair that has since closed is refused.
 */
import type { DateTime } from 'luxon';
import type { NudgeKind, PairNeed, Programme, School } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { needStepFor, openNeedFor } from '../../domain/pair-needs';
import { currentStep } from '../../domain/visit-rules';
import type { Store, Stored } from '../../store/store';
import { loadPairContextWith, openVisitOf } from '../visits/pair-context';

export interface PairStep {
  readonly pairId: string;
  readonly programme: Stored<Programme>;
  /** Undefined: the cycle is complete or closed, nothing to clear. */
  readonly step: NudgeKind | undefined;
  /** The visit the step is about, when there is an open one. */
  readonly visitId?: string;
  /** The pair's open need of that step, if any (the form shows it to the pair, note included). */
  readonly open?: Stored<PairNeed>;
}

export async function pairStep(
  store: Store,
  school: Pick<School, 'schoolId'>,
  userId: string,
  now: DateTime,
  card: { readonly pairId?: string; readonly step?: NudgeKind } = {},
): Promise<PairStep> {
  // The school's open requests come with the read that finds the pair.
  const { context, also } = await loadPairContextWith(store, school, userId, [
    { type: 'pairNeed', where: { status: 'open' } },
  ]);
  const { pair, programme, cycle, visits } = context;
  if (card.pairId !== undefined && card.pairId !== pair.id) throw new DomainError('CYCLE_CLOSED');
  if (!programme) throw new DomainError('NO_PROGRAMME');
  const open = openVisitOf(visits);
  const onStep = cycle ? needStepFor(currentStep(cycle, open, now)) : 'noVisitPlanned';
  const step = onStep && card.step === 'visitsMissingNearEnd' ? 'visitsMissingNearEnd' : onStep;
  const openNeed = step ? openNeedFor(also.pairNeed, pair.id, step) : undefined;
  return {
    pairId: pair.id,
    programme,
    step,
    ...(open ? { visitId: open.id } : {}),
    ...(openNeed ? { open: openNeed } : {}),
  };
}
