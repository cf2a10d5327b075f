import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { instantOf, startOfDay } from '../../src/domain/instant';

describe('Stored instants (domain/instant)', () => {
  const luxon = (iso: string) => {
    const value = DateTime.fromISO(iso, { setZone: true });
    return value.isValid ? value.toMillis() : undefined;
  };

  it('should name the same instant as luxon for stored forms, offsets and what luxon refuses', () => {
    const cases = [
      '2026-03-05T09:00:00.000Z',
      '2026-03-05T09:00:00Z',
      '2026-03-05T09:00Z',
      '2026-03-05T09:00:00.5Z',
      '2026-03-29T01:30:00.000+01:00',
      '2026-10-25T02:30:00.000+02:00',
      '2026-12-31T23:59:59.999-05:00',
      '2028-02-29T12:00:00.000Z',
      '2026-02-29T12:00:00.000Z',
      '2026-02-30T10:00:00.000Z',
      '2026-04-31T10:00:00.000Z',
      '2026-02-28T24:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-05T09:60:00Z',
      '2026-03-05',
      'not a date',
    ];
    for (const iso of cases) assert.equal(instantOf(iso)?.toMillis(), luxon(iso), iso);
  });

  it('should name the same instant as luxon for any moment written in any zone (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) }),
        fc.constantFrom('utc', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'),
        (ms, zone) => {
          const iso = DateTime.fromMillis(ms, { zone }).toISO()!;
          assert.equal(instantOf(iso)?.toMillis(), ms, iso);
        },
      ),
    );
  });

  it('should give nothing for an absent or empty value', () => {
    assert.equal(instantOf(undefined), undefined);
    assert.equal(instantOf(''), undefined);
  });

  it('should give the start of a calendar day in the zone, also on the day of a DST change', () => {
    const day = startOfDay('2026-03-29', 'Europe/Amsterdam');
    assert.equal(day.toISO(), '2026-03-29T00:00:00.000+01:00');
    assert.equal(startOfDay('2026-03-29', 'Europe/Amsterdam'), day, 'remembered');
    assert.equal(startOfDay('2026-03-30', 'Europe/Amsterdam').toISO(), '2026-03-30T00:00:00.000+02:00');
  });
});
