import { strict as assert } from 'node:assert';
import {
  CHOICE_KEYS,
  choiceKeyFromLabel,
  choiceLabelIndex,
  ICALT_KEYS,
  isChoiceKey,
  isThemeKey,
  LEGACY_LABELS,
  THEME_KEYS,
} from '../../src/domain/choices';

describe('domain: choices stored as keys', () => {
  it('should know six ICALT domains and four suggested themes, each key once', () => {
    assert.equal(ICALT_KEYS.length, 6);
    assert.equal(THEME_KEYS.length, 4);
    assert.equal(new Set(CHOICE_KEYS).size, CHOICE_KEYS.length);
    assert.ok(CHOICE_KEYS.every(isChoiceKey));
    assert.ok(THEME_KEYS.every(isThemeKey));
    assert.ok(!ICALT_KEYS.some(isThemeKey), 'an ICALT domain is not a theme');
  });

  it('should read a key as itself and the labels stored before keys (nl and en) as their key', () => {
    assert.equal(choiceKeyFromLabel('icalt.activatingTeaching'), 'icalt.activatingTeaching');
    assert.equal(choiceKeyFromLabel('Activating teaching'), 'icalt.activatingTeaching');
    assert.equal(choiceKeyFromLabel('Activerende instructie'), 'icalt.activatingTeaching');
    assert.equal(choiceKeyFromLabel('effectieve instructie'), 'theme.effectiveInstruction');
    assert.equal(choiceKeyFromLabel('het zeventig-minutenrooster'), 'theme.seventyMinuteTimetable');
    assert.equal(choiceKeyFromLabel('Leerstrategieën aanleren'), 'icalt.learningStrategies');
    for (const key of CHOICE_KEYS)
      for (const label of LEGACY_LABELS[key]) assert.equal(choiceKeyFromLabel(label), key, label);
  });

  it('should match a label whatever its capitals, spaces around and inside it, and NFC or NFD', () => {
    assert.equal(choiceKeyFromLabel('  activating   TEACHING '), 'icalt.activatingTeaching');
    assert.equal(choiceKeyFromLabel('Coöperatief leren'.normalize('NFD')), 'theme.cooperativeLearning');
    assert.equal(choiceKeyFromLabel('Efficiënte klassenorganisatie'.normalize('NFD')), 'icalt.classroomManagement');
  });

  it('should leave free text free: a sentence about a domain, an empty text, an unknown key', () => {
    for (const text of ['Hoe activeer ik de achterste rij?', 'Activating teaching in groups', '', '  ', 'icalt.other'])
      assert.equal(choiceKeyFromLabel(text), undefined, text);
  });

  it("should read the labels of an index it is given (today's tables) next to the legacy ones", () => {
    const index = choiceLabelIndex(LEGACY_LABELS, { 'theme.effectiveInstruction': ['Effective instruction'] });
    assert.equal(choiceKeyFromLabel('effective instruction', index), 'theme.effectiveInstruction');
    assert.equal(choiceKeyFromLabel('effective instruction'), undefined, 'not a legacy label');
    assert.equal(choiceKeyFromLabel('Clear instruction', index), 'icalt.clearInstruction');
  });
});
