/**
 * The baseline for the benchmark: a bare botbuilder bot (CloudAdapter + ActivityHandler that
 * echoes the text, and answers a card's Action.Execute or refresh invoke with a message) on restify,
 * with no authentication — the least a botbuilder bot on this
 * stack can do per message. Tweetal is measured against it.
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import {
  ActivityHandler,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';

export interface RunningEcho {
  readonly url: string;
  close(): Promise<void>;
}

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (turn, next) => {
      await turn.sendActivity(`Echo: ${turn.activity.text ?? ''}`);
      await next();
    });
  }

  /** A card action or refresh (adaptiveCard/action): answer with a message, the least an invoke can get. */
  protected override async onAdaptiveCardInvoke(
    _turn: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: `Echo: ${invokeValue.action.verb}`,
    } as never;
  }
}

export async function startEchoBot(host = '127.0.0.1', port = 0): Promise<RunningEcho> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  adapter.onTurnError = async (turn, error) => {
    console.error(JSON.stringify({ echoBotError: error.message }));
    await turn.sendActivity('The echo bot failed.');
  };
  const bot = new EchoBot();
  // The same server set-up as Tweetal's (src/http/server.ts), so the comparison is fair.
  const server = restify.createServer({ name: 'echo', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 512 * 1024, rejectUnknown: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (turn) => bot.run(turn));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
