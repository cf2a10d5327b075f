import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { installZoneOffsetCache, rememberOffsets } from '../../src/time/zone-offset-cache';

/** Offsets straight from Intl (minutes east of UTC), independent of luxon and of the cache. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function intlOffset(zone: string, ts: number): number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ts)).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const local = Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour) % 24,
    +parts.minute!,
    +parts.second!,
  );
  const whole = ts - (((ts % 1000) + 1000) % 1000);
  return (local - whole) / 60000;
}

const ZONES = [
  'Europe/Amsterdam',
  'America/New_York',
  'Australia/Lord_Howe', // a 30-minute DST change
  'Asia/Kathmandu', // +05:45
  'America/St_Johns', // -03:30 / -02:30
  'Pacific/Chatham', // +12:45 / +13:45
  'Africa/Casablanca', // DST suspended during Ramadan
  'Europe/Dublin', // negative DST in tzdb
];

describe('zone offset cache', () => {
  it('should give the exact offset for any moment in any zone, also around transitions', () => {
    const remembered = rememberOffsets(intlOffset);
    // The exact instants of the transitions of 2024-2027 in each zone (a 6-hour scan, then bisection).
    const near: number[] = [];
    for (const zone of ZONES) {
      for (let ts = Date.UTC(2024, 0, 1); ts < Date.UTC(2028, 0, 1); ts += 6 * 3_600_000) {
        if (intlOffset(zone, ts) === intlOffset(zone, ts + 6 * 3_600_000)) continue;
        let [low, high] = [ts, ts + 6 * 3_600_000];
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (intlOffset(zone, middle) === intlOffset(zone, low)) low = middle;
          else high = middle;
        }
        near.push(high);
      }
    }
    assert.ok(near.length > 40, `should have found the transitions (found ${near.length})`);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(
          fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
          fc
            .tuple(fc.constantFrom(...near), fc.integer({ min: -3_600_000, max: 2 * 3_600_000 }))
            .map(([a, b]) => a + b),
        ),
        (zone, ts) => {
          assert.equal(remembered(zone, ts), intlOffset(zone, ts), `${zone} at ${new Date(ts).toISOString()}`);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it('should compute each quarter hour once and a quarter hour with a transition every time', () => {
    let calls = 0;
    const remembered = rememberOffsets((zone, ts) => {
      calls++;
      return intlOffset(zone, ts);
    });
    const base = Date.UTC(2026, 2, 16, 8, 0); // a Monday morning, no transition
    for (let i = 0; i < 100; i++) remembered('Europe/Amsterdam', base + i * 1000);
    assert.equal(calls, 2, 'both ends of the quarter hour, then from memory');
    // A made-up zone whose offset changes 7 minutes into a quarter hour.
    const change = Date.UTC(2026, 2, 29, 1, 7);
    calls = 0;
    const oddZone = rememberOffsets((_zone, ts) => {
      calls++;
      return ts < change ? 60 : 120;
    });
    assert.equal(oddZone('Odd/Zone', change - 1), 60);
    assert.equal(oddZone('Odd/Zone', change), 120);
    assert.equal(oddZone('Odd/Zone', change - 1), 60);
    assert.equal(calls, 9, 'a quarter hour with a change inside is computed exactly every time');
    assert.equal(oddZone('Odd/Zone', change + 15 * 60_000), 120);
  });

  it("should leave luxon's answers unchanged once installed, across the DST change", () => {
    const moments = [
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:30:00Z',
    ];
    const before = moments.map((m) => DateTime.fromISO(m).setZone('Europe/Amsterdam').toISO());
    const local = DateTime.fromObject(
      { year: 2026, month: 10, day: 25, hour: 2, minute: 30 },
      { zone: 'Europe/Amsterdam' },
    ).toISO();
    installZoneOffsetCache();
    installZoneOffsetCache();
    assert.deepEqual(
      moments.map((m) => DateTime.fromISO(m).setZone('Europe/Amsterdam').toISO()),
      before,
    );
    assert.deepEqual(before, [
      '2026-03-29T01:59:59.999+01:00',
      '2026-03-29T03:00:00.000+02:00',
      '2026-10-25T02:30:00.000+02:00',
      '2026-10-25T02:30:00.000+01:00',
    ]);
    assert.equal(
      DateTime.fromObject(
        { year: 2026, month: 10, day: 25, hour: 2, minute: 30 },
        { zone: 'Europe/Amsterdam' },
      ).toISO(),
      local,
    );
    assert.equal(DateTime.now().setZone('Fantasia/Castle').isValid, false, 'an unknown zone stays invalid');
  });
});
