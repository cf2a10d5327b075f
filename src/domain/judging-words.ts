/**
 * The judging-words check of flow 5: observations should give back facts ("ik zag drie
 * leerlingen opstaan"), not judgements ("goede les!"). This finds words and phrases that read
 * as a judgement so the card can invite a factual description; the observer may keep the text.
 *
 * Both the Dutch and the English lists are always checked, because teachers mix languages.
 * Matching is on whole words only, case-insensitive and Unicode-aware: a letter with a
 * diacritic (also written as a base letter plus a combining mark) is part of the word, so
 * "topografie" never matches "top" and "inefficiënte" is one word. Greetings that contain a
 * judging word ("goedemorgen", "goede middag", "good morning") are not judgements.
 * Known limit: "bad" is also Dutch for bath; the check is a hint, never a block.
 */
import type { Locale } from './entities';

/** Dutch words and phrases that read as a judgement, with their common inflections. */
export const NL_JUDGING_WORDS: readonly string[] = [
  'goed',
  'goede',
  'goed zo',
  'goed gedaan',
  'heel goed',
  'knap gedaan',
  'mooi',
  'mooie',
  'slecht',
  'slechte',
  'saai',
  'saaie',
  'knap',
  'knappe',
  'fijn',
  'fijne',
  'prima',
  'geweldig',
  'geweldige',
  'super',
  'top',
  'fantastisch',
  'fantastische',
  'prachtig',
  'prachtige',
  'heerlijk',
  'heerlijke',
  'jammer',
  'zwak',
  'zwakke',
  'sterk',
  'sterke',
  'fout',
  'foute',
  'leuk',
  'leuke',
  'perfect',
  'perfecte',
  'briljant',
  'briljante',
  'uitstekend',
  'uitstekende',
  'waardeloos',
  'waardeloze',
  'vreselijk',
  'vreselijke',
  'verschrikkelijk',
  'verschrikkelijke',
  'stom',
  'stomme',
  'indrukwekkend',
  'indrukwekkende',
  'chaotisch',
  'chaotische',
  'rommelig',
  'rommelige',
  'efficiënt',
  'efficiënte',
  'inefficiënt',
  'inefficiënte',
  'geniaal',
  'geniale',
  'fantastisch gedaan',
  'bravo',
];

/** English words and phrases that read as a judgement, with their common inflections. */
export const EN_JUDGING_WORDS: readonly string[] = [
  'great',
  'good',
  'bad',
  'boring',
  'nice',
  'excellent',
  'amazing',
  'wonderful',
  'poor',
  'weak',
  'awful',
  'terrible',
  'brilliant',
  'perfect',
  'perfectly',
  'lovely',
  'wrong',
  'fantastic',
  'awesome',
  'super',
  'top',
  'beautiful',
  'beautifully',
  'horrible',
  'chaotic',
  'messy',
  'well done',
  'good job',
  'great job',
  'nicely',
  'impressive',
  'useless',
  'strong',
  'bored',
  'efficient',
  'inefficient',
];

/** Phrases containing a listed word that are not a judgement (greetings). Never reported. */
export const NOT_JUDGING_PHRASES: readonly string[] = [
  'goede morgen',
  'goede middag',
  'goede avond',
  'goeden dag',
  'goedendag',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'good morning',
  'good afternoon',
  'good evening',
  'good night',
  'goodbye',
  'goed weekend',
  'fijn weekend',
  'fijne vakantie',
  'fijne dag',
];

export interface JudgingWordHit {
  /** The text as written (original case), for highlighting. */
  readonly word: string;
  /** UTF-16 index into the original text, as `String.prototype.slice` uses. */
  readonly index: number;
}

const LETTER = '[\\p{L}\\p{M}\\p{N}]';

/** A word as a pattern: spaces match any run of whitespace, accented letters match NFC or NFD. */
function wordPattern(word: string): string {
  return [...word.normalize('NFC')]
    .map((ch) => {
      if (/\s/u.test(ch)) return '\\s+';
      const escaped = ch.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
      const decomposed = ch.normalize('NFD');
      return decomposed === ch ? escaped : `(?:${escaped}|${decomposed})`;
    })
    .join('');
}

function wholeWords(words: readonly string[]): RegExp {
  const alternatives = [...new Set(words.map((w) => w.toLocaleLowerCase('nl')))]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(wordPattern);
  return new RegExp(`(?<!${LETTER})(?:${alternatives.join('|')})(?!${LETTER})`, 'giu');
}

const JUDGING = wholeWords([...NL_JUDGING_WORDS, ...EN_JUDGING_WORDS]);
const EXEMPT = wholeWords(NOT_JUDGING_PHRASES);

/**
 * Every occurrence of a judging word or phrase in `text`, in order of appearance. Longer
 * phrases win ("goed zo" is one hit, not "goed"). `locale` is the writer's language; both
 * lists are checked regardless, so it does not change the result.
 */
export function findJudgingWords(text: string, locale: Locale): JudgingWordHit[] {
  void locale;
  const exempt: [number, number][] = [...text.matchAll(EXEMPT)].map((m) => [m.index, m.index + m[0].length]);
  const hits: JudgingWordHit[] = [];
  for (const match of text.matchAll(JUDGING)) {
    const start = match.index;
    const end = start + match[0].length;
    if (exempt.some(([s, e]) => start >= s && end <= e)) continue;
    hits.push({ word: match[0], index: start });
  }
  return hits;
}
