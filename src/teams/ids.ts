/** Deterministic, store-safe ids for schools and people's documents. */
import { createHash } from 'node:crypto';

/** Digests already computed: a turn derives the same few ids (its tenant, its people) several times. */
const digests = new Map<string, string>();

const digest = (value: string): string => {
  let found = digests.get(value);
  if (found === undefined) {
    found = createHash('sha256').update(value).digest('hex').slice(0, 32);
    if (digests.size >= 10_000) digests.clear();
    digests.set(value, found);
  }
  return found;
};

/** A school is one Teams team: tenant + team id. */
export const schoolIdFor = (tenantId: string, teamId: string): string =>
  `school-${digest(`${tenantId.toLowerCase()}|${teamId}`)}`;

/** Personal data that does not belong to one team (conversation references) lives per tenant. */
export const tenantPartitionFor = (tenantId: string): string => `tenant-${digest(tenantId.toLowerCase())}`;

export const personReferenceId = (userId: string): string => `ref-${digest(userId)}`;
