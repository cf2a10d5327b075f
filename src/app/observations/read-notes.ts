/**
 * What was written about one visit; only the two people of the visit may read it (in a trio not
 * the third member, see domain/visit-rules.ts), never a leader.
 */
import type { DateTime } from 'luxon';
import type { DebriefNote, Observation, Reflection } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { loadVisitFor, type VisitContext } from '../visits/pair-context';
import { observationIdFor, reflectionIdFor } from './post-observation';

export const debriefNoteIdFor = (visitId: string): string => `debrief-${visitId}`;

export interface VisitNotes extends VisitContext {
  readonly observation: Stored<Observation> | undefined;
  readonly reflection: Stored<Reflection> | undefined;
  readonly debriefNote: Stored<DebriefNote> | undefined;
}

export async function readNotes(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  now: DateTime,
): Promise<VisitNotes> {
  const context = await loadVisitFor(store, schoolId, visitId, userId, 'readNotes', now);
  const [observation, reflection, debriefNote] = await Promise.all([
    store.read(schoolId, 'observation', observationIdFor(visitId)),
    store.read(schoolId, 'reflection', reflectionIdFor(visitId)),
    store.read(schoolId, 'debriefNote', debriefNoteIdFor(visitId)),
  ]);
  return { ...context, observation, reflection, debriefNote };
}
