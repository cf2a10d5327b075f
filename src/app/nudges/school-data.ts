/**
 * What a digest or nudge run reads of one school: a "school snapshot", read from the school's
 * partition in ONE store query (Store.readPartition), and the pure helpers that turn it into the
 * inputs of the digest and the behind-rules. No observation, reflection or debrief text is ever
 * selected.
 */
import type { DateTime } from 'luxon';
import { currentCycle } from '../../domain/cycle';
import type {
  CoachTally,
  Cycle,
  Digest,
  DigestSnapshot,
  Locale,
  Nudge,
  Pair,
  PairNeed,
  Profile,
  Programme,
  School,
  Visit,
} from '../../domain/entities';
import type { PartitionSelection, Store, Stored } from '../../store/store';
import { escapeMarkdown } from '../../domain/typed-text';
import { t } from '../../i18n/translate';
import { chooseName } from '../people/names';
import { withoutPairNote, type LeaderNeed } from '../needs/open-needs';
import { RANGES } from '../programme/programme-input';

export interface SchoolSnapshot {
  readonly school: Stored<School>;
  /** The school's active programmes. */
  readonly programmes: readonly Stored<Programme>[];
  /** All its programmes, archived ones too (retention notices). */
  readonly allProgrammes: readonly Stored<Programme>[];
  /** The school's active pairs (of every programme). */
  readonly pairs: readonly Stored<Pair>[];
  readonly cycles: readonly Stored<Cycle>[];
  readonly visits: readonly Stored<Visit>[];
  readonly profiles: readonly Stored<Profile>[];
  /** Digest records of the selected week (digest runs only). */
  readonly digests: readonly Stored<Digest>[];
  /** Count snapshots of the selected weeks (digest runs only). */
  readonly digestSnapshots: readonly Stored<DigestSnapshot>[];
  /** Nudges of the selected week and those sent recently (nudge runs only). */
  readonly nudges: readonly Stored<Nudge>[];
  /** The coach's counts per saved observation, no text (digest runs only: the growth line). */
  readonly coachTallies: readonly Stored<CoachTally>[];
  /** What pairs asked the school for (issue 15), without the pair's note: it never enters a job. */
  readonly pairNeeds: readonly LeaderNeed[];
}

type SnapshotType =
  | 'programme'
  | 'pair'
  | 'cycle'
  | 'visit'
  | 'profile'
  | 'digest'
  | 'digestSnapshot'
  | 'nudge'
  | 'coachTally'
  | 'pairNeed';

/** Every programme (a handful per school): the active ones run, archived ones carry retention dates. */
const PROGRAMMES: PartitionSelection<SnapshotType> = { type: 'programme' };

/**
 * What the behind-rules and the digest need: programmes, pairs, cycles, visits, names, and what
 * pairs asked the school for (an open need pauses a step, an arranged one restarts its clock, the
 * digest counts them all).
 */
const COACHING: readonly PartitionSelection<SnapshotType>[] = [
  PROGRAMMES,
  { type: 'pair', where: { status: 'active' } },
  { type: 'cycle' },
  { type: 'visit' },
  { type: 'profile' },
  { type: 'pairNeed' },
];

/** A digest run: the coaching state, this week's digest records and the snapshots of last week and this week. */
export function digestSelections(period: string, previousPeriod: string): PartitionSelection<SnapshotType>[] {
  return [
    ...COACHING,
    { type: 'digest', where: { period } },
    { type: 'digestSnapshot', where: { period: [previousPeriod, period] } },
    { type: 'coachTally' },
    // Nudges of last week and this week that were finally undeliverable ("not delivered: N").
    { type: 'nudge', where: { status: 'failed', period: [previousPeriod, period] } },
  ];
}

/**
 * How far back a person's last nudge matters: the largest "days between nudges" a programme may
 * set, plus a day for the difference between calendar days in the school's zone and UTC.
 */
const NUDGE_LOOKBACK_DAYS = RANGES.minDaysBetweenNudges[1] + 1;

/**
 * A nudge run: the coaching state, this week's nudges (done or pending) and the nudges sent
 * within the look-back (the per-person spacing). When `programmesOnly`, just the programmes
 * (a quiet moment: nothing will be sent, only counted).
 */
export function nudgeSelections(
  period: string,
  now: DateTime,
  programmesOnly = false,
): PartitionSelection<SnapshotType>[] {
  if (programmesOnly) return [PROGRAMMES];
  const sentSince = now.toUTC().minus({ days: NUDGE_LOOKBACK_DAYS }).toISO()!;
  return [
    ...COACHING,
    { type: 'nudge', where: { period } },
    { type: 'nudge', where: { status: 'sent' }, atLeast: { sentAt: sentSince } },
  ];
}

/** The school snapshot in one partition read; the types not selected are empty. */
export async function readSchoolSnapshot(
  store: Store,
  school: Stored<School>,
  selections: readonly PartitionSelection<SnapshotType>[],
): Promise<SchoolSnapshot> {
  const read: Partial<Record<SnapshotType, readonly Stored<unknown>[]>> = await store.readPartition(
    school.schoolId,
    selections,
  );
  const of = <T>(type: SnapshotType) => (read[type] ?? []) as readonly Stored<T>[];
  return {
    school,
    programmes: of<Programme>('programme').filter((p) => p.status === 'active'),
    allProgrammes: of<Programme>('programme'),
    pairs: of<Pair>('pair'),
    cycles: of<Cycle>('cycle'),
    visits: of<Visit>('visit'),
    profiles: of<Profile>('profile'),
    digests: of<Digest>('digest'),
    digestSnapshots: of<DigestSnapshot>('digestSnapshot'),
    nudges: of<Nudge>('nudge'),
    coachTallies: of<CoachTally>('coachTally'),
    pairNeeds: of<PairNeed>('pairNeed').map(withoutPairNote),
  };
}

/** The schools a job run visits, in id order: the given ones (when still installed), else every installed school. */
export async function installedSchools(store: Store, schoolIds?: readonly string[]): Promise<Stored<School>[]> {
  const schools = schoolIds
    ? (await Promise.all(schoolIds.map((id) => store.read(id, 'school', id)))).filter((s): s is Stored<School> =>
        Boolean(s?.installed),
      )
    : await store.queryAllSchools({ type: 'school', where: { installed: true } });
  return [...schools].sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function activeProgrammes(store: Store, schoolId: string): Promise<Stored<Programme>[]> {
  return store.query(schoolId, { type: 'programme', where: { status: 'active' } });
}

/** The pair's current cycle in its own programme (see currentCycle). */
export function currentCycleOf(pair: Pair, cycles: readonly Cycle[]): Cycle | undefined {
  return currentCycle(cycles.filter((c) => c.pairId === pair.id && c.programmeId === pair.programmeId));
}

/**
 * Names for display by the one rule (src/app/people/names.ts): the roster's name, else the
 * profile's, else the name Teams sent, else the reader's "your colleague".
 */
export function nameOf(
  userId: string,
  profiles: readonly Profile[],
  people: ReadonlyMap<string, { name: string; rosterName?: string }>,
  locale: Locale,
): string {
  const known = people.get(userId);
  const name = chooseName({
    roster: known?.rosterName,
    profile: profiles.find((p) => p.userId === userId)?.name,
    teams: known?.name,
  });
  // For the digest's and nudges' card text (markdown): shown as written, like every name on a card.
  return name ? escapeMarkdown(name) : t(locale, 'visitFields.colleague');
}
