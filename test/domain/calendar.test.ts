import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarDaysBetween, localDate } from '../../src/domain/calendar';

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

describe('domain/calendar: the local day of a moment (property, around offset changes)', () => {
  // Days on which the zones change their offset: DST in Europe, the US and Lord Howe (half an
  // hour), Apia skipping 30 December 2011, Kathmandu's +05:45, and an ordinary day.
  const changes = [
    ['Europe/Amsterdam', '2026-03-29'],
    ['Europe/Amsterdam', '2026-10-25'],
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Australia/Lord_Howe', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-10-04'],
    ['Pacific/Apia', '2011-12-30'],
    ['Asia/Kathmandu', '2026-06-15'],
    ['UTC', '2026-01-01'],
  ] as const;
  const aroundAChange = fc
    .tuple(fc.constantFrom(...changes), fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }))
    .map(([[zone, day], offsetMs]) => ({
      zone,
      moment: DateTime.fromMillis(Date.parse(`${day}T00:00:00Z`) + offsetMs, { zone: 'utc' }),
    }));

  it("should give luxon's local date and day count for moments around the changes", () => {
    fc.assert(
      fc.property(aroundAChange, aroundAChange, ({ zone, moment }, other) => {
        assert.equal(localDate(moment, zone), moment.setZone(zone).toISODate());
        assert.equal(calendarDaysBetween(moment, other.moment, zone), byMidnights(moment, other.moment, zone));
      }),
      { numRuns: 5_000 },
    );
  });

  it('should place a moment in another zone of its own, and go through luxon for an unknown zone', () => {
    const moment = DateTime.fromISO('2026-03-29T00:30:00+01:00', { setZone: true });
    assert.equal(localDate(moment, 'Europe/Amsterdam'), '2026-03-29');
    assert.equal(localDate(moment, 'America/New_York'), '2026-03-28');
    assert.equal(localDate(moment, 'Not/AZone'), moment.setZone('Not/AZone').toISODate());
  });
});
