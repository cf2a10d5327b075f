import { strict as assert } from 'node:assert';
import { DateTime } from 'luxon';
import type { QuietPeriod } from '../../src/domain/entities';
import { isQuietDay, isQuietTime, nextSendableMoment, nudgeAllowed } from '../../src/domain/quiet-time';
import { ZONE, at } from './builders';

const MEIVAKANTIE: QuietPeriod = { start: '2026-04-25', end: '2026-05-03', label: 'Meivakantie' };
const utcAt = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });

describe('domain/quiet-time: isQuietTime', () => {
  it('should allow sending when it is a school day within school hours', () => {
    assert.equal(isQuietTime(at('2026-03-10T10:00'), ZONE, []), false); // Tuesday
  });

  it('should be quiet on Saturday and Sunday when the hour is within school hours', () => {
    assert.equal(isQuietTime(at('2026-03-14T10:00'), ZONE, []), true);
    assert.equal(isQuietTime(at('2026-03-15T10:00'), ZONE, []), true);
  });

  it('should be quiet before 08:00 and from 17:00 when school hours are the default', () => {
    assert.equal(isQuietTime(at('2026-03-10T07:59'), ZONE, []), true);
    assert.equal(isQuietTime(at('2026-03-10T08:00'), ZONE, []), false);
    assert.equal(isQuietTime(at('2026-03-10T16:59'), ZONE, []), false);
    assert.equal(isQuietTime(at('2026-03-10T17:00'), ZONE, []), true);
    assert.equal(isQuietTime(at('2026-03-10T23:30'), ZONE, []), true);
  });

  it('should use other school hours when they are given', () => {
    assert.equal(isQuietTime(at('2026-03-10T08:15'), ZONE, [], { start: 8.5, end: 15 }), true);
    assert.equal(isQuietTime(at('2026-03-10T08:30'), ZONE, [], { start: 8.5, end: 15 }), false);
    assert.equal(isQuietTime(at('2026-03-10T15:00'), ZONE, [], { start: 8.5, end: 15 }), true);
  });

  it('should be quiet on the first and last day of a quiet period and not the day after', () => {
    assert.equal(isQuietTime(at('2026-04-27T10:00'), ZONE, [MEIVAKANTIE]), true); // Monday inside
    assert.equal(isQuietTime(at('2026-04-24T10:00'), ZONE, [{ ...MEIVAKANTIE, start: '2026-04-24' }]), true);
    assert.equal(isQuietTime(at('2026-05-01T16:00'), ZONE, [{ ...MEIVAKANTIE, end: '2026-05-01' }]), true);
    assert.equal(isQuietTime(at('2026-05-04T10:00'), ZONE, [MEIVAKANTIE]), false);
  });

  it('should judge the date of a quiet period in the school zone when the moment is given in UTC', () => {
    // 2026-05-03T22:30Z is Monday 2026-05-04 00:30 in Amsterdam: outside hours but not a holiday day.
    assert.equal(isQuietDay(utcAt('2026-05-03T22:30'), ZONE, [MEIVAKANTIE]), false);
    assert.equal(isQuietDay(utcAt('2026-05-03T22:30'), 'UTC', [MEIVAKANTIE]), true);
  });

  it('should read school hours in local time on both sides of the spring DST change (2026-03-29)', () => {
    // Friday 27 March: UTC+1. Monday 30 March: UTC+2.
    assert.equal(isQuietTime(utcAt('2026-03-27T06:30'), ZONE, []), true); // 07:30 local
    assert.equal(isQuietTime(utcAt('2026-03-27T07:00'), ZONE, []), false); // 08:00 local
    assert.equal(isQuietTime(utcAt('2026-03-30T06:00'), ZONE, []), false); // 08:00 local
    assert.equal(isQuietTime(utcAt('2026-03-30T15:00'), ZONE, []), true); // 17:00 local
  });

  it('should read school hours in local time on both sides of the autumn DST change (2026-10-25)', () => {
    // Friday 23 October: UTC+2. Monday 26 October: UTC+1.
    assert.equal(isQuietTime(utcAt('2026-10-23T06:00'), ZONE, []), false); // 08:00 local
    assert.equal(isQuietTime(utcAt('2026-10-26T06:30'), ZONE, []), true); // 07:30 local
    assert.equal(isQuietTime(utcAt('2026-10-26T15:30'), ZONE, []), false); // 16:30 local
    assert.equal(isQuietTime(at('2026-10-25T10:00'), ZONE, []), true); // the DST Sunday itself
  });

  it('should be quiet at every moment when the school hours are impossible', () => {
    assert.equal(isQuietTime(at('2026-03-10T10:00'), ZONE, [], { start: 17, end: 8 }), true);
  });
});

describe('domain/quiet-time: nextSendableMoment', () => {
  it('should return now when now is not quiet', () => {
    const now = at('2026-03-10T10:15');
    assert.equal(nextSendableMoment(now, ZONE, [])!.toMillis(), now.toMillis());
  });

  it('should return 08:00 the same day when it is a school day before school starts', () => {
    assert.equal(nextSendableMoment(at('2026-03-10T06:10'), ZONE, [])!.toISO(), '2026-03-10T08:00:00.000+01:00');
  });

  it('should return Monday 08:00 when it is Friday evening', () => {
    assert.equal(nextSendableMoment(at('2026-03-13T17:30'), ZONE, [])!.toISO(), '2026-03-16T08:00:00.000+01:00');
  });

  it('should return Monday 08:00 summer time when it is the weekend of the spring DST change', () => {
    const next = nextSendableMoment(at('2026-03-28T12:00'), ZONE, [])!;
    assert.equal(next.toISO(), '2026-03-30T08:00:00.000+02:00');
    assert.equal(next.toUTC().toISO(), '2026-03-30T06:00:00.000Z');
  });

  it('should return Monday 08:00 winter time when it is the DST Sunday in October', () => {
    const next = nextSendableMoment(utcAt('2026-10-25T01:30'), ZONE, [])!; // 02:30 local, the hour that happens twice
    assert.equal(next.toISO(), '2026-10-26T08:00:00.000+01:00');
  });

  it('should skip a quiet period and the weekend after it when now falls inside', () => {
    assert.equal(
      nextSendableMoment(at('2026-04-28T11:00'), ZONE, [MEIVAKANTIE])!.toISO(),
      '2026-05-04T08:00:00.000+02:00',
    );
    const untilFriday: QuietPeriod = { start: '2026-05-04', end: '2026-05-08', label: 'studieweek' };
    assert.equal(
      nextSendableMoment(at('2026-04-28T11:00'), ZONE, [MEIVAKANTIE, untilFriday])!.toISO(),
      '2026-05-11T08:00:00.000+02:00',
    );
  });

  it('should start at the given school hours when they differ from the default', () => {
    assert.equal(
      nextSendableMoment(at('2026-03-10T15:10'), ZONE, [], { start: 8.5, end: 15 })!.toISO(),
      '2026-03-11T08:30:00.000+01:00',
    );
  });

  it('should return a moment that is not quiet when given any moment of the year', () => {
    for (let day = at('2026-01-01T00:00'); day.year === 2026; day = day.plus({ hours: 7 })) {
      const next = nextSendableMoment(day, ZONE, [MEIVAKANTIE])!;
      assert.equal(isQuietTime(next, ZONE, [MEIVAKANTIE]), false, day.toISO()!);
      assert.ok(next >= day);
    }
  });

  it('should return undefined when the school hours are impossible', () => {
    assert.equal(nextSendableMoment(at('2026-03-10T10:00'), ZONE, [], { start: 9, end: 9 }), undefined);
  });
});

describe('domain/quiet-time: nudgeAllowed', () => {
  it('should allow a nudge when the person was never nudged', () => {
    assert.equal(nudgeAllowed(undefined, at('2026-03-10T10:00'), 3), true);
  });

  it('should refuse a nudge when fewer calendar days than the minimum have passed', () => {
    assert.equal(nudgeAllowed(at('2026-03-09T16:00'), at('2026-03-11T16:59'), 3), false);
    assert.equal(nudgeAllowed(at('2026-03-10T09:00'), at('2026-03-10T16:00'), 1), false);
  });

  it('should allow a nudge on the third calendar day when the last one was late in the afternoon', () => {
    // Monday 16:00 to Thursday 08:00 is only 64 hours, but three school days later.
    assert.equal(nudgeAllowed(at('2026-03-09T16:00'), at('2026-03-12T08:00'), 3), true);
  });

  it('should count calendar days across the autumn DST change when the clock goes back', () => {
    assert.equal(nudgeAllowed(at('2026-10-23T16:00'), at('2026-10-26T08:00'), 3), true);
    assert.equal(nudgeAllowed(at('2026-10-24T00:30'), at('2026-10-26T23:30'), 3), false);
  });

  it('should count in the zone of now when the last nudge is stored in UTC', () => {
    // 2026-03-09T23:30Z is already 10 March in Amsterdam.
    assert.equal(nudgeAllowed(utcAt('2026-03-09T23:30'), at('2026-03-12T10:00'), 3), false);
    assert.equal(nudgeAllowed(utcAt('2026-03-09T22:30'), at('2026-03-12T10:00'), 3), true);
  });

  it('should refuse a nudge when the last one is in the future', () => {
    assert.equal(nudgeAllowed(at('2026-03-12T10:00'), at('2026-03-10T10:00'), 0), false);
  });

  it('should allow a nudge at once when the minimum is zero', () => {
    assert.equal(nudgeAllowed(at('2026-03-10T09:00'), at('2026-03-10T09:05'), 0), true);
  });
});
