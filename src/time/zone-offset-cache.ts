/**
 * Faster time-zone arithmetic: luxon computes an IANA zone's UTC offset on every conversion
 * through Intl.DateTimeFormat#formatToParts (IANAZone#offset), which is most of the CPU of a
 * digest run (calendar days, school hours and due dates of every pair) and shows up in every
 * card that formats a date. An offset only changes at a transition (DST), so this remembers it
 * per zone and UTC quarter hour — when the offset is the same at both ends of the quarter hour;
 * a quarter hour with a transition inside is computed exactly each time. Every zone transition
 * in the tz database lies more than a quarter hour from the next one, so the answers are the
 * same as luxon's own; only faster.
 *
 * The composition root installs it once (installZoneOffsetCache); code that does not install it
 * computes the same results more slowly.
 */
import { IANAZone } from 'luxon';

const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** Per zone: about 20 years of quarter hours would be 700,000; a run touches a few thousand. */
const MAX_ENTRIES_PER_ZONE = 50_000;

export type OffsetOf = (zone: string, ts: number) => number;

/** Wraps an exact offset function (minutes east of UTC) with the per-quarter-hour memory. */
export function rememberOffsets(exact: OffsetOf): OffsetOf {
  const zones = new Map<string, Map<number, number>>();
  return (zone, ts) => {
    if (!Number.isFinite(ts)) return exact(zone, ts);
    const quarter = Math.floor(ts / QUARTER_HOUR_MS);
    let known = zones.get(zone);
    if (!known) {
      known = new Map<number, number>();
      zones.set(zone, known);
    }
    const remembered = known.get(quarter);
    if (remembered !== undefined) return remembered;
    const start = exact(zone, quarter * QUARTER_HOUR_MS);
    const end = exact(zone, (quarter + 1) * QUARTER_HOUR_MS - 1);
    if (start !== end && !(Number.isNaN(start) && Number.isNaN(end))) return exact(zone, ts);
    if (known.size >= MAX_ENTRIES_PER_ZONE) known.clear();
    known.set(quarter, start);
    return start;
  };
}

let installed = false;

/** Makes luxon's IANA zones remember their offsets (once per process; later calls do nothing). */
export function installZoneOffsetCache(): void {
  if (installed) return;
  installed = true;
  const prototype = IANAZone.prototype as { offset: (this: IANAZone, ts: number) => number };
  const exactOffset = prototype.offset;
  const zones = new Map<string, IANAZone>();
  const offsetOf = rememberOffsets((name, ts) => exactOffset.call(zones.get(name)!, ts));
  prototype.offset = function offset(this: IANAZone, ts: number): number {
    if (!this.isValid) return exactOffset.call(this, ts);
    if (!zones.has(this.name)) zones.set(this.name, this);
    return offsetOf(this.name, ts);
  };
}
