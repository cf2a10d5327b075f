import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import { growthChange, growthLine, ownGrowth, ownGrowthLine, programmeGrowth } from '../../../src/app/coach/growth';
import type { CoachTally } from '../../../src/domain/entities';

const ZONE = 'Europe/Amsterdam';
const NOW = DateTime.fromISO('2026-03-20T12:00:00Z');
const PROGRAMME = { id: 'programme-1', startDate: '2026-01-12', endDate: '2026-06-30' };
type Tally = Pick<CoachTally, 'programmeId' | 'authorId' | 'visitAt' | 'findings' | 'hasQuestion'>;
const tally = (
  authorId: string,
  day: string,
  judging: number,
  hasQuestion: boolean,
  programmeId = 'programme-1',
): Tally => ({
  programmeId,
  authorId,
  visitAt: `${day}T09:00:00Z`,
  findings: { judgement: judging, interpretation: 0, advice: 0, generalisation: 0 },
  hasQuestion,
});
const FEBRUARY = [
  tally('anna', '2026-02-02', 1, true),
  tally('bram', '2026-02-03', 1, false),
  tally('carla', '2026-02-04', 0, true),
  tally('daan', '2026-02-05', 1, false),
  tally('eva', '2026-02-06', 0, false),
];
const MARCH = [
  tally('anna', '2026-03-02', 0, true),
  tally('bram', '2026-03-03', 0, true),
  tally('carla', '2026-03-04', 0, true),
  tally('daan', '2026-03-05', 1, true),
  tally('eva', '2026-03-06', 0, false),
];

describe('app/coach/growth', () => {
  it('should give the digest line with the change since last month when both months are above the minimums', () => {
    const change = growthChange([...FEBRUARY, ...MARCH], 'programme-1', NOW, ZONE);
    assert.equal(
      growthLine(change, 'en'),
      'Described without judging in March 2026: 80% of observations (+40 percentage points since last month); 80% ask the colleague a question.',
    );
    assert.equal(
      growthLine(change, 'nl'),
      'Beschreven zonder oordeel in maart 2026: 80% van de observaties (+40 procentpunt sinds vorige maand); 80% stelt een vraag aan de collega.',
    );
  });

  it('should say "not enough observations yet" and nothing else when this month has fewer than 3 observers', () => {
    const fewObservers = [
      ...FEBRUARY,
      tally('anna', '2026-03-02', 0, true),
      tally('anna', '2026-03-03', 0, true),
      tally('bram', '2026-03-04', 1, true),
      tally('bram', '2026-03-05', 0, true),
      tally('anna', '2026-03-06', 0, true),
    ];
    const change = growthChange(fewObservers, 'programme-1', NOW, ZONE);
    assert.equal(growthLine(change, 'en'), 'Describing without judging: not enough observations yet to show a trend.');
    assert.equal(
      growthLine(change, 'nl'),
      'Beschrijven zonder oordeel: nog niet genoeg observaties om een ontwikkeling te tonen.',
    );
  });

  it('should leave out the change when last month was below the minimums, and count only the programme’s tallies', () => {
    const other = FEBRUARY.map((t) => ({ ...t, programmeId: 'programme-2' }));
    const change = growthChange([...other, ...MARCH], 'programme-1', NOW, ZONE);
    assert.equal(
      growthLine(change, 'en'),
      'Described without judging in March 2026: 80% of observations; 80% ask the colleague a question.',
    );
  });

  it('should chart the programme’s months, hiding each month below the minimums', () => {
    const trend = programmeGrowth([...FEBRUARY.slice(0, 4), ...MARCH], PROGRAMME, NOW, ZONE);
    assert.deepEqual(
      trend.map((m) => [m.month, m.shown]),
      [
        ['2026-01', false],
        ['2026-02', false],
        ['2026-03', true],
      ],
    );
  });

  it('should give a teacher a line about their own observations only', () => {
    const own = ownGrowth([...FEBRUARY, ...MARCH], 'anna', PROGRAMME, NOW, ZONE);
    assert.equal(
      ownGrowthLine(own, 'en'),
      'Your observations in this programme: 2 written, 1 of them without judging and 2 with a question for your colleague. Only you see this.',
    );
    assert.equal(ownGrowthLine(ownGrowth([], 'anna', PROGRAMME, NOW, ZONE), 'nl'), undefined);
  });
});
