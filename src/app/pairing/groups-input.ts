/**
 * The leader's edited pairing: every candidate has a group number (0 or "none": not taking part).
 * Groups must have two or three members; nobody is left alone. Pure.
 */
import { fail, ok, type Result } from '../../domain/errors';

export const NOT_TAKING_PART = 'none';
export const GROUP_FIELD_PREFIX = 'group_';

/** Input id of a candidate's group choice (user ids are GUIDs; anything else is made safe). */
export const groupFieldFor = (userId: string): string =>
  `${GROUP_FIELD_PREFIX}${userId.replace(/[^A-Za-z0-9-]/g, '_')}`;

/** The leader's placement on the pairing card once pairs run: new groups, and people added to running pairs. */
export interface Placement {
  /** New pairs (or trios), each sorted. */
  readonly groups: readonly (readonly string[])[];
  /** People joining a running pair (which then becomes a trio). */
  readonly additions: readonly { readonly pairId: string; readonly memberIds: readonly string[] }[];
}

/** The size a running pair may grow to by adding late joiners. */
export const MAX_GROUP_SIZE = 3;

/**
 * The pairing card's numbers once pairs run: 1 … P are the running pairs (in `pairs` order, as
 * the card listed them), higher numbers new groups of the people without a pair. A running pair
 * may grow to three; a new group has two or three members; nobody is placed alone. Pure.
 */
export function parsePlacement(
  form: Readonly<Record<string, unknown>>,
  candidateIds: readonly string[],
  pairs: readonly { readonly id: string; readonly memberIds: readonly string[] }[],
): Result<Placement> {
  const read = readGroupNumbers(form, candidateIds, pairs.length + candidateIds.length);
  if (!read.ok) return read;
  const chosen = read.value;
  const groups: string[][] = [];
  const additions: { pairId: string; memberIds: string[] }[] = [];
  for (const [number, members] of [...chosen].sort(([a], [b]) => a - b)) {
    const pair = pairs[number - 1];
    if (pair) {
      const size = pair.memberIds.length + members.length;
      if (size > MAX_GROUP_SIZE) return fail('PAIR_FULL', { group: number, size });
      additions.push({ pairId: pair.id, memberIds: members });
    } else if (members.length < 2 || members.length > MAX_GROUP_SIZE) {
      return fail('GROUP_SIZE', { group: number, size: members.length });
    } else groups.push([...members].sort());
  }
  if (groups.length === 0 && additions.length === 0)
    return fail(pairs.length > 0 ? 'NOTHING_TO_PLACE' : 'NOT_ENOUGH_TEACHERS');
  return ok({ groups: groups.sort((a, b) => (a[0]! < b[0]! ? -1 : 1)), additions });
}

export function parseGroups(
  form: Readonly<Record<string, unknown>>,
  candidateIds: readonly string[],
  maxGroup: number,
): Result<string[][]> {
  const read = readGroupNumbers(form, candidateIds, maxGroup);
  if (!read.ok) return read;
  const groups = read.value;
  for (const [number, members] of groups) {
    if (members.length < 2 || members.length > 3)
      return fail('GROUP_SIZE', { group: String(number), size: members.length });
  }
  if (groups.size === 0) return fail('NOT_ENOUGH_TEACHERS');
  return ok([...groups.values()].map((m) => [...m].sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
}

/**
 * The group number the leader gave each candidate (0 or "not taking part": none), grouped by
 * number in the candidates' id order. Refuses fields of people who are not candidates (forged
 * card data) and numbers outside 0..maxGroup.
 */
function readGroupNumbers(
  form: Readonly<Record<string, unknown>>,
  candidateIds: readonly string[],
  maxGroup: number,
): Result<Map<number, string[]>> {
  const known = new Set(candidateIds.map(groupFieldFor));
  for (const key of Object.keys(form)) {
    if (key.startsWith(GROUP_FIELD_PREFIX) && !known.has(key)) return fail('INVALID_INPUT', { field: 'group' });
  }
  const chosen = new Map<number, string[]>();
  for (const userId of [...candidateIds].sort()) {
    const raw = form[groupFieldFor(userId)];
    if (raw === undefined || raw === null || raw === '' || raw === NOT_TAKING_PART) continue;
    const value =
      typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d{1,4}\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < 0 || value > maxGroup)
      return fail('NUMBER_OUT_OF_RANGE', { field: 'group', min: 0, max: maxGroup });
    if (value === 0) continue;
    chosen.set(value, [...(chosen.get(value) ?? []), userId]);
  }
  return ok(chosen);
}
