/** Reads who, where and which language from an incoming activity (tolerant of missing fields). */
import type { Activity } from 'botbuilder';
import type { DateTime } from 'luxon';
import type { Locale } from '../domain/entities';
import { resolveLocale } from '../i18n/translate';
import type { TurnInfo } from './context';

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
}

export function tenantOf(activity: Partial<Activity>): string {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return (activity.conversation?.tenantId ?? channelData.tenant?.id ?? '').toLowerCase();
}

export function teamOf(activity: Partial<Activity>): { id?: string; name?: string } {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  return { id: channelData.team?.id, name: channelData.team?.name };
}

/** Who acts: the Entra object id (from.aadObjectId), else the channel account id; undefined when neither. */
export const userIdOf = (activity: Partial<Activity>): string | undefined =>
  activity.from?.aadObjectId || activity.from?.id || undefined;

export function turnInfo(activity: Partial<Activity>, defaultLocale: Locale, now: DateTime): TurnInfo {
  const conversationType = activity.conversation?.conversationType;
  const team = teamOf(activity);
  return {
    userId: userIdOf(activity) ?? 'unknown',
    userName: activity.from?.name ?? '',
    tenantId: tenantOf(activity) || 'no-tenant',
    conversationType:
      conversationType === 'channel' || conversationType === 'groupChat' ? conversationType : 'personal',
    ...(team.id ? { teamId: team.id } : {}),
    locale: resolveLocale(activity.locale, defaultLocale),
    now,
  };
}
