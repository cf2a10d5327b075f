import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarDaysBetween } from '../../src/domain/calendar';

/** The definition: whole days between the two local midnights. */
const byMidnights = (from: DateTime, to: DateTime, zone: string): number =>
  Math.round(to.setZone(zone).startOf('day').diff(from.setZone(zone).startOf('day'), 'days').days);

describe('domain/calendar: calendarDaysBetween (property)', () => {
  it('should equal the days between the local midnights for any two moments in any zone, either order', () => {
    const moment = fc
      .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
      .map((ms) => DateTime.fromMillis(ms, { zone: 'utc' }));
    fc.assert(
      fc.property(
        moment,
        moment,
        fc.constantFrom('Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'UTC'),
        (from, to, zone) => {
          assert.equal(calendarDaysBetween(from, to, zone), byMidnights(from, to, zone));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('should answer NaN for an invalid moment, as the midnights do', () => {
    const invalid = DateTime.fromISO('not a date');
    assert.ok(Number.isNaN(calendarDaysBetween(invalid, DateTime.utc(2026, 3, 1), 'Europe/Amsterdam')));
  });
});
