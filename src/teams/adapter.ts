/** The CloudAdapter with Tweetal's error handler: log once with ids, tell the user kindly. */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';
import { t } from '../i18n/translate';
import type { Logger } from '../logging/logger';
import { createBotFrameworkAuthentication } from './authentication';
import { turnInfo } from './turn-info';
import { DateTime } from 'luxon';

/** CloudAdapter with its activity processing open to our own HTTP route (which validates first). */
export class TweetalAdapter extends CloudAdapter {
  processIncoming(
    authHeader: string,
    activity: Activity,
    logic: (turn: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function createAdapter(
  config: Config,
  logger: Logger,
  credentialsFactory?: ServiceClientCredentialsFactory,
): TweetalAdapter {
  const adapter = new TweetalAdapter(createBotFrameworkAuthentication(config, credentialsFactory));
  adapter.onTurnError = async (turn: TurnContext, error: Error) => {
    const activity = turn.activity;
    // Ids and the error's name only: never the activity's text or card values.
    logger.error(
      {
        err: {
          name: error?.name,
          message: error?.message,
          code: (error as { code?: string })?.code,
          stack: error?.stack,
        },
        activityId: activity?.id,
        activityType: activity?.type,
        conversationId: activity?.conversation?.id,
        tenantId: activity?.conversation?.tenantId,
      },
      'turn failed',
    );
    if (activity?.type === 'invoke') return;
    try {
      const { locale } = turnInfo(activity, config.defaultLocale, DateTime.utc());
      await turn.sendActivity(t(locale, 'errors.INTERNAL'));
    } catch (sendError) {
      logger.warn(
        { activityId: activity?.id, err: { name: (sendError as Error)?.name } },
        'could not tell the user about the failed turn',
      );
    }
  };
  return adapter;
}
