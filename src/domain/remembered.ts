/**
 * A pure function remembered by its arguments: the calendar facts a job run asks again and again
 * with the same moment, zone or date — the week of "now" in Europe/Amsterdam for every school,
 * the start of a programme's first day for every pair, a zone's offset on a day for every
 * instant. Bounded: when full it starts again (a run of one moment refills it in a few calls).
 * Only for values nobody can change: strings, numbers, booleans, luxon DateTimes (immutable).
 * Key by what decides the value (a moment's local date, not the moment): a key that differs on
 * every call — a turn's "now" — only fills the memory with garbage the collector must copy; when
 * only a job run's one moment repeats, remember the last one (`max` 1).
 */
export function remembered<A extends unknown[], R>(
  keyOf: (...args: A) => string,
  compute: (...args: A) => R,
  max = 10_000,
): (...args: A) => R {
  const values = new Map<string, R>();
  return (...args: A): R => {
    const key = keyOf(...args);
    const found = values.get(key);
    if (found !== undefined || values.has(key)) return found as R;
    const value = compute(...args);
    if (values.size >= max) values.clear();
    values.set(key, value);
    return value;
  };
}
