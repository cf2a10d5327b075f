import { strict as assert } from 'node:assert';
import {
  EN_JUDGING_WORDS,
  NL_JUDGING_WORDS,
  NOT_JUDGING_PHRASES,
  findJudgingWords,
} from '../../src/domain/judging-words';

const words = (text: string, locale: 'nl' | 'en' = 'nl') => findJudgingWords(text, locale).map((h) => h.word);

describe('domain/judging-words: findJudgingWords', () => {
  it('should find nothing when the text only describes what was seen', () => {
    assert.deepEqual(
      findJudgingWords('Ik zag drie leerlingen opstaan. Je reageerde niet. Kun je daar iets over zeggen?', 'nl'),
      [],
    );
    assert.deepEqual(
      findJudgingWords('Four pupils asked a question in the first ten minutes. What did you notice?', 'en'),
      [],
    );
  });

  it('should report the word as written and its index when a Dutch judging word appears', () => {
    const text = 'Het was een Mooie les.';
    assert.deepEqual(findJudgingWords(text, 'nl'), [{ word: 'Mooie', index: 12 }]);
    assert.equal(text.slice(12, 12 + 'Mooie'.length), 'Mooie');
  });

  it('should find inflected forms when the adjective is declined', () => {
    assert.deepEqual(
      words('goed, goede, mooi, mooie, slecht, slechte, saaie, knappe, fijne, zwakke, sterke, foute, leuke'),
      [
        'goed',
        'goede',
        'mooi',
        'mooie',
        'slecht',
        'slechte',
        'saaie',
        'knappe',
        'fijne',
        'zwakke',
        'sterke',
        'foute',
        'leuke',
      ],
    );
  });

  it('should find every listed Dutch word when each is written alone', () => {
    for (const word of NL_JUDGING_WORDS) {
      assert.deepEqual(words(`Dat was ${word}.`), [word], word);
    }
  });

  it('should find every listed English word when each is written alone', () => {
    for (const word of EN_JUDGING_WORDS) {
      assert.deepEqual(words(`That was ${word}.`, 'en'), [word], word);
    }
  });

  it('should check both languages when the locale is Dutch and the text is English, and the other way round', () => {
    assert.deepEqual(words('Great dat je niet van slag raakte!', 'nl'), ['Great']);
    assert.deepEqual(words('The start was prima, but saai after that', 'en'), ['prima', 'saai']);
  });

  it('should match case-insensitively when words are in capitals', () => {
    assert.deepEqual(words('GEWELDIG! Super. BORING'), ['GEWELDIG', 'Super', 'BORING']);
  });

  it('should report a phrase once when "goed zo" or "well done" is written, also across a line break', () => {
    assert.deepEqual(findJudgingWords('Goed zo, Bram!', 'nl'), [{ word: 'Goed zo', index: 0 }]);
    assert.deepEqual(words('Well\ndone with the timer', 'en'), ['Well\ndone']);
  });

  it('should report every occurrence in order when a word is used more than once', () => {
    assert.deepEqual(findJudgingWords('top, echt top', 'nl'), [
      { word: 'top', index: 0 },
      { word: 'top', index: 10 },
    ]);
  });

  it('should not match inside other words when a judging word is part of a longer word', () => {
    for (const text of [
      'topografie',
      'stopwatch',
      'goedkeuring',
      'verslechtering',
      'supermarkt',
      'goods',
      'badge',
      'nicety',
      'Egoedje',
      'sterkte-zwakteanalyse',
      'voetbalfout2',
    ]) {
      assert.deepEqual(words(text), [], text);
    }
  });

  it('should treat letters with diacritics as part of the word when they follow or precede a judging word', () => {
    assert.deepEqual(words('topé goedë ëgoed'), []);
    assert.deepEqual(words('De uitleg was inefficiënte'), ['inefficiënte']);
  });

  it('should find a word with a diacritic when it is written with a combining mark (NFD)', () => {
    const nfd = 'Zeer efficie\u0308nt gedaan';
    assert.deepEqual(findJudgingWords(nfd, 'nl'), [{ word: 'efficie\u0308nt', index: 5 }]);
  });

  it('should not count greetings as judgements when someone writes goedemorgen or good morning', () => {
    assert.deepEqual(words('Goedemorgen! Goede middag, good morning en goedenavond.'), []);
    assert.deepEqual(words('Goede  morgen allemaal'), []);
  });

  it('should still find a judging word next to a greeting when both are in the text', () => {
    assert.deepEqual(words('Goedemorgen, wat een goede start.'), ['goede']);
  });

  it('should find words around punctuation, hyphens and quotes when they are separated by them', () => {
    assert.deepEqual(words('"mooi"-les (top!) –saai–'), ['mooi', 'top', 'saai']);
  });

  it('should keep the greeting list separate from the judging lists when both are exported', () => {
    for (const phrase of NOT_JUDGING_PHRASES)
      assert.equal(NL_JUDGING_WORDS.includes(phrase) || EN_JUDGING_WORDS.includes(phrase), false, phrase);
  });

  it('should return an empty list when the text is empty', () => {
    assert.deepEqual(findJudgingWords('', 'en'), []);
  });
});
