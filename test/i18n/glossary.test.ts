/**
 * One wording for one thing (issue 11 item 6): every text of Tweetal uses the glossary's term for
 * a concept of the method (glossary.ts), never a synonym — "nagesprek gevoerd" in the digest and
 * in the tab alike, "programme" and not "program", "debrief" and not "meeting".
 */
import { strict as assert } from 'node:assert';
import type { Locale } from '../../src/domain/entities';
import { GLOSSARY } from './glossary';
import { userTexts, type UserText } from './user-texts';

const LETTER = '[\\p{L}\\p{M}\\p{N}]';

function wholeWords(phrase: string): RegExp {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<!${LETTER})${escaped}(?!${LETTER})`, 'iu');
}

const patterns = (avoid: readonly (string | RegExp)[]): RegExp[] =>
  avoid.map((word) => (typeof word === 'string' ? wholeWords(word) : word));

/** Quoted words are commands ("traject") or examples (“I saw …”), not Tweetal's own wording. */
const withoutQuotes = (words: string): string => words.replace(/"[^"]*"|“[^”]*”|„[^”]*”/g, ' ');

interface Synonym {
  readonly where: string;
  readonly concept: string;
  readonly found: string;
  readonly use: string;
}

function synonyms(texts: readonly UserText[]): Synonym[] {
  const found: Synonym[] = [];
  for (const text of texts) {
    const words = withoutQuotes(text.words);
    for (const entry of GLOSSARY)
      for (const pattern of patterns(entry.avoid[text.locale])) {
        const match = pattern.exec(words);
        if (match)
          found.push({ where: text.where, concept: entry.concept, found: match[0], use: entry.term[text.locale] });
      }
  }
  return found;
}

describe('i18n: one wording for one thing (the glossary)', () => {
  const texts = userTexts();

  it('should use the glossary term, never a synonym, for a concept of the method in every text in nl and en', () => {
    assert.deepEqual(
      [...new Set(synonyms(texts).map((s) => `${s.where}: "${s.found}" for ${s.concept}; write "${s.use}"`))],
      [],
    );
  });

  it('should find every glossary term in the texts of its language (the table describes the texts)', () => {
    const missing: string[] = [];
    for (const locale of ['nl', 'en'] as const satisfies readonly Locale[]) {
      const all = texts
        .filter((text) => text.locale === locale)
        .map((text) => text.words)
        .join('\n');
      for (const entry of GLOSSARY)
        // The term as a word's start: "leerling" also counts in "leerlingen".
        if (!new RegExp(`(?<!${LETTER})${entry.term[locale]}`, 'iu').test(all))
          missing.push(`${locale}: ${entry.term[locale]}`);
    }
    assert.deepEqual(missing, []);
  });

  it('should address the teacher as je/jij in Dutch, never as u', () => {
    const formal = /(?<![\p{L}'’])(?:u|uw|uzelf)(?![\p{L}'’])/iu;
    assert.deepEqual(
      texts.filter((text) => text.locale === 'nl' && formal.test(withoutQuotes(text.words))).map((text) => text.where),
      [],
    );
    assert.ok(formal.test('Kunt u dit invullen?') && !formal.test(withoutQuotes('Kun je dit invullen? Typ "u".')));
  });

  it('should write British English (programme, organisation, recognise), as DESIGN.md says', () => {
    const american =
      /(?<!\p{L})(?:program|programs|color|colors|behavior|center|favorite|organiz\w*|recogniz\w*|analyz\w*|prioritiz\w*|judgment|catalog|enroll\w*)(?!\p{L})/iu;
    assert.deepEqual(
      texts
        .filter((text) => text.locale === 'en' && american.test(withoutQuotes(text.words)))
        .map((text) => text.where),
      [],
    );
    assert.ok(american.test('Your organization') && !american.test('Your organisation'));
  });

  it('should catch the synonyms writers reach for and leave the terms and quoted commands alone (self-check)', () => {
    const sample = (locale: Locale, words: string): UserText => ({
      where: `${locale} sample`,
      locale,
      text: words,
      words,
    });
    const caught = (locale: Locale, words: string) => synonyms([sample(locale, words)]).map((s) => s.found);
    assert.deepEqual(caught('nl', 'Plan het gesprek achteraf.'), ['gesprek achteraf']);
    assert.deepEqual(caught('nl', 'Na de evaluatie'), ['evaluatie']);
    assert.deepEqual(caught('nl', 'Nagesprekken gehouden'), ['Nagesprekken gehouden']);
    assert.deepEqual(caught('en', 'Start a coaching program'), ['program']);
    assert.deepEqual(caught('en', 'Schedule the meeting in Teams'), ['meeting']);
    assert.deepEqual(caught('en', 'Your coach session is planned'), ['coach session']);
    assert.deepEqual(caught('en', 'you then become a leader'), ['leader']);
    assert.deepEqual(caught('en', 'Reminders signed by'), ['Reminders']);
    assert.deepEqual(caught('en', '3 of 3 visits completed'), ['visits completed']);
    for (const [locale, words] of [
      ['nl', 'Nagesprekken gevoerd. Typ "koppels" of "programma".'],
      ['nl', 'Jullie cyclus is rond. Je schoolleider ziet het weekoverzicht.'],
      ['en', 'Start a programme. School leaders get the weekly digest. Debriefs held.'],
      ['en', 'Efficient classroom management; type "program".'],
    ] as const)
      assert.deepEqual(caught(locale, words), [], words);
  });
});
