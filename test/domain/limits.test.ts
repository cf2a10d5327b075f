import { strict as assert } from 'node:assert';
import {
  MAX_OBSERVATION_CHARS,
  MAX_REFLECTION_CHARS,
  MAX_SHORT_TEXT,
  MAX_THEME,
  checkText,
  textLength,
} from '../../src/domain/limits';

describe('domain/limits: checkText', () => {
  it('should return the trimmed text when it is within the limit', () => {
    assert.deepEqual(checkText('focus', '  klassenmanagement \n', MAX_SHORT_TEXT, true), {
      ok: true,
      value: 'klassenmanagement',
    });
  });

  it('should accept a text of exactly the maximum length', () => {
    const result = checkText('facts', 'x'.repeat(MAX_OBSERVATION_CHARS), MAX_OBSERVATION_CHARS, true);
    assert.equal(result.ok, true);
  });

  it('should refuse with TEXT_TOO_LONG and name the field and limit when the text is one character too long', () => {
    const result = checkText('facts', 'x'.repeat(MAX_OBSERVATION_CHARS + 1), MAX_OBSERVATION_CHARS, true);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'TEXT_TOO_LONG');
      assert.deepEqual(result.error.detail, { field: 'facts', max: MAX_OBSERVATION_CHARS });
    }
  });

  it('should measure after trimming when the text has surrounding spaces', () => {
    assert.equal(checkText('theme', `   ${'a'.repeat(MAX_THEME)}   `, MAX_THEME, true).ok, true);
  });

  it('should count an emoji or an accented letter as one character when measuring', () => {
    assert.equal(textLength('👍🏽'), 2); // thumbs up plus skin tone: two code points
    assert.equal(textLength('coöperatief'), 11);
    assert.equal(textLength('coo\u0308peratief'), 11); // NFD form counts the same
    assert.equal(checkText('lesson', '😀'.repeat(5), 5, true).ok, true);
    assert.equal(checkText('lesson', '😀'.repeat(6), 5, true).ok, false);
  });

  it('should refuse with FIELD_REQUIRED when a required text is empty, blank or missing', () => {
    for (const value of ['', '   \n\t', undefined, null]) {
      const result = checkText('facts', value, MAX_OBSERVATION_CHARS, true);
      assert.deepEqual(
        result.ok ? null : [result.error.code, result.error.detail],
        ['FIELD_REQUIRED', { field: 'facts', max: MAX_OBSERVATION_CHARS }],
        String(value),
      );
    }
  });

  it('should return an empty string when an optional text is empty or missing', () => {
    assert.deepEqual(checkText('reflection', '  ', MAX_REFLECTION_CHARS, false), { ok: true, value: '' });
    assert.deepEqual(checkText('reflection', undefined, MAX_REFLECTION_CHARS, false), { ok: true, value: '' });
  });

  it('should still limit an optional text when it is given', () => {
    assert.equal(checkText('reflection', 'x'.repeat(MAX_REFLECTION_CHARS + 1), MAX_REFLECTION_CHARS, false).ok, false);
  });

  it('should refuse with INVALID_INPUT when forged card data sends something else than a string', () => {
    for (const value of [42, {}, ['a'], true]) {
      const result = checkText('focus', value, MAX_SHORT_TEXT, false);
      assert.deepEqual(
        result.ok ? null : [result.error.code, result.error.detail],
        ['INVALID_INPUT', { field: 'focus' }],
        JSON.stringify(value),
      );
    }
  });

  it('should return the NFC form when the text arrives decomposed', () => {
    assert.deepEqual(checkText('theme', 'coo\u0308peratief leren', MAX_THEME, true), {
      ok: true,
      value: 'coöperatief leren',
    });
  });
});
