/**
 * The bot practises what it asks (issue 11 item 5): every text Tweetal shows, in Dutch and
 * English, passes its own observation coach — no judgement ("Goed gedaan!", "Well done!"), no
 * guess at what someone felt, no sweeping "nooit"/"everyone". Encouragement says what happened
 * ("jullie hebben alle afgesproken lesbezoeken gedaan en na elk bezoek een nagesprek gevoerd").
 *
 * The few texts that must use such a word are allowed here, each by its place, its kind and the
 * exact word, with the reason. An allowance that no longer matches a finding fails too, so the
 * list cannot grow stale.
 */
import { strict as assert } from 'node:assert';
import { reviewObservation, type FindingKind } from '../../src/domain/observation-coach';
import { userTexts, type UserText } from './user-texts';

interface Allowance {
  /** The text's place as user-texts.ts names it, e.g. "nl strings icalt.classroomManagement". */
  readonly where: string;
  readonly kind: FindingKind;
  /** The words the coach reports, as they stand in the text. */
  readonly words: readonly string[];
  readonly why: string;
}

const RETRY =
  'asks to try again after a failure on Tweetal’s side: an instruction about the bot, not advice on teaching';

const ALLOWED: readonly Allowance[] = [
  {
    where: 'nl strings coach.interpretation.explanation',
    kind: 'interpretation',
    words: ['dacht', 'voelde'],
    why: 'the coach names the inner states that an observer cannot see, to explain what to leave out',
  },
  {
    where: 'en strings coach.interpretation.explanation',
    kind: 'interpretation',
    words: ['thought', 'felt'],
    why: 'the coach names the inner states that an observer cannot see, to explain what to leave out',
  },
  {
    where: 'nl strings icalt.classroomManagement',
    kind: 'judgement',
    words: ['Efficiënte'],
    why: 'the name of an ICALT domain (the lesson-observation instrument), quoted as the instrument writes it',
  },
  {
    where: 'en strings icalt.classroomManagement',
    kind: 'judgement',
    words: ['Efficient'],
    why: 'the name of an ICALT domain (the lesson-observation instrument), quoted as the instrument writes it',
  },
  {
    where: 'nl strings feedbackPreferences.tips',
    kind: 'advice',
    words: ['een tip'],
    why: 'the observed teacher chooses to receive a tip: their own feedback preference, not advice given',
  },
  {
    where: 'nl strings cards.help.notUnderstood',
    kind: 'interpretation',
    words: ['begreep'],
    why: 'the bot says what it did not understand itself (issue 11 item 4 asks for these words): no guess about another person',
  },
  {
    where: 'en strings cards.help.notUnderstood',
    kind: 'interpretation',
    words: ['did not understand'],
    why: 'the bot says what it did not understand itself (issue 11 item 4 asks for these words): no guess about another person',
  },
  { where: 'nl strings errors.INTERNAL', kind: 'advice', words: ['probeer'], why: RETRY },
  { where: 'en strings errors.INTERNAL', kind: 'advice', words: ['try'], why: RETRY },
  { where: 'nl strings errors.INVALID_INPUT', kind: 'advice', words: ['probeer'], why: RETRY },
  { where: 'nl strings errors.STALE_VERSION', kind: 'advice', words: ['probeer'], why: RETRY },
  { where: 'nl strings messages.myData.downloadFailed', kind: 'advice', words: ['Probeer'], why: RETRY },
  { where: 'en strings messages.myData.downloadFailed', kind: 'advice', words: ['Try'], why: RETRY },
  { where: 'nl tab failed', kind: 'advice', words: ['Probeer'], why: RETRY },
  { where: 'en tab failed', kind: 'advice', words: ['try'], why: RETRY },
  { where: 'nl tab notes.failed', kind: 'advice', words: ['Probeer'], why: RETRY },
  { where: 'en tab notes.failed', kind: 'advice', words: ['try'], why: RETRY },
  { where: 'en src http/tab-api SSO_MESSAGES.keys_unavailable', kind: 'advice', words: ['try'], why: RETRY },
];

interface Hit {
  readonly where: string;
  readonly kind: FindingKind;
  readonly word: string;
}

/** Every finding of the observation coach in the texts: place, kind and the words found. */
function coachHits(texts: readonly UserText[]): Hit[] {
  return texts.flatMap((text) =>
    reviewObservation(text.words).findings.map((finding) => ({
      where: text.where,
      kind: finding.kind,
      word: text.words.slice(finding.index, finding.index + finding.length),
    })),
  );
}

const allowed = (hit: Hit): boolean =>
  ALLOWED.some((a) => a.where === hit.where && a.kind === hit.kind && a.words.includes(hit.word));

const show = (hit: Hit, texts: readonly UserText[]): string =>
  `${hit.where}: ${hit.kind} "${hit.word}" in: ${texts.find((t) => t.where === hit.where)?.words ?? ''}`;

describe("i18n: the bot's own words pass its own observation coach", () => {
  const texts = userTexts();

  it('should find no judgement, interpretation, advice or generalisation in any text of Tweetal when read in nl and en', () => {
    const hits = coachHits(texts).filter((hit) => !allowed(hit));
    assert.deepEqual(
      [...new Set(hits.map((hit) => show(hit, texts)))],
      [],
      'say what happened instead (or, for a text that must quote the word, add a narrow allowance with the reason)',
    );
  });

  it('should give a reason for every allowance and have each one still match a finding', () => {
    const hits = coachHits(texts);
    const stale = ALLOWED.flatMap((a) =>
      a.words
        .filter((word) => !hits.some((hit) => hit.where === a.where && hit.kind === a.kind && hit.word === word))
        .map((word) => `${a.where}: ${a.kind} "${word}"`),
    );
    assert.deepEqual(stale, [], 'an allowance that matches nothing any more: remove it');
    for (const a of ALLOWED) assert.ok(a.why.length > 20, `${a.where}: say why the word is allowed`);
  });

  it('should read the card templates, the tab and the literal messages in src as well as the string tables', () => {
    const places = new Set(texts.map((text) => text.where.split(' ')[1]));
    for (const place of ['strings', 'tab', 'src']) assert.ok(places.has(place), place);
    // The templates place strings by binding; a literal word written in one would be read too.
    assert.ok(texts.every((text) => !text.where.includes(' template ') || /\p{L}/u.test(text.words)));
    assert.ok(texts.filter((text) => text.where.includes(' strings ')).length > 800);
    assert.ok(texts.some((text) => text.where === 'en src http/tab-api SSO_MESSAGES.invalid_token'));
  });

  it('should report the place and the word when a text praises or judges (self-check)', () => {
    const sample = (where: string, words: string): UserText => ({ where, locale: 'nl', text: words, words });
    assert.deepEqual(
      coachHits([
        sample('nl strings cards.visit-details.cycleComplete', 'Jullie cyclus is rond. Mooi volgehouden!'),
        sample('nl strings messages.visits.cycleCompleteNotice', 'Goed gedaan!'),
        sample('en strings messages.visits.cycleCompleteNotice', 'Well done!'),
        sample('en tab steps.complete', 'Great, your cycle is complete. Super!'),
        sample('nl strings messages.visits.cycleComplete', 'Jullie hebben allebei een keer bij de ander gekeken.'),
      ]),
      [
        { where: 'nl strings cards.visit-details.cycleComplete', kind: 'judgement', word: 'Mooi' },
        { where: 'nl strings messages.visits.cycleCompleteNotice', kind: 'judgement', word: 'Goed gedaan' },
        { where: 'en strings messages.visits.cycleCompleteNotice', kind: 'judgement', word: 'Well done' },
        { where: 'en tab steps.complete', kind: 'judgement', word: 'Great' },
        { where: 'en tab steps.complete', kind: 'judgement', word: 'Super' },
      ],
    );
  });
});
