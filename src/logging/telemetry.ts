/**
 * Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: requests,
 * dependencies and exceptions through the applicationinsights SDK (Azure Monitor on
 * OpenTelemetry). Without a connection string nothing is loaded and nothing leaves the process.
 * Console output is not collected (pino lines stay local), and requests whose URL is itself a
 * secret (export download links) are not recorded at all.
 */
import type { IncomingMessage } from 'node:http';

export interface Telemetry {
  readonly enabled: boolean;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const disabled: Telemetry = { enabled: false, flush: async () => undefined, stop: async () => undefined };

/** URLs that carry a bearer secret in the path: never sent to telemetry. */
const SECRET_PATHS = [/^\/api\/export\//];

export const isSecretUrl = (url: string | undefined): boolean =>
  SECRET_PATHS.some((pattern) => pattern.test(url ?? ''));

export function startTelemetry(connectionString: string): Telemetry {
  if (connectionString === '') return disabled;
  // Loaded lazily: the SDK patches http and is only wanted when telemetry is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const monitor = require('applicationinsights') as typeof import('applicationinsights');
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    enableLiveMetrics: false,
    instrumentationOptions: {
      http: { enabled: true, ignoreIncomingRequestHook: (request: IncomingMessage) => isSecretUrl(request.url) },
      console: { enabled: false },
    },
  } as Parameters<typeof monitor.useAzureMonitor>[0]);
  return {
    enabled: true,
    flush: () => monitor.flushAzureMonitor(),
    stop: () => monitor.shutdownAzureMonitor(),
  };
}
