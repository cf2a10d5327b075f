/**
 * The tab's texts are ICU messages through intl-messageformat, as the bot's are: real plurals
 * ("1 van 1 lesbezoek", "2 of 3 visits"), values filled by name, the same keys and values in
 * Dutch and English, and no message left unformatted in what the views read.
 */
import { strict as assert } from 'node:assert';
import { NOTES_MESSAGES, NOTES_STRINGS } from '../../src/tab/client/notes-strings';
import { STRINGS, TAB_MESSAGES } from '../../src/tab/client/strings';
import { placeholders } from '../cards/string-keys';

type Tree = { readonly [key: string]: unknown };

function leaves(node: unknown, prefix = ''): [string, unknown][] {
  if (typeof node === 'object' && node !== null)
    return Object.entries(node as Tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key));
  return [[prefix, node]];
}

describe('tab: texts as ICU messages', () => {
  it("should say the language's plural form for the visits of a cycle", () => {
    assert.equal(STRINGS.nl.cycleProgress(0, 1), '0 van 1 lesbezoek gedaan');
    assert.equal(STRINGS.nl.cycleProgress(1, 2), '1 van 2 lesbezoeken gedaan');
    assert.equal(STRINGS.en.cycleProgress(1, 1), '1 of 1 visit done');
    assert.equal(STRINGS.en.cycleProgress(2, 3), '2 of 3 visits done');
  });

  it('should fill in names and numbers by name when a message has values', () => {
    assert.equal(STRINGS.nl.observes('Anna', 'Ben'), 'Anna kijkt bij Ben');
    assert.equal(STRINGS.en.youObserve('Ben'), 'You observe Ben');
    assert.equal(STRINGS.nl.observesYou('Anna'), 'Anna kijkt bij jou');
    assert.equal(STRINGS.en.visit(2), 'Visit 2');
    assert.equal(
      NOTES_STRINGS.nl.heading(1, 'Anna', 'Ben', 'dinsdag 10 maart 09:00'),
      'Bezoek 1: Anna kijkt bij Ben, dinsdag 10 maart 09:00',
    );
    assert.equal(NOTES_STRINGS.en.heading(2, 'Anna', 'Ben', ''), 'Visit 2: Anna observes Ben');
  });

  it('should give the views only finished texts: plain strings without values, a function for each message with values', () => {
    for (const [name, built, tables] of [
      ['strings', STRINGS, TAB_MESSAGES],
      ['notes', NOTES_STRINGS, NOTES_MESSAGES],
    ] as const)
      for (const locale of ['nl', 'en'] as const) {
        const texts = new Map(leaves(built[locale]));
        for (const [key, text] of leaves(tables[locale])) {
          const withValues = placeholders(String(text)).length > 0;
          const shown = texts.get(key);
          if (withValues) assert.equal(typeof shown, 'function', `${name} ${locale} ${key} needs a function`);
          else
            assert.ok(typeof shown === 'string' && !/[{}]/.test(shown), `${name} ${locale} ${key}: ${String(shown)}`);
        }
      }
  });

  it('should have the same keys and the same values in Dutch and English', () => {
    for (const tables of [TAB_MESSAGES, NOTES_MESSAGES]) {
      const nl = leaves(tables.nl);
      const en = new Map(leaves(tables.en));
      assert.deepEqual(
        nl.map(([key]) => key),
        [...en.keys()],
      );
      for (const [key, text] of nl)
        assert.deepEqual(placeholders(String(text)), placeholders(String(en.get(key))), key);
    }
  });
});
