/**
 * The messages are ICU MessageFormat (intl-messageformat) with the languages' own plural forms
 * and list conjunctions: no "tweetal(len)", "pair(s)", "leraar/leraren" left in any text.
 */
import { strict as assert } from 'node:assert';
import { listOf, t } from '../../src/i18n/translate';
import { literalWords, userTexts } from './user-texts';

/** Template-style plurals and alternatives: "tweetal(len)", "pair(s)", "nieuw(e)", "leraar/leraren", "hij/zij". */
const PLACEHOLDER_PLURALS: readonly RegExp[] = [
  /\p{L}\((?:s|es|e|n|en|len|ren|r|er|ers)\)/iu,
  /(?<!\p{L})(\p{L}{3,})\p{L}*\/\1\p{L}*/iu,
  /(?<!\p{L})(?:hij\/zij|zij\/hij|he\/she|she\/he|his\/her|him\/her)(?!\p{L})/iu,
];

describe('i18n: messages', () => {
  it('should parse every text of the string tables and the tab as an ICU message when loaded in nl and en', () => {
    const broken: string[] = [];
    for (const text of userTexts().filter((u) => u.where.includes(' strings ') || u.where.includes(' tab '))) {
      try {
        literalWords(text.text, text.locale);
      } catch (error) {
        broken.push(`${text.where}: ${(error as Error).message}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('should leave no placeholder plural like "(s)", "(en)" or "leraar/leraren" in any string table or tab text', () => {
    const found = userTexts()
      .filter((u) => PLACEHOLDER_PLURALS.some((pattern) => pattern.test(u.words)))
      .map((u) => `${u.where}: ${u.words}`);
    assert.deepEqual(found, []);
  });

  it('should catch the placeholder patterns the check is for (self-check)', () => {
    for (const text of [
      '2 tweetal(len) gemaakt',
      'De 4 leraar/leraren',
      '2 pair(s) created',
      '1 aansporing(en)',
      'nieuw(e)',
    ])
      assert.ok(
        PLACEHOLDER_PLURALS.some((pattern) => pattern.test(text)),
        text,
      );
    for (const text of ['Tweetal niet (meer) ondersteund', 'klas of les', 'datum/tijd']) {
      assert.ok(!PLACEHOLDER_PLURALS.some((pattern) => pattern.test(text)), text);
    }
  });

  it('should use the singular when one pair of two teachers is made and the plural for more', () => {
    assert.equal(t('nl', 'messages.pairing.confirmed', { pairs: 1, members: 2 }).split('.')[0], 'Eén tweetal gemaakt');
    assert.match(
      t('nl', 'messages.pairing.confirmed', { pairs: 2, members: 4 }),
      /^2 tweetallen gemaakt\. De 4 leraren krijgen/,
    );
    assert.match(
      t('en', 'messages.pairing.confirmed', { pairs: 1, members: 2 }),
      /^One pair created\. The 2 teachers are/,
    );
    assert.match(
      t('en', 'messages.pairing.confirmed', { pairs: 3, members: 7 }),
      /^3 pairs created\. The 7 teachers are/,
    );
  });

  it('should say "één lid" and "one member" when a group has one member', () => {
    assert.match(t('nl', 'errors.GROUP_SIZE', { group: 4, size: 1 }), /^Groep 4 heeft één lid\./);
    assert.match(t('en', 'errors.GROUP_SIZE', { group: 1, size: 1 }), /^Group 1 has one member\./);
    assert.match(t('en', 'errors.GROUP_SIZE', { group: 1, size: 4 }), /^Group 1 has 4 members\./);
  });

  it('should leave out the parts about nudges not sent when every nudge went out', () => {
    assert.equal(
      t('nl', 'messages.encourage.sent', { sent: 1, spaced: 0, unreachable: 0 }),
      'Ik heb één aansporing verstuurd.',
    );
    assert.equal(
      t('en', 'messages.encourage.sent', { sent: 2, spaced: 1, unreachable: 3 }),
      'I sent 2 nudges. One was not sent: that person got a message recently. I cannot reach 3 people.',
    );
  });

  it('should say what the pair did, not praise it, when a cycle is complete', () => {
    assert.equal(
      t('nl', 'messages.visits.cycleCompleteNotice', { visits: 2 }),
      'Jullie cyclus is rond: jullie hebben beide afgesproken lesbezoeken gedaan en na elk bezoek een nagesprek gevoerd. Typ "status" om terug te kijken.',
    );
    assert.equal(
      t('en', 'messages.visits.cycleCompleteNotice', { visits: 3 }),
      'Your cycle is complete: you did all 3 agreed visits and held a debrief after each one. Type "status" to look back.',
    );
    assert.match(
      t('en', 'messages.visits.cycleCompleteNotice', { visits: 1 }),
      /the agreed visit and held its debrief/,
    );
  });

  it('should give each language its own text, and a text with values filled in each time, when the same key is asked again (texts without values are formatted once)', () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(t('nl', 'messages.digest.same'), 'gelijk aan vorige week');
      assert.equal(t('en', 'messages.digest.same'), 'same as last week');
      assert.equal(t('en', 'messages.digest.same', {}), 'same as last week');
      assert.match(t('nl', 'errors.TEXT_TOO_LONG', { field: 'Les', max: 1 }), /hooguit 1 teken lang/);
      assert.match(t('nl', 'errors.TEXT_TOO_LONG', { field: 'Les', max: 5 }), /hooguit 5 tekens lang/);
    }
  });

  it("should join names with the language's own conjunction when listing people", () => {
    assert.equal(listOf('nl', ['Emma Clarke', 'Noah Wright']), 'Emma Clarke en Noah Wright');
    assert.equal(listOf('en', ['Emma Clarke', 'Noah Wright']), 'Emma Clarke and Noah Wright');
    assert.equal(listOf('nl', ['Emma', 'Noah', 'Sam']), 'Emma, Noah en Sam');
    assert.equal(listOf('en', ['Emma', 'Noah', 'Sam']), 'Emma, Noah and Sam');
    // Joined lists are remembered: by every item, in order, so lists that share a joined text are told apart.
    assert.equal(listOf('en', ['Emma', 'Noah', 'Sam']), 'Emma, Noah and Sam');
    assert.equal(listOf('nl', ['Emma', 'Noah', 'Sam']), 'Emma, Noah en Sam');
    assert.equal(listOf('en', ['Sam', 'Noah', 'Emma']), 'Sam, Noah and Emma');
    assert.equal(listOf('en', ['a\u0000b', 'c']), 'a\u0000b and c');
    assert.equal(listOf('en', ['a', 'b\u0000c']), 'a and b\u0000c');
    assert.equal(listOf('en', ['Emma']), 'Emma');
    assert.equal(listOf('en', ['Emma']), 'Emma');
  });

  it('should keep a lone apostrophe as written and fill values when a message has no plural', () => {
    assert.equal(t('en', 'switchReasons.noClick'), "it doesn't click");
    assert.equal(t('nl', 'cards.visit-plan.iObserve', { name: 'Noah' }), 'Ik kijk bij Noah');
  });
});
