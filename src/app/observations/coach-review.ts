/**
 * The observation coach applied to an observation's two texts (facts, questions), and the
 * passages the form shows with the phrase highlighted. Pure: the card and the tab format it.
 */
import {
  asksQuestion,
  countByKind,
  reviewObservation,
  type Finding,
  type FindingKind,
} from '../../domain/observation-coach';
import type { ObservationText } from './post-observation';

export interface TextReview {
  readonly facts: readonly Finding[];
  readonly questions: readonly Finding[];
}

export const NO_FINDINGS: TextReview = { facts: [], questions: [] };

export function reviewObservationText(text: ObservationText): TextReview {
  return { facts: reviewObservation(text.facts).findings, questions: reviewObservation(text.questions).findings };
}

export const hasFindings = (review: TextReview): boolean => review.facts.length + review.questions.length > 0;

/** What the team's aggregates keep of one observation: counts only, never text. */
export interface CoachCounts {
  readonly findings: Record<FindingKind, number>;
  /** A question to the colleague: the questions field is filled in, or the facts ask one. */
  readonly hasQuestion: boolean;
}

export function coachCounts(text: ObservationText, review: TextReview = reviewObservationText(text)): CoachCounts {
  return {
    findings: countByKind([...review.facts, ...review.questions]),
    hasQuestion: text.questions.trim() !== '' || asksQuestion(text.facts),
  };
}

export interface PassageRun {
  readonly text: string;
  readonly highlight: boolean;
}

/** A stretch of the observer's text around findings: runs of plain and highlighted text. */
export interface Passage {
  readonly runs: readonly PassageRun[];
}

const CONTEXT = 60;
const BOUNDARY = /[.!?\n]/;

/** The sentence around `[start, end)`, at most CONTEXT characters either side. */
function sentenceAround(text: string, start: number, end: number): [number, number] {
  let from = start;
  while (from > 0 && start - from < CONTEXT && !BOUNDARY.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && to - end < CONTEXT && !BOUNDARY.test(text[to])) to += 1;
  if (to < text.length && BOUNDARY.test(text[to]) && text[to] !== '\n') to += 1;
  return [from, to];
}

function passagesIn(text: string, findings: readonly Finding[]): Passage[] {
  const spans: { from: number; to: number; findings: Finding[] }[] = [];
  for (const finding of findings) {
    const [from, to] = sentenceAround(text, finding.index, finding.index + finding.length);
    const last = spans.at(-1);
    if (last && from < last.to) {
      last.to = Math.max(last.to, to);
      last.findings.push(finding);
    } else spans.push({ from, to, findings: [finding] });
  }
  return spans.map(({ from, to, findings: inSpan }) => {
    const runs: PassageRun[] = [];
    let at = from;
    if (from > 0 && !BOUNDARY.test(text[from - 1])) runs.push({ text: '…', highlight: false });
    for (const f of inSpan) {
      if (f.index > at) runs.push({ text: text.slice(at, f.index), highlight: false });
      runs.push({ text: text.slice(f.index, f.index + f.length), highlight: true });
      at = f.index + f.length;
    }
    const tail = text.slice(at, to) + (to < text.length && !BOUNDARY.test(text[to - 1]) ? '…' : '');
    if (tail) runs.push({ text: tail, highlight: false });
    return { runs: trimRuns(runs) };
  });
}

function trimRuns(runs: PassageRun[]): PassageRun[] {
  const trimmed = runs.map((run, i) => ({
    ...run,
    text: i === 0 ? run.text.trimStart() : i === runs.length - 1 ? run.text.trimEnd() : run.text,
  }));
  return trimmed.filter((run) => run.text !== '');
}

/** The passages of both texts that hold findings of `kind`, at most `max`. */
export function passagesOf(text: ObservationText, review: TextReview, kind: FindingKind, max = 3): Passage[] {
  const ofKind = (findings: readonly Finding[]) => findings.filter((f) => f.kind === kind);
  return [
    ...passagesIn(text.facts, ofKind(review.facts)),
    ...passagesIn(text.questions, ofKind(review.questions)),
  ].slice(0, max);
}

/** The phrases of `kind` as written, each once, in order of appearance. */
export function phrasesOf(text: ObservationText, review: TextReview, kind: FindingKind): string[] {
  const phrases = [
    ...review.facts.filter((f) => f.kind === kind).map((f) => text.facts.slice(f.index, f.index + f.length)),
    ...review.questions.filter((f) => f.kind === kind).map((f) => text.questions.slice(f.index, f.index + f.length)),
  ];
  return [...new Set(phrases)];
}
