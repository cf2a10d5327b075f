/** Deterministic ids for pairs and their cycles: the same group in the same programme gets the same id. */
import { createHash } from 'node:crypto';

const digest = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 24);

/** `attempt` > 1 when an earlier pair of exactly these members in this programme was closed. */
export function pairIdFor(programmeId: string, memberIds: readonly string[], attempt = 1): string {
  const base = `pair-${digest(`${programmeId}|${[...memberIds].sort().join('|')}`)}`;
  return attempt > 1 ? `${base}-${attempt}` : base;
}

export const firstCycleIdFor = (pairId: string): string => `cycle-${pairId.slice('pair-'.length)}-1`;
