/**
 * The observation coach (section 7 of the design): an observation should give back what was seen
 * and heard ("I saw several disruptions. You did not respond to them. Can you say something about
 * that?"), not a judgement, a guess at what went on inside someone, advice, or a sweeping
 * generalisation. `reviewObservation` points these out so the form can invite a rewrite; the
 * observer may always keep their text. This is the ONE place that checks observation text: the
 * word lists are judging-words.ts (judgement) and coach-phrases.ts (the other kinds).
 *
 * Dutch and English are always both checked, because teachers mix languages. Never flagged:
 *   - what was said: text inside quotes ("…", “…”, „…”, ‘…’, '…', «…»); an unclosed quote runs
 *     to the end of its line;
 *   - questions to the colleague: a sentence that ends with a question mark (outside quotes);
 *   - greetings and courtesies (NOT_JUDGING_PHRASES: "goedemorgen", "hallo allemaal");
 *   - numbers, times and what pupils and the teacher did, which no list contains.
 * Matching is on whole words, case-insensitive and Unicode-aware (a letter with a diacritic, also
 * as a base letter plus a combining mark, is part of the word). Where findings overlap the
 * longer phrase wins ("je kunt beter" is advice, not the judgement "beter").
 * Known limits: it is a word-and-phrase hint, not a parser; a judgement phrased as a question
 * ("was het niet saai?") passes, and an unlisted paraphrase is not seen.
 */
import { ADVICE_PATTERNS, ADVICE_PHRASES, GENERALISATION_PHRASES, INTERPRETATION_PHRASES } from './coach-phrases';
import { EN_JUDGING_WORDS, NL_JUDGING_WORDS, NOT_JUDGING_PHRASES } from './judging-words';

/** oordeel, interpretatie, advies, generalisatie. */
export type FindingKind = 'judgement' | 'interpretation' | 'advice' | 'generalisation';

export const FINDING_KINDS: readonly FindingKind[] = ['judgement', 'interpretation', 'advice', 'generalisation'];

export interface Finding {
  readonly kind: FindingKind;
  /** UTF-16 index into the original text, as `String.prototype.slice` uses. */
  readonly index: number;
  readonly length: number;
}

export interface ObservationReview {
  readonly findings: Finding[];
}

const LETTER = '[\\p{L}\\p{M}\\p{N}]';

/** A phrase as a pattern: spaces match any whitespace, apostrophes ' and ’, accents NFC or NFD. */
function phrasePattern(phrase: string): string {
  return [...phrase.normalize('NFC').toLocaleLowerCase('nl')]
    .map((ch) => {
      if (/\s/u.test(ch)) return '\\s+';
      if (ch === "'" || ch === '’') return "['’]";
      const escaped = ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      const decomposed = ch.normalize('NFD');
      return decomposed === ch ? escaped : `(?:${escaped}|${decomposed})`;
    })
    .join('');
}

function wholePhrases(phrases: readonly string[]): RegExp {
  const alternatives = [...new Set(phrases.map((p) => p.normalize('NFC').toLocaleLowerCase('nl')))]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(phrasePattern);
  // A phrase ending in punctuation ("tip:") needs no word boundary after it.
  return new RegExp(`(?<!${LETTER})(?:${alternatives.join('|')})(?!(?<=${LETTER})${LETTER})`, 'giu');
}

interface Matcher {
  readonly kind: FindingKind;
  readonly pattern: RegExp;
}

const MATCHERS: readonly Matcher[] = [
  { kind: 'judgement', pattern: wholePhrases([...NL_JUDGING_WORDS, ...EN_JUDGING_WORDS]) },
  { kind: 'interpretation', pattern: wholePhrases(INTERPRETATION_PHRASES) },
  { kind: 'advice', pattern: wholePhrases(ADVICE_PHRASES) },
  ...ADVICE_PATTERNS.map((source) => ({ kind: 'advice' as const, pattern: new RegExp(source, 'giud') })),
  { kind: 'generalisation', pattern: wholePhrases(GENERALISATION_PHRASES) },
];

const GREETINGS = wholePhrases(NOT_JUDGING_PHRASES);

type Span = readonly [start: number, end: number];

const OPENERS: Readonly<Record<string, readonly string[]>> = {
  '"': ['"'],
  '“': ['”', '"'],
  '„': ['”', '“', '"'],
  '«': ['»'],
  '‘': ['’'],
  "'": ["'", '’'],
};

const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{M}\p{N}]/u.test(ch);

/** Does a single quote at `i` open a quotation (not an apostrophe as in "zo'n", "'s ochtends")? */
function opensSingleQuote(text: string, i: number): boolean {
  if (isLetter(text[i - 1])) return false;
  if (!isLetter(text[i + 1])) return false;
  return !/^['‘][stn](?![\p{L}\p{M}\p{N}])/iu.test(text.slice(i, i + 3));
}

/** Quoted speech, quote marks included: what was said is a fact. */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const closers = OPENERS[ch];
    const single = ch === "'" || ch === '‘';
    if (!closers || (single && !opensSingleQuote(text, i))) {
      i += 1;
      continue;
    }
    let end = -1;
    for (let j = i + 1; j < text.length; j += 1) {
      if (text[j] === '\n') break;
      if (!closers.includes(text[j])) continue;
      // A closing single quote is followed by a non-letter ("didn't" inside is an apostrophe).
      if (single && isLetter(text[j + 1])) continue;
      end = j + 1;
      break;
    }
    if (end < 0) {
      const lineEnd = text.indexOf('\n', i);
      end = lineEnd < 0 ? text.length : lineEnd;
    }
    spans.push([i, end]);
    i = end;
  }
  return spans;
}

/** The text with quoted speech blanked out (same length, so indexes stay valid). */
function withoutQuotes(text: string, quotes: readonly Span[]): string {
  let masked = text;
  for (const [start, end] of quotes) masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end);
  return masked;
}

/** Sentences that end with a question mark outside quotes: questions to the colleague. */
function questionSpans(masked: string): Span[] {
  const spans: Span[] = [];
  for (const match of masked.matchAll(/[^.!?\n]*(?:[.!?]+|\n|$)/g)) {
    if (match[0].includes('?')) spans.push([match.index, match.index + match[0].length]);
  }
  return spans;
}

const inside = (start: number, end: number, spans: readonly Span[]): boolean =>
  spans.some(([s, e]) => start >= s && end <= e);

const overlaps = (a: Finding, b: Finding): boolean => a.index < b.index + b.length && b.index < a.index + a.length;

/** Every judgement, interpretation, advice and generalisation in `text`, in order of appearance. */
export function reviewObservation(text: string): ObservationReview {
  const quotes = quotedSpans(text);
  const masked = withoutQuotes(text, quotes);
  const exempt = [
    ...quotes,
    ...questionSpans(masked),
    ...[...text.matchAll(GREETINGS)].map((m): Span => [m.index, m.index + m[0].length]),
  ];
  const candidates: Finding[] = [];
  for (const { kind, pattern } of MATCHERS) {
    for (const match of text.matchAll(pattern)) {
      const [start, end] = match.indices?.groups?.hit ?? [match.index, match.index + match[0].length];
      if (end > start && !inside(start, end, exempt)) candidates.push({ kind, index: start, length: end - start });
    }
  }
  const findings: Finding[] = [];
  for (const candidate of candidates.sort((a, b) => b.length - a.length || a.index - b.index)) {
    if (!findings.some((kept) => overlaps(kept, candidate))) findings.push(candidate);
  }
  return { findings: findings.sort((a, b) => a.index - b.index) };
}

/** Does the text ask the colleague something (a question mark outside quoted speech)? */
export function asksQuestion(text: string): boolean {
  return questionSpans(withoutQuotes(text, quotedSpans(text))).length > 0;
}

/** How many findings of each kind: what the team's aggregates keep of a review (never the text). */
export function countByKind(findings: readonly Finding[]): Record<FindingKind, number> {
  const counts: Record<FindingKind, number> = { judgement: 0, interpretation: 0, advice: 0, generalisation: 0 };
  for (const finding of findings) counts[finding.kind] += 1;
  return counts;
}
