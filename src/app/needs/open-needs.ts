/**
 * The open needs of a programme, as a leader may see them: the categories, the date, the step and
 * since when — the pair's note is taken off here, so nothing built for leaders can carry it.
 * Only needs of the programme's active pairs (a closed pair waits for nothing). One partition read.
 */
import type { PairNeed } from '../../domain/entities';
import type { Store, Stored } from '../../store/store';

/** A need without the pair's note: what leaders, digests and counts get. */
export type LeaderNeed = Omit<Stored<PairNeed>, 'pairNote'>;

/** The need without the pair's note (a copy). */
export function withoutPairNote(need: Stored<PairNeed>): LeaderNeed {
  const { pairNote: _note, ...rest } = need;
  return rest;
}

export async function openNeedsForProgramme(
  store: Store,
  schoolId: string,
  programmeId: string,
): Promise<LeaderNeed[]> {
  const read = await store.readPartition(schoolId, [
    { type: 'pairNeed', where: { programmeId, status: 'open' } },
    { type: 'pair', where: { programmeId, status: 'active' } },
  ]);
  const active = new Set(read.pair.map((p) => p.id));
  return read.pairNeed
    .filter((need) => active.has(need.pairId))
    .sort((a, b) => (a.requestedAt < b.requestedAt ? -1 : a.requestedAt > b.requestedAt ? 1 : a.id < b.id ? -1 : 1))
    .map(withoutPairNote);
}
