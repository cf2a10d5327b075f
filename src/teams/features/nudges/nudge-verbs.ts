/**
 * The card verb behind a nudge's button for each resolving step of the behind-rules
 * (src/domain/behind.ts ResolvingVerb): the verbs the visit, observation, debrief and status
 * features register. test/teams/nudges-card.test.ts checks each one is routed.
 */
import type { ResolvingVerb } from '../../../domain/behind';

export const NUDGE_BUTTON_VERBS: Readonly<Record<ResolvingVerb, string>> = {
  'visit.plan': 'visit.plan.open',
  'visit.confirm': 'visit.show',
  'status.show': 'status.show',
  'observation.open': 'observation.open',
  'debrief.propose': 'debrief.propose.open',
  // debrief.pick itself needs the chosen moment: the visit card shows the proposed moments.
  'debrief.pick': 'visit.show',
  'debrief.record': 'debrief.record.open',
};

export const buttonVerbFor = (verb: string): string => NUDGE_BUTTON_VERBS[verb as ResolvingVerb] ?? verb;
