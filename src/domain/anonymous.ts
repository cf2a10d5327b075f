/**
 * The token that replaces a person's id in shared documents after they deleted their data
 * ("my data"): the school's anonymous counts stay, the person is gone — not unreachable, and
 * never a recipient of anything.
 */
const ANONYMOUS = /^anon-[0-9a-f]{32}$/;

/** `randomHex` is 32 hex characters from the caller's random source (the domain has none). */
export function anonymousToken(randomHex: string): string {
  const token = `anon-${randomHex.toLowerCase()}`;
  if (!ANONYMOUS.test(token)) throw new Error('anonymousToken needs 32 hex characters');
  return token;
}

export const isAnonymous = (id: string): boolean => ANONYMOUS.test(id);

/**
 * The school's anonymity rule for aggregates: a count is shown only when at least this many
 * different pairs stand behind it, so that no count can be read back to a person or a pair.
 */
export const MIN_AGGREGATE_PAIRS = 3;

/** May an aggregate over `pairCount` different pairs be shown? */
export const isAggregateShown = (pairCount: number): boolean => pairCount >= MIN_AGGREGATE_PAIRS;
