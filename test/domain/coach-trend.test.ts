import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { CoachTally } from '../../src/domain/entities';
import {
  MIN_TREND_OBSERVATIONS,
  MIN_TREND_OBSERVERS,
  personalTrend,
  programmeMonths,
  schoolTrend,
  thisAndLastMonth,
} from '../../src/domain/coach-trend';

const ZONE = 'Europe/Amsterdam';
type Tally = Pick<CoachTally, 'authorId' | 'visitAt' | 'findings' | 'hasQuestion'>;
const NONE = { judgement: 0, interpretation: 0, advice: 0, generalisation: 0 };
const tally = (authorId: string, visitAt: string, judging = 0, hasQuestion = false): Tally => ({
  authorId,
  visitAt,
  findings: { ...NONE, judgement: judging },
  hasQuestion,
});

describe('domain/coach-trend', () => {
  it('should show a month’s shares when it has 5 observations by 3 observers', () => {
    const march = [
      tally('anna', '2026-03-02T09:00:00Z', 0, true),
      tally('anna', '2026-03-09T09:00:00Z', 1, true),
      tally('bram', '2026-03-10T09:00:00Z', 0, false),
      tally('bram', '2026-03-16T09:00:00Z', 0, true),
      tally('carla', '2026-03-20T09:00:00Z', 2, false),
    ];
    assert.deepEqual(schoolTrend(march, ['2026-03'], ZONE), [
      { month: '2026-03', shown: true, describedShare: 3 / 5, questionShare: 3 / 5 },
    ]);
  });

  describe('privacy: no aggregate can be traced to a person', () => {
    it('should show nothing of a month, not even a count, when fewer than 3 observers wrote in it', () => {
      const twoObservers = Array.from({ length: 12 }, (_, i) =>
        tally(i % 2 ? 'anna' : 'bram', `2026-03-${String(i + 2).padStart(2, '0')}T09:00:00Z`, i % 3),
      );
      const [march] = schoolTrend(twoObservers, ['2026-03'], ZONE);
      assert.deepEqual(march, { month: '2026-03', shown: false });
      assert.deepEqual(Object.keys(march!).sort(), ['month', 'shown'], 'no share or count leaks');
    });

    it('should show nothing when 3 observers wrote only 4 observations, and show the month with the fifth', () => {
      const four = [
        tally('anna', '2026-03-02T09:00:00Z'),
        tally('bram', '2026-03-03T09:00:00Z'),
        tally('carla', '2026-03-04T09:00:00Z', 1),
        tally('carla', '2026-03-05T09:00:00Z'),
      ];
      assert.equal(schoolTrend(four, ['2026-03'], ZONE)[0]?.shown, false);
      const five = [...four, tally('anna', '2026-03-06T09:00:00Z')];
      assert.equal(schoolTrend(five, ['2026-03'], ZONE)[0]?.shown, true);
      assert.equal(MIN_TREND_OBSERVATIONS, 5);
      assert.equal(MIN_TREND_OBSERVERS, 3);
    });

    it('should judge each month on its own, so a quiet month next to a busy one stays hidden', () => {
      const tallies = [
        ...['anna', 'bram', 'carla', 'daan', 'eva'].map((who, i) => tally(who, `2026-03-0${i + 1}T09:00:00Z`)),
        tally('anna', '2026-04-01T09:00:00Z', 1),
        tally('bram', '2026-04-02T09:00:00Z'),
      ];
      const [march, april] = schoolTrend(tallies, ['2026-03', '2026-04'], ZONE);
      assert.equal(march?.shown, true);
      assert.deepEqual(april, { month: '2026-04', shown: false });
    });
  });

  it('should count a visit late on the last evening of a month in the school’s month, not UTC’s', () => {
    const lateMarch = tally('anna', '2026-03-31T22:30:00Z'); // 1 April 00:30 in Amsterdam
    assert.deepEqual(personalTrend([lateMarch], 'anna', ['2026-03', '2026-04'], ZONE), [
      { month: '2026-03', observations: 0, described: 0, withQuestion: 0 },
      { month: '2026-04', observations: 1, described: 1, withQuestion: 0 },
    ]);
  });

  it('should give a teacher only their own observations when their trend is asked', () => {
    const tallies = [
      tally('anna', '2026-03-02T09:00:00Z', 1, true),
      tally('anna', '2026-03-09T09:00:00Z', 0, true),
      tally('bram', '2026-03-10T09:00:00Z', 0, false),
    ];
    assert.deepEqual(personalTrend(tallies, 'anna', ['2026-03'], ZONE), [
      { month: '2026-03', observations: 2, described: 1, withQuestion: 2 },
    ]);
  });

  it('should list the programme’s months up to now when the programme still runs', () => {
    const programme = { startDate: '2026-01-15', endDate: '2026-06-30' };
    assert.deepEqual(programmeMonths(programme, DateTime.fromISO('2026-03-10T12:00:00Z'), ZONE), [
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    assert.equal(programmeMonths(programme, DateTime.fromISO('2027-01-01T12:00:00Z'), ZONE).length, 6);
    assert.deepEqual(thisAndLastMonth(DateTime.fromISO('2026-01-05T12:00:00Z'), ZONE), ['2026-01', '2025-12']);
  });
});
