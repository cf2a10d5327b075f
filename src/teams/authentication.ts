/**
 * Bot Framework authentication from our config. botbuilder itself answers 500 for some bad
 * tokens (signed by an unknown key, HS256); this wrapper turns every failure to authenticate an
 * inbound request into an AuthenticationError with 401, so a bad token is never a server error.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';

class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }
}

function asUnauthorized(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError && error.statusCode === 401) return error;
  return new AuthenticationError(`Unauthorized: ${(error as Error)?.message ?? 'invalid token'}`, 401);
}

export function createBotFrameworkAuthentication(
  config: Config,
  credentialsFactory?: ServiceClientCredentialsFactory,
): ConfigurationBotFrameworkAuthentication {
  const { bot } = config;
  const options = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
    ...(bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl } : {}),
    ...(bot.tokenIssuer ? { ToBotFromChannelTokenIssuer: bot.tokenIssuer } : {}),
  };
  const credentials =
    credentialsFactory ??
    new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: bot.appId,
      MicrosoftAppPassword: bot.appPassword,
      MicrosoftAppType: bot.appType,
      MicrosoftAppTenantId: bot.appTenantId,
    });
  return new StrictBotFrameworkAuthentication(options, credentials);
}
