/** What a pair wrote about one visit; only its members may read it (never a leader). */
import type { DebriefNote, Observation, Reflection } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';
import { loadVisitForMember, type VisitContext } from '../visits/pair-context';
import { observationIdFor, reflectionIdFor } from './post-observation';

export const debriefNoteIdFor = (visitId: string): string => `debrief-${visitId}`;

export interface VisitNotes extends VisitContext {
  readonly observation: Stored<Observation> | undefined;
  readonly reflection: Stored<Reflection> | undefined;
  readonly debriefNote: Stored<DebriefNote> | undefined;
}

export async function readNotes(store: Store, schoolId: string, visitId: string, userId: string): Promise<VisitNotes> {
  const context = await loadVisitForMember(store, schoolId, visitId, userId);
  const [observation, reflection, debriefNote] = await Promise.all([
    store.read(schoolId, 'observation', observationIdFor(visitId)),
    store.read(schoolId, 'reflection', reflectionIdFor(visitId)),
    store.read(schoolId, 'debriefNote', debriefNoteIdFor(visitId)),
  ]);
  return { ...context, observation, reflection, debriefNote };
}
