import { strict as assert } from 'node:assert';
import { CHOICE_KEYS, ICALT_KEYS, THEME_KEYS } from '../../src/domain/choices';
import { choiceKeyOf, choiceOptions, choiceText, shownChoice, storedChoice } from '../../src/i18n/choices';
import { LOCALES, t } from '../../src/i18n/translate';

describe('i18n: a stored choice in the reader’s language', () => {
  it('should have a label for every key in nl and en, different per language where the words differ', () => {
    for (const locale of LOCALES)
      for (const key of CHOICE_KEYS) assert.notEqual(t(locale, key), key, `${locale} ${key} has no label`);
    assert.equal(choiceText('nl', 'icalt.activatingTeaching'), 'Activerende instructie');
    assert.equal(choiceText('en', 'icalt.activatingTeaching'), 'Activating teaching');
    assert.equal(choiceText('nl', 'theme.effectiveInstruction'), 'Effectieve instructie');
    assert.equal(choiceText('en', 'theme.effectiveInstruction'), 'Effective instruction');
  });

  it('should show a label stored before keys in the reader’s language (an English pick read by a Dutch partner)', () => {
    assert.equal(choiceText('nl', 'Activating teaching'), 'Activerende instructie');
    assert.equal(choiceText('en', 'Activerende instructie'), 'Activating teaching');
    assert.equal(choiceText('en', 'effectieve instructie'), 'Effective instruction');
    assert.equal(choiceText('en', 'het zeventig-minutenrooster'), 'The seventy-minute timetable');
  });

  it('should show free text as written, in every language', () => {
    for (const locale of LOCALES) {
      assert.equal(choiceText(locale, 'Hoe verdeel ik de beurten?'), 'Hoe verdeel ik de beurten?');
      assert.equal(choiceText(locale, ''), '');
    }
    assert.equal(shownChoice('nl', '**vet** [link](x)').toString(), '\\*\\*vet\\*\\* \\[link\\]\\(x\\)', 'escaped');
    assert.equal(shownChoice('nl', undefined).toString(), '');
    assert.equal(choiceText('nl', undefined as unknown as string), '', 'a document without the field');
  });

  it("should store today's labels in either language as the key, and free text as written", () => {
    for (const locale of LOCALES)
      for (const key of CHOICE_KEYS) {
        assert.equal(storedChoice(t(locale, key)), key, `${locale} ${t(locale, key)}`);
        assert.equal(choiceKeyOf(key), key);
      }
    assert.equal(storedChoice('Wat doe ik met de stille leerlingen?'), 'Wat doe ik met de stille leerlingen?');
  });

  it('should offer a list with the label as the title and the key as the value: English themes for an English reader', () => {
    assert.deepEqual(
      choiceOptions('en', THEME_KEYS).map((c) => c.title),
      ['Effective instruction', 'Cooperative learning', 'Sustainable learning', 'The seventy-minute timetable'],
    );
    assert.deepEqual(
      choiceOptions('nl', THEME_KEYS).map((c) => c.title),
      ['Effectieve instructie', 'Coöperatief leren', 'Duurzaam leren', 'Het zeventig-minutenrooster'],
    );
    assert.deepEqual(
      choiceOptions('nl', ICALT_KEYS).map((c) => c.value),
      [...ICALT_KEYS],
    );
  });
});
