import { strict as assert } from 'node:assert';
import {
  asksQuestion,
  countByKind,
  FINDING_KINDS,
  reviewObservation,
  type FindingKind,
} from '../../src/domain/observation-coach';
import { EN_JUDGING_WORDS, NL_JUDGING_WORDS, NOT_JUDGING_PHRASES } from '../../src/domain/judging-words';
import { PLAIN_FACTS, SLIPS, TABLE, UNSEEN, type LabelledSentence } from './observation-coach-table';

/** The phrases found, as written, with their kind. */
const found = (text: string): [FindingKind, string][] =>
  reviewObservation(text).findings.map((f) => [f.kind, text.slice(f.index, f.index + f.length)]);
const kindsOf = (text: string): Set<FindingKind> => new Set(reviewObservation(text).findings.map((f) => f.kind));

interface Score {
  readonly precision: number;
  readonly recall: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
}

/** Per kind, per sentence: is the kind labelled, and is it found? */
function score(kind: FindingKind, table: readonly LabelledSentence[] = TABLE): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { text, kinds } of table) {
    const labelled = kinds.includes(kind);
    const predicted = kindsOf(text).has(kind);
    if (labelled && predicted) tp += 1;
    else if (predicted) fp += 1;
    else if (labelled) fn += 1;
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
  };
}

describe('domain/observation-coach: reviewObservation', () => {
  describe('the labelled table', () => {
    it('should hold at least 80 sentences, half of them plain facts, every kind at least ten times', () => {
      assert.ok(TABLE.length >= 80, `${TABLE.length} sentences`);
      assert.ok(PLAIN_FACTS.length * 2 >= TABLE.length, `${PLAIN_FACTS.length} plain facts`);
      for (const kind of FINDING_KINDS)
        assert.ok(SLIPS.filter((s) => s.kinds.includes(kind)).length >= 10, `${kind} labelled in fewer than 10`);
    });

    it('should flag no plain fact when a sentence only gives back what was seen, heard or asked', () => {
      const flagged = PLAIN_FACTS.filter((s) => reviewObservation(s.text).findings.length > 0).map((s) => [
        s.text,
        found(s.text),
      ]);
      assert.deepEqual(flagged, []);
    });

    it('should reach precision ≥ 0.9 and recall ≥ 0.8 for every kind when run on the table (printed)', () => {
      const rows = FINDING_KINDS.map((kind) => ({ kind, ...score(kind) }));
      console.log(
        `\n      observation coach on ${TABLE.length} labelled sentences (${PLAIN_FACTS.length} plain facts):\n` +
          rows
            .map(
              (r) =>
                `        ${r.kind.padEnd(15)} precision ${r.precision.toFixed(2)}  recall ${r.recall.toFixed(2)}` +
                `  (tp ${r.truePositives}, fp ${r.falsePositives}, fn ${r.falseNegatives})`,
            )
            .join('\n'),
      );
      const misses = TABLE.filter(({ text, kinds }) => {
        const predicted = kindsOf(text);
        return predicted.size !== kinds.length || kinds.some((k) => !predicted.has(k));
      });
      for (const { text, kinds } of misses)
        console.log(`        labelled [${kinds.join(', ')}], found ${JSON.stringify(found(text))}: ${text}`);
      for (const r of rows) {
        assert.ok(r.precision >= 0.9, `${r.kind} precision ${r.precision.toFixed(2)}`);
        assert.ok(r.recall >= 0.8, `${r.kind} recall ${r.recall.toFixed(2)}`);
      }
    });
  });

  it('should flag no plain fact of the unseen sentences, and print their precision and recall per kind', () => {
    const rows = FINDING_KINDS.map((kind) => ({ kind, ...score(kind, UNSEEN) }));
    console.log(
      `\n      observation coach on ${UNSEEN.length} unseen sentences (never tuned on):\n` +
        rows
          .map(
            (r) =>
              `        ${r.kind.padEnd(15)} precision ${r.precision.toFixed(2)}  recall ${r.recall.toFixed(2)}` +
              `  (tp ${r.truePositives}, fp ${r.falsePositives}, fn ${r.falseNegatives})`,
          )
          .join('\n'),
    );
    const flagged = UNSEEN.filter((s) => s.kinds.length === 0 && reviewObservation(s.text).findings.length > 0);
    assert.deepEqual(
      flagged.map((s) => [s.text, found(s.text)]),
      [],
    );
  });

  it('should give the index and length of the phrase as written when it is found', () => {
    const text = 'Om 9:10 was het een Mooie start.';
    assert.deepEqual(reviewObservation(text).findings, [{ kind: 'judgement', index: 20, length: 5 }]);
    assert.equal(text.slice(20, 25), 'Mooie');
  });

  it('should find the issue’s examples of each kind when they are written', () => {
    assert.deepEqual(found('Hij heeft er blijkbaar geen last van.'), [
      ['interpretation', 'blijkbaar'],
      ['interpretation', 'last van'],
    ]);
    assert.deepEqual(found('Je zou beter eerst vragen.'), [['advice', 'Je zou beter']]);
    assert.deepEqual(found('Je kunt beter eerst vragen.'), [['advice', 'Je kunt beter']]);
    assert.deepEqual(found('Next time try a quiz.'), [
      ['advice', 'Next time'],
      ['advice', 'try'],
    ]);
    assert.deepEqual(found('Try a quiz. They try hard.'), [['advice', 'Try']]);
    assert.deepEqual(found('De hele klas keek. Everybody laughed.'), [
      ['generalisation', 'De hele klas'],
      ['generalisation', 'Everybody'],
    ]);
  });

  it('should check both languages when a text mixes Dutch and English', () => {
    assert.deepEqual(found('Great dat je niet van slag raakte, maar ze leken bored.'), [
      ['judgement', 'Great'],
      ['interpretation', 'leken'],
      ['interpretation', 'bored'],
    ]);
  });

  it('should find inflected judging words when an adjective is declined or compared', () => {
    for (const word of ['goede', 'mooier', 'mooiste', 'slechtste', 'saaier', 'knapper', 'leukste', 'zwakke', 'nicest'])
      assert.deepEqual(found(`Dat was ${word}.`), [['judgement', word]], word);
  });

  it('should find every listed judging word when each is written alone', () => {
    for (const word of [...NL_JUDGING_WORDS, ...EN_JUDGING_WORDS])
      assert.deepEqual(found(`Dat was ${word}.`), [['judgement', word]], word);
  });

  it('should not flag what was said when it is quoted, in any kind of quote marks', () => {
    for (const text of [
      'Je zei "goed zo, iedereen" tegen de klas.',
      'Je zei “je moet stil zijn” en wachtte.',
      'Je zei „altijd eerst nadenken” tegen Tim.',
      "You said 'you should always check' twice.",
      'Je zei ‘mooi’ tegen Sara.',
      'Je zei «parfait» en lachte.',
    ])
      assert.deepEqual(found(text), [], text);
  });

  it('should still check the rest when a quote ends, and take an apostrophe for one', () => {
    assert.deepEqual(found('Je zei "stil" en iedereen was stil.'), [['generalisation', 'iedereen']]);
    assert.deepEqual(found("Zo'n goede start, 's ochtends."), [['judgement', 'goede']]);
    assert.deepEqual(found("She didn't seem bored."), [
      ['interpretation', 'seem'],
      ['interpretation', 'bored'],
    ]);
  });

  it('should treat an unclosed quote as speech until the end of its line', () => {
    assert.deepEqual(found('Je zei "goed zo en ging door\nDat was mooi.'), [['judgement', 'mooi']]);
  });

  it('should not flag a question to the colleague, but flag the statement before it', () => {
    assert.deepEqual(found('Wat ging er volgens jou goed? Je moet eerst wachten.'), [['advice', 'Je moet']]);
    assert.deepEqual(found('Vond je het zelf ook altijd zo?'), []);
  });

  it('should count a question asked in quotes as speech, not as a question to the colleague', () => {
    assert.deepEqual(found('Je vroeg "wie weet het?" en iedereen stak een vinger op.'), [
      ['generalisation', 'iedereen'],
    ]);
    assert.equal(asksQuestion('Je vroeg "wie weet het?" en wachtte.'), false);
    assert.equal(asksQuestion('Je wachtte. Wat maakte dat je wachtte?'), true);
    assert.equal(asksQuestion(''), false);
  });

  it('should not flag greetings and courtesies when they contain a listed word', () => {
    for (const phrase of NOT_JUDGING_PHRASES) assert.deepEqual(found(`${phrase}!`), [], phrase);
    assert.deepEqual(found('Goedemorgen, wat een goede start.'), [['judgement', 'goede']]);
  });

  it('should not match inside longer words when a listed word is part of one', () => {
    for (const text of [
      'topografie',
      'stopwatch',
      'goedkeuring',
      'supermarkt',
      'goods',
      'badge',
      'altijdgroen',
      'Egoedje',
    ])
      assert.deepEqual(found(text), [], text);
    assert.deepEqual(found('topé goedë ëgoed'), []);
  });

  it('should find a word with a diacritic when it is written with a combining mark (NFD)', () => {
    const nfd = 'Zeer efficie\u0308nt gedaan';
    assert.deepEqual(reviewObservation(nfd).findings, [
      { kind: 'judgement', index: 5, length: 'efficie\u0308nt'.length },
    ]);
    assert.deepEqual(found('De klas was gei\u0308nteresseerd.'), [['interpretation', 'gei\u0308nteresseerd']]);
  });

  it('should report a phrase once when it spans a line break or is written in capitals', () => {
    assert.deepEqual(found('Well\ndone with the timer'), [['judgement', 'Well\ndone']]);
    assert.deepEqual(found('GEWELDIG! JE MOET'), [
      ['judgement', 'GEWELDIG'],
      ['advice', 'JE MOET'],
    ]);
  });

  it('should find nothing when the text is empty or only whitespace and punctuation', () => {
    assert.deepEqual(reviewObservation('').findings, []);
    assert.deepEqual(reviewObservation(' \n?!."').findings, []);
  });

  it('should count findings by kind when asked for the aggregate', () => {
    const { findings } = reviewObservation('Goede les. Je moet altijd wachten. Mooi!');
    assert.deepEqual(countByKind(findings), { judgement: 2, interpretation: 0, advice: 1, generalisation: 1 });
  });

  it('should stay fast and bounded when the text is long and hostile', () => {
    const text = `${'"'.repeat(2001)}${"'a".repeat(2000)}\n${'goed '.repeat(800)}`;
    assert.equal(reviewObservation(text).findings.length, 800);
  });
});
