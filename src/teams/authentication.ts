/**
 * Bot Framework authentication from our config. botbuilder itself answers 500 for some bad
 * tokens (a forged or tampered signature, HS256, not yet valid: jsonwebtoken's errors escape it);
 * this wrapper turns every failure to authenticate an inbound request into an AuthenticationError
 * with 401, so a bad token is never a server error. The one exception is ours, not the caller's:
 * when the signing keys cannot be fetched it is 503, so the channel retries and we notice.
 */
import {
  CallerIdConstants,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Config } from '../config';

class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await super.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (error) {
      throw asUnauthorized(error);
    }
  }
}

/** The signing keys could not be read (OpenIdMetadata answers non-2xx, or the fetch failed). */
function keysUnavailable(error: unknown): boolean {
  const e = error as { name?: string; message?: string; statusCode?: number } | undefined;
  if (
    e instanceof AuthenticationError &&
    e.statusCode === 500 &&
    /^Failed to load (openID config|Keys)/.test(e.message ?? '')
  )
    return true;
  return e?.name === 'FetchError'; // node-fetch, used by botbuilder's OpenIdMetadata
}

function asUnauthorized(error: unknown): AuthenticationError {
  if (error instanceof AuthenticationError && error.statusCode === 401) return error;
  if (keysUnavailable(error)) {
    return new AuthenticationError(
      `Service unavailable: the Bot Framework signing keys could not be read (${(error as Error).message})`,
      503,
    );
  }
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
    // botbuilder drops ALL its public-cloud defaults as soon as one override is set; the inbound
    // overrides (local tests) must not take the outbound login, scope and caller id with them.
    ...(bot.openIdMetadataUrl || bot.tokenIssuer
      ? {
          ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: bot.tokenIssuer,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
        }
      : {}),
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
