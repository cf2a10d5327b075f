import { strict as assert } from 'node:assert';
import { parseProfileForm } from '../../../src/app/profile/profile-input';

const allowed = new Set(['b', 'c']);

describe('parseProfileForm', () => {
  it('should split, trim and de-duplicate subjects and read wishes from the offered colleagues', () => {
    const result = parseProfileForm(
      { subjects: 'Wiskunde; natuurkunde,\nwiskunde, ', yearsOfExperience: '7', learnFrom: 'c,b' },
      allowed,
      'a',
    );
    assert.ok(result.ok);
    assert.deepEqual(result.value, {
      subjects: ['Wiskunde', 'natuurkunde'],
      yearsOfExperience: 7,
      wouldLikeToLearnFrom: ['b', 'c'],
    });
  });

  it('should refuse missing subjects, impossible years, oneself or strangers as wishes', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ subjects: '', yearsOfExperience: 1 }, 'FIELD_REQUIRED'],
      [{ subjects: 'x', yearsOfExperience: '' }, 'FIELD_REQUIRED'],
      [{ subjects: 'x', yearsOfExperience: -1 }, 'NUMBER_OUT_OF_RANGE'],
      [{ subjects: 'x', yearsOfExperience: 1.5 }, 'INVALID_INPUT'],
      [{ subjects: 'x', yearsOfExperience: 1, learnFrom: 'a' }, 'INVALID_INPUT'],
      [{ subjects: 'x', yearsOfExperience: 1, learnFrom: 'z' }, 'INVALID_INPUT'],
      [{ subjects: 'x'.repeat(61), yearsOfExperience: 1 }, 'TEXT_TOO_LONG'],
      [
        { subjects: Array.from({ length: 11 }, (_, i) => `vak${i}`).join(','), yearsOfExperience: 1 },
        'NUMBER_OUT_OF_RANGE',
      ],
    ];
    for (const [form, code] of cases) {
      const result = parseProfileForm(form, allowed, 'a');
      assert.ok(!result.ok, JSON.stringify(form));
      assert.equal(result.error.code, code, JSON.stringify(form));
    }
  });
});
