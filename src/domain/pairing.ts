/**
 * Pair suggestions (flow 3): composed deliberately by explicit criteria, never by lottery.
 *
 * Every possible pair gets a score from four criteria (weights in PAIRING_WEIGHTS):
 *  - cross-subject: the two share no subject (cross-pollination between subjects);
 *  - experience mix: the difference in years of experience (capped);
 *  - stated preference: one would like to learn from the other (each direction counts);
 *  - no repeat: partners of the previous programme get a strong penalty.
 * The pairs are chosen greedily by best score, then improved by swapping partners between two
 * pairs while that raises the total. An odd number gives exactly one trio: the teacher left
 * over joins the pair they fit best. The same teachers always give the same suggestion,
 * whatever the input order (everything is ordered by user id first; no randomness).
 * Each suggestion carries machine-readable reasons; `describeReasons` turns them into the one
 * explaining line per pair shown to the leader.
 */
import type { Locale } from './entities';

export interface PairingTeacher {
  readonly userId: string;
  readonly name: string;
  readonly subjects: readonly string[];
  readonly yearsOfExperience: number;
  /** User ids of colleagues this teacher would like to learn from. */
  readonly wouldLikeToLearnFrom: readonly string[];
}

export interface PairingInput {
  readonly teachers: readonly PairingTeacher[];
  /** Member ids of the pairs (and trio) of the previous programme. */
  readonly previousPairs: readonly (readonly string[])[];
}

export type PairingReason =
  /** No subject shared; `subjects` are all subjects of the group. */
  | { readonly kind: 'crossSubject'; readonly subjects: readonly string[] }
  /** Honest note that the group shares these subjects (nothing better was available). */
  | { readonly kind: 'sharedSubject'; readonly subjects: readonly string[] }
  /** Years of experience, in the order of `memberIds`; given when they differ enough. */
  | { readonly kind: 'experienceMix'; readonly years: readonly number[] }
  /** `from` said they would like to learn from `to`. */
  | { readonly kind: 'preference'; readonly from: string; readonly to: string }
  /** A member's previous partner is in this round, and they were not put together again. */
  | { readonly kind: 'repeatAvoided' }
  /** These two were partners last programme and could not be separated. */
  | { readonly kind: 'repeatUnavoidable'; readonly memberIds: readonly string[] }
  /** Three members because the number of teachers is odd. */
  | { readonly kind: 'trio' }
  /** The only teacher: no partner available. Such an entry is never a pair. */
  | { readonly kind: 'noPartner' }
  /** A late joiner added to a running pair as its third member (the pair keeps its visits). */
  | { readonly kind: 'joinsPair' };

export interface PairSuggestion {
  /** Sorted user ids: two, or three for the one trio; one only with reason `noPartner`. */
  readonly memberIds: readonly string[];
  readonly reasons: readonly PairingReason[];
}

export const PAIRING_WEIGHTS = {
  crossSubject: 20,
  /** Points per year of difference, up to `experienceCapYears`. */
  experiencePerYear: 1,
  experienceCapYears: 15,
  /** Per direction: mutual wishes count twice. */
  preference: 25,
  repeat: -1000,
} as const;

/** From this difference in years on, the experience mix is named as a reason. */
export const EXPERIENCE_MIX_MIN_YEARS = 5;

const norm = (subject: string) => subject.trim().toLocaleLowerCase('nl');

interface Prepared {
  readonly teachers: readonly PairingTeacher[];
  readonly subjects: readonly Set<string>[];
  readonly previous: Set<string>;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function prepare(input: PairingInput): Prepared {
  // One entry per user id; when the same id appears twice, keep a choice that does not depend on order.
  const byId = new Map<string, PairingTeacher>();
  for (const teacher of input.teachers) {
    const existing = byId.get(teacher.userId);
    if (!existing || JSON.stringify(teacher) < JSON.stringify(existing)) byId.set(teacher.userId, teacher);
  }
  const teachers = [...byId.values()].sort((a, b) => byString(a.userId, b.userId));
  const previous = new Set<string>();
  for (const group of input.previousPairs) {
    for (const a of group) for (const b of group) if (a !== b) previous.add(key(a, b));
  }
  return {
    teachers,
    subjects: teachers.map((t) => new Set(t.subjects.map(norm).filter((s) => s.length > 0))),
    previous,
  };
}

function years(t: PairingTeacher): number {
  return Number.isFinite(t.yearsOfExperience) ? Math.max(0, t.yearsOfExperience) : 0;
}

function pairScore(p: Prepared, i: number, j: number): number {
  const a = p.teachers[i]!;
  const b = p.teachers[j]!;
  let score = 0;
  const sa = p.subjects[i]!;
  const sb = p.subjects[j]!;
  if (sa.size > 0 && sb.size > 0 && ![...sa].some((s) => sb.has(s))) score += PAIRING_WEIGHTS.crossSubject;
  score +=
    Math.min(Math.abs(years(a) - years(b)), PAIRING_WEIGHTS.experienceCapYears) * PAIRING_WEIGHTS.experiencePerYear;
  if (a.wouldLikeToLearnFrom.includes(b.userId)) score += PAIRING_WEIGHTS.preference;
  if (b.wouldLikeToLearnFrom.includes(a.userId)) score += PAIRING_WEIGHTS.preference;
  if (p.previous.has(key(a.userId, b.userId))) score += PAIRING_WEIGHTS.repeat;
  return score;
}

/** Index groups: greedy by best score, improved by two-pair swaps, the leftover joining a trio. */
function group(p: Prepared): number[][] {
  const n = p.teachers.length;
  const s: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = pairScore(p, i, j);
      s[i]![j] = v;
      s[j]![i] = v;
      edges.push([v, i, j]);
    }
  }
  edges.sort((x, y) => y[0] - x[0] || x[1] - y[1] || x[2] - y[2]);
  const used = new Array<boolean>(n).fill(false);
  const pairs: [number, number][] = [];
  for (const [, i, j] of edges) {
    if (used[i] || used[j]) continue;
    used[i] = used[j] = true;
    pairs.push([i, j]);
  }
  const score = (a: number, b: number) => s[a]![b]!;
  // Swap partners between two pairs while that raises the total (strictly, so it ends).
  let improved = true;
  for (let round = 0; improved && round < 1000; round++) {
    improved = false;
    for (let x = 0; x < pairs.length; x++) {
      for (let y = x + 1; y < pairs.length; y++) {
        const [a, b] = pairs[x]!;
        const [c, d] = pairs[y]!;
        const now = score(a, b) + score(c, d);
        const alt1 = score(a, c) + score(b, d);
        const alt2 = score(a, d) + score(b, c);
        if (alt1 > now && alt1 >= alt2) {
          pairs[x] = [a, c];
          pairs[y] = [b, d];
          improved = true;
        } else if (alt2 > now) {
          pairs[x] = [a, d];
          pairs[y] = [b, c];
          improved = true;
        }
      }
    }
  }
  const groups: number[][] = pairs.map(([a, b]) => [a, b]);
  const leftover = used.findIndex((u) => !u);
  if (leftover >= 0 && groups.length > 0) {
    let best = 0;
    for (let g = 1; g < groups.length; g++) {
      const fit = (k: number) => groups[k]!.reduce((sum, m) => sum + score(leftover, m), 0);
      if (fit(g) > fit(best)) best = g;
    }
    groups[best]!.push(leftover);
  }
  return groups;
}

function reasonsFor(p: Prepared, members: readonly PairingTeacher[]): PairingReason[] {
  const reasons: PairingReason[] = [];
  if (members.every((m) => m.subjects.some((s) => norm(s).length > 0))) {
    const display = new Map<string, string>();
    const count = new Map<string, number>();
    for (const m of members) {
      for (const subject of new Set(m.subjects.map((s) => s.trim()).filter((s) => s.length > 0))) {
        const k = norm(subject);
        if (!display.has(k) || subject < display.get(k)!) display.set(k, subject);
      }
      for (const k of new Set(m.subjects.map(norm).filter((s) => s.length > 0))) count.set(k, (count.get(k) ?? 0) + 1);
    }
    const shared = [...count]
      .filter(([, c]) => c > 1)
      .map(([k]) => display.get(k)!)
      .sort(byString);
    if (shared.length === 0) reasons.push({ kind: 'crossSubject', subjects: [...display.values()].sort(byString) });
    else reasons.push({ kind: 'sharedSubject', subjects: shared });
  }
  const ys = members.map(years);
  if (Math.max(...ys) - Math.min(...ys) >= EXPERIENCE_MIX_MIN_YEARS) reasons.push({ kind: 'experienceMix', years: ys });
  for (const from of members) {
    for (const to of members) {
      if (from !== to && from.wouldLikeToLearnFrom.includes(to.userId))
        reasons.push({ kind: 'preference', from: from.userId, to: to.userId });
    }
  }
  const repeats: PairingReason[] = [];
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      if (p.previous.has(key(members[i]!.userId, members[j]!.userId)))
        repeats.push({ kind: 'repeatUnavoidable', memberIds: [members[i]!.userId, members[j]!.userId] });
    }
  }
  if (repeats.length > 0) reasons.push(...repeats);
  else {
    const present = p.teachers.map((t) => t.userId);
    const hadPartnerHere = members.some((m) =>
      present.some((other) => other !== m.userId && p.previous.has(key(m.userId, other))),
    );
    if (hadPartnerHere) reasons.push({ kind: 'repeatAvoided' });
  }
  if (members.length === 3) reasons.push({ kind: 'trio' });
  return reasons;
}

/** Suggested pairs for the given teachers: everybody exactly once, at most one trio. */
export function suggestPairs(input: PairingInput): PairSuggestion[] {
  const p = prepare(input);
  if (p.teachers.length === 0) return [];
  if (p.teachers.length === 1) return [{ memberIds: [p.teachers[0]!.userId], reasons: [{ kind: 'noPartner' }] }];
  return group(p)
    .map((indices) => [...indices].sort((a, b) => a - b).map((i) => p.teachers[i]!))
    .map((members) => ({ memberIds: members.map((m) => m.userId), reasons: reasonsFor(p, members) }))
    .sort((a, b) => byString(a.memberIds[0]!, b.memberIds[0]!));
}

/** A running pair of the programme, with its members as pairing teachers. */
export interface RunningPair {
  readonly id: string;
  readonly members: readonly PairingTeacher[];
}

export interface JoinSuggestion {
  readonly pairId: string;
  /** The newcomer first, then the pair's members. */
  readonly memberIds: readonly string[];
  readonly reasons: readonly PairingReason[];
}

/**
 * For the one teacher who has nobody to pair with while pairs run (a late joiner): the running
 * pair of two they fit best by the same criteria (ties by pair id), to make a trio; undefined
 * when no pair has room. Deterministic, like suggestPairs.
 */
export function suggestJoin(input: {
  readonly newcomer: PairingTeacher;
  readonly pairs: readonly RunningPair[];
  readonly previousPairs: readonly (readonly string[])[];
}): JoinSuggestion | undefined {
  const open = input.pairs.filter((pair) => pair.members.length === 2);
  if (open.length === 0) return undefined;
  const p = prepare({
    teachers: [input.newcomer, ...open.flatMap((pair) => pair.members)],
    previousPairs: input.previousPairs,
  });
  const index = new Map(p.teachers.map((t, i) => [t.userId, i]));
  const me = index.get(input.newcomer.userId)!;
  const fit = (pair: RunningPair) => pair.members.reduce((sum, m) => sum + pairScore(p, me, index.get(m.userId)!), 0);
  const best = [...open].sort((a, b) => fit(b) - fit(a) || byString(a.id, b.id))[0]!;
  const members = [input.newcomer, ...best.members].map((m) => p.teachers[index.get(m.userId)!]!);
  const reasons = reasonsFor(p, members).filter((r) => r.kind !== 'trio' && r.kind !== 'repeatAvoided');
  return { pairId: best.id, memberIds: members.map((m) => m.userId), reasons: [{ kind: 'joinsPair' }, ...reasons] };
}

function list(items: readonly string[], locale: Locale): string {
  const and = locale === 'nl' ? ' en ' : ' and ';
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

/** One explaining line for a suggestion, in Dutch or English: "Verschillende vakken (…); …". */
export function describeReasons(
  reasons: readonly PairingReason[],
  locale: Locale,
  names: Readonly<Record<string, string>>,
): string {
  const name = (id: string) => names[id] ?? id;
  const nl = locale === 'nl';
  const parts = reasons.map((r): string => {
    switch (r.kind) {
      case 'crossSubject':
        return nl
          ? `verschillende vakken (${list(r.subjects, locale)})`
          : `different subjects (${list(r.subjects, locale)})`;
      case 'sharedSubject':
        return nl ? `zelfde vak (${list(r.subjects, locale)})` : `same subject (${list(r.subjects, locale)})`;
      case 'experienceMix': {
        const ys = r.years.map(String);
        return nl ? `mix van ervaring (${list(ys, locale)} jaar)` : `a mix of experience (${list(ys, locale)} years)`;
      }
      case 'preference':
        return nl
          ? `${name(r.from)} wil graag leren van ${name(r.to)}`
          : `${name(r.from)} would like to learn from ${name(r.to)}`;
      case 'repeatAvoided':
        return nl
          ? 'niet dezelfde partner als in het vorige traject'
          : 'not the same partner as in the previous programme';
      case 'repeatUnavoidable': {
        const who = list(r.memberIds.map(name), locale);
        return nl
          ? `${who} waren al partners in het vorige traject; het kon niet anders`
          : `${who} were already partners in the previous programme; it could not be avoided`;
      }
      case 'trio':
        return nl ? 'een drietal omdat het aantal leraren oneven is' : 'a trio because the number of teachers is odd';
      case 'noPartner':
        return nl ? 'nog geen partner: er is maar één leraar' : 'no partner yet: there is only one teacher';
      case 'joinsPair':
        return nl
          ? 'komt erbij als derde; de bezoeken van het tweetal blijven staan'
          : 'joins as the third member; the visits the pair made stay';
    }
  });
  const line =
    parts.length > 0
      ? parts.join('; ')
      : nl
        ? 'de best passende combinatie van wie er over was'
        : 'the best match among those left';
  // A line that opens with a person's name keeps it as written.
  const opensWithName = reasons[0]?.kind === 'preference' || reasons[0]?.kind === 'repeatUnavoidable';
  return opensWithName ? `${line}.` : `${line.charAt(0).toLocaleUpperCase(locale)}${line.slice(1)}.`;
}
