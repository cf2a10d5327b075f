/** Stored conversation references that point at the Bot Connector stand-in (for the real sender). */
import type { Store } from '../../src/store/store';
import { personReferenceId, tenantPartitionFor } from '../../src/teams/ids';
import { BOT_ID } from '../support/teams-activities';

export const conversationOf = (userId: string): string => `a:personal-${userId}`;

export async function addReachablePeople(
  store: Store,
  tenantId: string,
  userIds: readonly string[],
  serviceUrl: string,
  locale: 'nl' | 'en' = 'nl',
): Promise<void> {
  for (const userId of userIds) {
    await store.upsert({
      type: 'personReference',
      id: personReferenceId(userId),
      schoolId: tenantPartitionFor(tenantId),
      personIds: [userId],
      userId,
      tenantId,
      name: `Leraar ${userId}`,
      locale,
      reference: {
        serviceUrl,
        channelId: 'msteams',
        conversation: { id: conversationOf(userId), conversationType: 'personal', tenantId },
        user: { id: `29:${userId}`, aadObjectId: userId },
        bot: { id: BOT_ID, name: 'Tweetal' },
      },
      reachable: true,
      updatedAt: '2026-01-10T10:00:00.000Z',
    });
  }
}
