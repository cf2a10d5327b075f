/** "My coaching": the teacher's current pair, cycle timeline and next step. Pure. */
import type { DateTime } from 'luxon';
import type { Cycle, Locale, Pair, Programme, School, Visit } from '../../domain/entities';
import { formatPeriod, type DateReader } from '../../i18n/dates';
import { buildPairDetail, personView, STEP_COMMANDS } from './pair-detail';
import type { PairDetailView, PairView, ProgrammeRef, SchoolRef, TeacherView } from './views';
import { choiceText } from '../../i18n/choices';

export interface TeacherViewInput {
  readonly readerId: string;
  /** The name in the reader's token; the profile name wins when known. */
  readonly readerName?: string;
  readonly school: School;
  readonly schools: readonly SchoolRef[];
  readonly isLeader: boolean;
  readonly programmes: readonly Programme[];
  /** Pairs the reader is a member of. */
  readonly pairs: readonly Pair[];
  readonly cycles: readonly Cycle[];
  readonly visits: readonly Visit[];
  readonly names: ReadonlyMap<string, string>;
  readonly now: DateTime;
  readonly locale: Locale;
  readonly chatLink?: string;
}

export function programmeRef(programme: Programme, reader: DateReader): ProgrammeRef {
  return {
    id: programme.id,
    theme: choiceText(reader.locale, programme.theme),
    period: formatPeriod(programme.startDate, programme.endDate, reader),
    status: programme.status,
  };
}

export const schoolRef = (school: Pick<School, 'id' | 'name'>): SchoolRef => ({ id: school.id, name: school.name });

/** The pair the reader works in now: active, in an active programme, most recently formed first. */
export function currentPairOf(
  readerId: string,
  pairs: readonly Pair[],
  programmes: readonly Programme[],
): Pair | undefined {
  const active = new Set(programmes.filter((p) => p.status === 'active').map((p) => p.id));
  return [...pairs]
    .filter((p) => p.memberIds.includes(readerId) && p.status === 'active' && active.has(p.programmeId))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1))[0];
}

function detailOf(
  input: Omit<TeacherViewInput, 'pairs' | 'schools' | 'isLeader' | 'readerName'>,
  pair: Pair,
  programme: Programme | undefined,
): PairDetailView {
  return buildPairDetail({
    pair,
    cycles: input.cycles.filter((c) => c.pairId === pair.id),
    visits: input.visits.filter((v) => v.pairId === pair.id),
    names: input.names,
    readerId: input.readerId,
    visitsPerCycle: programme?.visitsPerCycle ?? 2,
    now: input.now,
    timezone: input.school.timezone,
    locale: input.locale,
  });
}

export function buildTeacherView(input: TeacherViewInput): TeacherView {
  const { readerId, locale } = input;
  const names = new Map(input.names);
  if (!names.get(readerId) && input.readerName) names.set(readerId, input.readerName);
  const pair = currentPairOf(readerId, input.pairs, input.programmes);
  const programme = pair
    ? input.programmes.find((p) => p.id === pair.programmeId)
    : input.programmes.find((p) => p.status === 'active');
  const detail = pair ? detailOf({ ...input, names }, pair, programme) : undefined;
  return {
    kind: 'teacher',
    locale,
    me: personView(readerId, names, locale),
    school: schoolRef(input.school),
    schools: input.schools,
    isLeader: input.isLeader,
    ...(programme
      ? { programme: programmeRef(programme, { locale, zone: input.school.timezone, now: input.now }) }
      : {}),
    ...(detail ? { pair: detail } : {}),
    next: detail?.next ?? { step: 'noPair', actor: 'nobody', command: STEP_COMMANDS.noPair },
    ...(input.chatLink ? { chatLink: input.chatLink } : {}),
  };
}

/** One pair's detail for a member (the caller has checked membership). */
export function buildPairView(
  input: Omit<TeacherViewInput, 'pairs' | 'schools' | 'isLeader'> & { readonly pair: Pair },
): PairView {
  const programme = input.programmes.find((p) => p.id === input.pair.programmeId);
  return {
    kind: 'pair',
    locale: input.locale,
    school: schoolRef(input.school),
    ...(programme
      ? { programme: programmeRef(programme, { locale: input.locale, zone: input.school.timezone, now: input.now }) }
      : {}),
    pair: detailOf(input, input.pair, programme),
    ...(input.chatLink ? { chatLink: input.chatLink } : {}),
  };
}
