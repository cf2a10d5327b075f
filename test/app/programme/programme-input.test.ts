import { strict as assert } from 'node:assert';
import { leaderClaim } from '../../../src/app/programme/leaders';
import { MAX_QUIET_PERIODS, parseProgrammeForm } from '../../../src/app/programme/programme-input';
import { THEME_KEYS } from '../../../src/domain/choices';

const valid = (overrides: Record<string, unknown> = {}) => ({
  themeChoice: THEME_KEYS[1],
  startDate: '2026-02-01',
  endDate: '2026-06-30',
  visitsPerCycle: '2',
  digestWeekday: '5',
  digestHour: 16,
  noVisitPlannedDays: 7,
  noObservationDays: 3,
  noDebriefScheduledDays: 5,
  noDebriefRecordedDays: 2,
  endApproachingDays: 21,
  minDaysBetweenNudges: 3,
  nudgeSenderName: ' Lotte ',
  ...overrides,
});

describe('parseProgrammeForm (the programme setup form)', () => {
  it("should keep the school's video rules when the leader writes them, and leave them out when empty", () => {
    const rules = parseProgrammeForm(valid({ videoRules: ' Alleen de camera van de sectie. ' }));
    assert.ok(rules.ok);
    assert.equal(rules.value.videoRules, 'Alleen de camera van de sectie.');
    const none = parseProgrammeForm(valid({ videoRules: '' }));
    assert.ok(none.ok);
    assert.equal('videoRules' in none.value, false, 'empty: the default rules');
    assert.equal(parseProgrammeForm(valid({ videoRules: 'x'.repeat(1001) })).ok, false);
  });

  it('should accept a complete form, trimming texts and reading numbers given as text', () => {
    const result = parseProgrammeForm(
      valid({
        quietStart2: '2026-04-27',
        quietEnd2: '2026-05-08',
        quietLabel2: 'meivakantie',
        quietStart0: '2026-02-14',
        quietEnd0: '2026-02-22',
      }),
    );
    assert.ok(result.ok);
    assert.equal(result.value.theme, 'theme.cooperativeLearning', 'a suggestion is stored as its key');
    assert.equal(result.value.visitsPerCycle, 2);
    assert.equal(result.value.digestWeekday, 5);
    assert.equal(result.value.nudgeSenderName, 'Lotte');
    assert.deepEqual(
      result.value.quietPeriods.map((p) => p.start),
      ['2026-02-14', '2026-04-27'],
      'sorted, empty rows skipped',
    );
    assert.equal(result.value.nudgePersonalLine, undefined);
  });

  const refusals: [string, Record<string, unknown>, string, string][] = [
    ['a missing start date', { startDate: '' }, 'FIELD_REQUIRED', 'startDate'],
    ['an impossible date', { endDate: '2026-02-30' }, 'DATE_INVALID', 'endDate'],
    ['a date in another format', { startDate: '01-02-2026' }, 'DATE_INVALID', 'startDate'],
    ['an end before the start', { endDate: '2026-01-31' }, 'END_BEFORE_START', 'endDate'],
    ['a period longer than allowed', { endDate: '2027-06-30' }, 'NUMBER_OUT_OF_RANGE', 'period'],
    ['a fraction of visits', { visitsPerCycle: 2.5 }, 'INVALID_INPUT', 'visitsPerCycle'],
    ['eleven visits', { visitsPerCycle: 11 }, 'NUMBER_OUT_OF_RANGE', 'visitsPerCycle'],
    ['weekday 8', { digestWeekday: '8' }, 'NUMBER_OUT_OF_RANGE', 'digestWeekday'],
    ['a threshold given as an object', { noObservationDays: { x: 1 } }, 'INVALID_INPUT', 'noObservationDays'],
    ['no theme at all', { themeChoice: '' }, 'FIELD_REQUIRED', 'theme'],
    ['a forged suggestion', { themeChoice: 'x' }, 'INVALID_INPUT', 'theme'],
    ['an ICALT domain as the suggested theme', { themeChoice: 'icalt.safeClimate' }, 'INVALID_INPUT', 'theme'],
    ['a sender name of 101 characters', { nudgeSenderName: 'a'.repeat(101) }, 'TEXT_TOO_LONG', 'nudgeSenderName'],
    ['a personal line of 281 characters', { nudgePersonalLine: 'a'.repeat(281) }, 'TEXT_TOO_LONG', 'nudgePersonalLine'],
    ['a holiday row with only a label', { quietLabel1: 'kerst' }, 'FIELD_REQUIRED', 'quietStart'],
    ['a reversed holiday', { quietStart1: '2026-03-02', quietEnd1: '2026-03-01' }, 'END_BEFORE_START', 'quietPeriod'],
  ];
  for (const [what, overrides, code, field] of refusals) {
    it(`should refuse ${what} with ${code} on ${field}`, () => {
      const result = parseProgrammeForm(valid(overrides));
      assert.ok(!result.ok);
      assert.equal(result.error.code, code);
      assert.equal(result.error.detail['field'], field);
    });
  }

  it('should store a suggestion as its key when an older card sends its label, and typed words as written', () => {
    const old = parseProgrammeForm(valid({ themeChoice: 'effectieve instructie' }));
    assert.ok(old.ok);
    assert.equal(old.value.theme, 'theme.effectiveInstruction', 'a card sent before keys: the label it carried');
    const typedLabel = parseProgrammeForm(valid({ themeOther: ' Cooperative learning ' }));
    assert.ok(typedLabel.ok);
    assert.equal(typedLabel.value.theme, 'theme.cooperativeLearning', "typed exactly as a suggestion's label");
    const own = parseProgrammeForm(valid({ themeOther: 'Formatief evalueren' }));
    assert.ok(own.ok);
    assert.equal(own.value.theme, 'Formatief evalueren', 'free text stays as written');
  });

  it('should ignore holiday rows beyond the card maximum', () => {
    const result = parseProgrammeForm(
      valid({ [`quietStart${MAX_QUIET_PERIODS}`]: '2026-03-01', [`quietEnd${MAX_QUIET_PERIODS}`]: '2026-03-02' }),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.value.quietPeriods, []);
  });
});

describe('leaderClaim', () => {
  it('should make the first person leader, keep leaders, let owners take over and refuse others', () => {
    assert.equal(leaderClaim({ leaderIds: [] }, 'a', false), 'first');
    assert.equal(leaderClaim({ leaderIds: ['a'] }, 'a', false), 'leader');
    assert.equal(leaderClaim({ leaderIds: ['a'] }, 'b', true), 'owner');
    assert.equal(leaderClaim({ leaderIds: ['a'] }, 'b', false), undefined);
  });
});
