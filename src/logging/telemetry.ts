/**
 * Application Insights, when APPLICATIONINSIGHTS_CONNECTION_STRING is set: requests,
 * dependencies and exceptions through the applicationinsights SDK (OpenTelemetry based).
 * Without a connection string nothing is loaded and nothing leaves the process.
 */
export interface Telemetry {
  readonly enabled: boolean;
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const disabled: Telemetry = { enabled: false, flush: async () => undefined, stop: async () => undefined };

export function startTelemetry(connectionString: string): Telemetry {
  if (connectionString === '') return disabled;
  // Loaded lazily: the SDK patches http and is only wanted when telemetry is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const appInsights = require('applicationinsights') as typeof import('applicationinsights');
  appInsights
    .setup(connectionString)
    .setAutoCollectConsole(false, false) // console output may carry text; pino lines stay local
    .setAutoCollectRequests(true)
    .setAutoCollectDependencies(true)
    .setAutoCollectExceptions(true)
    .setSendLiveMetrics(false)
    .start();
  const client = appInsights.defaultClient;
  return {
    enabled: true,
    flush: async () => {
      await client.flush();
    },
    stop: async () => {
      await client.flush();
      appInsights.dispose();
    },
  };
}
