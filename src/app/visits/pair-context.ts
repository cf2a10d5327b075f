/**
 * Loading what a visit action needs, with the membership check first: a person outside the
 * pair (a leader, another teacher, another school) learns nothing about the pair's visits.
 */
import type { DateTime } from 'luxon';
import { currentCycle } from '../../domain/cycle';
import type { Cycle, DocumentType, Pair, Programme, School, Visit } from '../../domain/entities';
import { DomainError } from '../../domain/errors';
import { openVisitOf as openVisitInCycle, visitAction, type VisitOwnAction } from '../../domain/visit-rules';
import type { PartitionRead, PartitionSelection, Store, Stored } from '../../store/store';

export interface PairContext {
  readonly pair: Stored<Pair>;
  readonly programme: Stored<Programme> | undefined;
  /** The active cycle, else the most recent one (complete or closed), else none yet. */
  readonly cycle: Stored<Cycle> | undefined;
  /** The visits of that cycle by sequence. */
  readonly visits: readonly Stored<Visit>[];
}

export interface VisitContext {
  readonly visit: Stored<Visit>;
  readonly pair: Stored<Pair>;
  readonly cycle: Stored<Cycle> | undefined;
  readonly programme: Stored<Programme> | undefined;
}

/**
 * The person's active pair in this school, if any: only a pair of a programme that is still
 * running counts (a new programme archives the previous one; its pairs are history then).
 */
export async function findActivePair(
  store: Store,
  schoolId: string,
  userId: string,
): Promise<Stored<Pair> | undefined> {
  return (await activePairAndProgramme(store, schoolId, userId))?.pair;
}

/** The active pair (as findActivePair) with its running programme, from the same two queries. */
async function activePairAndProgramme(
  store: Store,
  schoolId: string,
  userId: string,
): Promise<{ pair: Stored<Pair>; programme: Stored<Programme> } | undefined> {
  const [pairs, programmes] = await Promise.all([
    store.query(schoolId, { type: 'pair', personId: userId, where: { status: 'active' } }),
    store.query(schoolId, { type: 'programme', where: { status: 'active' } }),
  ]);
  return activeOf(pairs, programmes, userId);
}

/** The person's newest active pair of a running programme, among the school's active pairs and programmes. */
function activeOf(
  pairs: readonly Stored<Pair>[],
  programmes: readonly Stored<Programme>[],
  userId: string,
): { pair: Stored<Pair>; programme: Stored<Programme> } | undefined {
  const running = new Map(programmes.map((programme) => [programme.id, programme]));
  const pair = pairs
    .filter((p) => p.memberIds.includes(userId) && running.has(p.programmeId))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  return pair ? { pair, programme: running.get(pair.programmeId)! } : undefined;
}

export async function cycleOfPair(store: Store, schoolId: string, pairId: string): Promise<Stored<Cycle> | undefined> {
  const cycles = await store.query(schoolId, { type: 'cycle', pairId });
  return currentCycle(cycles.filter((c) => c.pairId === pairId));
}

export async function visitsOfCycle(
  store: Store,
  schoolId: string,
  pairId: string,
  cycleId: string,
): Promise<Stored<Visit>[]> {
  const visits = await store.query(schoolId, { type: 'visit', pairId, where: { cycleId } });
  return visits.filter((v) => v.cycleId === cycleId).sort((a, b) => a.sequence - b.sequence);
}

/** The person's pair with its current cycle and visits; NO_PAIR when they have none. */
export async function loadPairContext(
  store: Store,
  school: Pick<School, 'schoolId'>,
  userId: string,
): Promise<PairContext> {
  return (await loadPairContextWith(store, school, userId, [])).context;
}

/**
 * As loadPairContext, in two reads of the school's partition: the person's active pairs and the
 * running programmes (and `also`: more of the school's documents the caller needs, read along),
 * then the pair's cycles and visits; the current cycle and its visits are picked from those.
 */
export async function loadPairContextWith<K extends DocumentType>(
  store: Store,
  school: Pick<School, 'schoolId'>,
  userId: string,
  also: readonly PartitionSelection<K>[],
): Promise<{ context: PairContext; also: PartitionRead<K> }> {
  const first = await store.readPartition<'pair' | 'programme' | K>(school.schoolId, [
    { type: 'pair', personId: userId, where: { status: 'active' } },
    { type: 'programme', where: { status: 'active' } },
    ...also,
  ]);
  const found = activeOf(
    first.pair.filter((p) => p.status === 'active'),
    first.programme.filter((p) => p.status === 'active'),
    userId,
  );
  if (!found) throw new DomainError('NO_PAIR');
  // The programme came with the read that found the pair: no second read of it.
  const { pair, programme } = found;
  const ofPair = await store.readPartition(school.schoolId, [
    { type: 'cycle', where: { pairId: pair.id } },
    { type: 'visit', where: { pairId: pair.id } },
  ]);
  const cycle = currentCycle(ofPair.cycle.filter((c) => c.pairId === pair.id));
  const visits = cycle
    ? ofPair.visit.filter((v) => v.cycleId === cycle.id && v.pairId === pair.id).sort((a, b) => a.sequence - b.sequence)
    : [];
  return { context: { pair, programme, cycle, visits }, also: first as unknown as PartitionRead<K> };
}

/** The open visit of a cycle (the visits of one cycle): the latest that is neither debriefed nor cancelled. */
export function openVisitOf(visits: readonly Visit[]): Visit | undefined {
  // One definition of "the open visit" for cards, digest, tab and nudges alike (domain/behind.ts).
  const first = visits[0];
  return first ? openVisitInCycle(visits, first.pairId, first.cycleId) : undefined;
}

/** A visit by id for a member of its pair: NOT_FOUND for unknown (or another school's) ids. */
export async function loadVisitForMember(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
): Promise<VisitContext> {
  const visit = await store.read(schoolId, 'visit', visitId);
  if (!visit) throw new DomainError('NOT_FOUND');
  // The pair and the cycle in one read by id; nothing of them is used before the membership check.
  const {
    pair: [pair],
    cycle: [cycle],
  } = await store.readPartition(schoolId, [
    { type: 'pair', where: { id: visit.pairId } },
    { type: 'cycle', where: { id: visit.cycleId } },
  ]);
  if (!pair || !pair.memberIds.includes(userId)) throw new DomainError('NOT_A_PAIR_MEMBER');
  const programme = await store.read(schoolId, 'programme', pair.programmeId);
  return { visit, pair, cycle, programme };
}

/** Refuse (typed error, nothing changed) unless the visit rules let `userId` take `action` now. */
export function requireAction(
  context: Pick<VisitContext, 'visit' | 'pair' | 'cycle'>,
  action: VisitOwnAction,
  userId: string,
  now: DateTime,
): void {
  const { visit, pair, cycle } = context;
  const verdict = visitAction(visit, action, userId, now, { memberIds: pair.memberIds, ...(cycle ? { cycle } : {}) });
  if (!verdict.allowed) throw new DomainError(verdict.reason, { from: visit.state, event: action });
}

/** A visit for a member of its pair, refused unless the visit rules allow `action` (see requireAction). */
export async function loadVisitFor(
  store: Store,
  schoolId: string,
  visitId: string,
  userId: string,
  action: VisitOwnAction,
  now: DateTime,
): Promise<VisitContext> {
  const context = await loadVisitForMember(store, schoolId, visitId, userId);
  requireAction(context, action, userId, now);
  return context;
}

export const visitIdFor = (cycleId: string, sequence: number): string => `visit-${cycleId}-${sequence}`;
