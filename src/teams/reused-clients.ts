/**
 * Connector and user-token clients reused across turns. botbuilder makes a new ConnectorClient
 * and a new UserTokenClient for every inbound activity (and every proactive send): each builds
 * an HTTP pipeline of about a dozen policies, which cost a tenth of a card refresh's CPU. A
 * client holds no per-turn state (its credentials take their token from botbuilder's shared
 * token cache), so one per bot app id, service URL and audience serves every inbound turn. Not
 * the proactive sends: they change their client's pipeline for one attempt (see authentication.ts).
 *
 * Bounded: the service URLs are Teams' few regional ones, but they come from the activity, so at
 * most MAX_CLIENTS are kept (the oldest used is let go first). A failed creation is not kept.
 */
import type { ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { LeastRecentlyUsed } from '../domain/least-recently-used';

const MAX_CLIENTS = 64;

const keyOf = (...parts: readonly (string | undefined)[]): string => parts.map((part) => part ?? '').join('\n');

/** A ConnectorFactory that hands out the client kept for its app id, service URL and audience. */
class ReusingConnectorFactory implements ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string | undefined,
    private readonly clients: LeastRecentlyUsed<ConnectorClient>,
  ) {}

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.clients.get(keyOf(this.appId, serviceUrl, audience), () => this.inner.create(serviceUrl, audience));
  }
}

/** The clients of one bot authentication: connector clients and user-token clients. */
export class ReusedClients {
  private readonly connectors = new LeastRecentlyUsed<ConnectorClient>(MAX_CLIENTS);
  private readonly userTokens = new LeastRecentlyUsed<UserTokenClient>(MAX_CLIENTS);

  connectorFactory(inner: ConnectorFactory, appId: string | undefined): ConnectorFactory {
    return new ReusingConnectorFactory(inner, appId, this.connectors);
  }

  userTokenClient(appId: string | undefined, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.userTokens.get(keyOf(appId), create);
  }
}
