/**
 * Bot Framework authentication from our config. botbuilder itself answers 500 for some bad
 * tokens (a forged or tampered signature, HS256, not yet valid: jsonwebtoken's errors escape it);
 * this wrapper turns every failure to authenticate an inbound request into an AuthenticationError
 * with 401, so a bad token is never a server error. The one exception is ours, not the caller's:
 * when the signing keys cannot be fetched it is 503, so the channel retries and we notice.
 *
 * Every token is first checked by channel-token.ts, so a token botbuilder would refuse never
 * reaches the code in botbuilder that prints keys and stack traces to stderr through `console`:
 * a refused request leaves one log line (the HTTP route's), nothing else.
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
  type ClaimsIdentity,
  type ServiceClientCredentialsFactory,
  type UserTokenClient,
} from 'botframework-connector';
import type { Config } from '../config';
import { channelTokenCheck, type ChannelTokenCheck } from './channel-token';
import { ReusedClients } from './reused-clients';

/** The bot's app id for a turn, as botbuilder reads it: the audience claim, else the appid claim. */
const appIdOf = (identity: ClaimsIdentity): string | undefined =>
  identity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
  identity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
  undefined;

class StrictBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ReusedClients();

  constructor(
    options: ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[0],
    credentials: ServiceClientCredentialsFactory,
    private readonly checkToken: ChannelTokenCheck,
  ) {
    super(options, credentials);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      // No header: botbuilder decides (anonymous only when authentication is disabled).
      if (authHeader.trim() !== '') await this.checkToken(authHeader, activity.channelId);
      return this.reusingClients(await super.authenticateRequest(activity, authHeader));
    } catch (error) {
      throw asUnauthorized(error);
    }
  }

  /**
   * An inbound turn's connector client is one of those kept (src/teams/reused-clients.ts).
   * Proactive sends (createConnectorFactory, through continueConversationAsync) keep botbuilder's
   * client per call: src/teams/proactive/single-attempt.ts changes that client's pipeline for one
   * attempt (no built-in retries, its pacing and time limit).
   */
  private reusingClients(result: AuthenticateRequestResult): AuthenticateRequestResult {
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.clients.connectorFactory(result.connectorFactory, appIdOf(result.claimsIdentity)),
    };
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(appIdOf(identity), () => super.createUserTokenClient(identity));
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return this.reusingClients(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
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
  const checkToken = channelTokenCheck({
    metadataUrl: bot.openIdMetadataUrl || AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    issuer: bot.tokenIssuer || AuthenticationConstants.ToBotFromChannelTokenIssuer,
    isValidAppId: (appId) => credentials.isValidAppId(appId),
  });
  return new StrictBotFrameworkAuthentication(options, credentials, checkToken);
}
