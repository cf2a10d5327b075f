/**
 * An incoming activity through the CloudAdapter: authenticated, then run by the bot. The HTTP
 * route sees only the outcome, so botbuilder stays in src/teams.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { TweetalAdapter } from './adapter';
import { TokenRefused } from './channel-token';

export type IncomingOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly body?: unknown }
  /** The token was missing, forged, expired or for another bot; `reason` is one fixed word when known. */
  | { readonly kind: 'refused'; readonly status: 401 | 403; readonly reason: string }
  /** The signing keys could not be fetched: the token cannot be checked now. */
  | { readonly kind: 'keys-unavailable'; readonly message: string };

/** Processes one activity (already checked for shape) with its Authorization header. */
export type ReceiveActivity = (authHeader: string, activity: Record<string, unknown>) => Promise<IncomingOutcome>;

export function activityReceiver(adapter: TweetalAdapter, bot: ActivityHandler): ReceiveActivity {
  return async (authHeader, activity) => {
    try {
      const answer = await adapter.processIncoming(authHeader, activity as Partial<Activity> as Activity, (turn) =>
        bot.run(turn),
      );
      return { kind: 'answered', status: answer?.status ?? 200, body: answer?.body as unknown };
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (error.statusCode === 503) return { kind: 'keys-unavailable', message: error.message };
      return {
        kind: 'refused',
        status: error.statusCode === 403 ? 403 : 401,
        reason: error instanceof TokenRefused ? error.reason : authHeader.trim() === '' ? 'no-token' : 'rejected',
      };
    }
  };
}
