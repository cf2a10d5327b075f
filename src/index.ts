/** Entry point: read the configuration, start the service, stop cleanly on SIGTERM/SIGINT. */
import { loadConfigOrExit } from './config';
import { startTelemetry } from './logging/telemetry';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // Telemetry first: OpenTelemetry instruments http when it is loaded, so the service (restify,
  // botbuilder) is imported only after it started; otherwise no request is ever recorded.
  const telemetry = startTelemetry(config.appInsightsConnectionString);
  const { startService } = await import('./service');
  const service = await startService(config, { telemetry });
  const stop = async () => {
    await service.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Tweetal could not start: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
