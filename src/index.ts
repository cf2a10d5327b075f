/** Entry point: read the configuration, start the service, stop cleanly on SIGTERM/SIGINT. */
import { ConfigError, loadConfigFromProcess } from './config';
import { startService } from './service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfigFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const service = await startService(config);
  const stop = async () => {
    await service.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Tweetal could not start: ${(error as Error)?.message ?? error}\n`);
  process.exit(1);
});
