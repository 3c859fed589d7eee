import { runService } from '@tidings/config';
import { runUntilSignalled } from '@tidings/graphql';
import { startTelemetry } from '@tidings/telemetry';
import { loadEnvironment } from './environment.ts';
import { createChannelsService } from './service.ts';

await runService(async () => {
  // First: spans and metrics from everything that follows.
  await startTelemetry({ serviceName: 'tidings-channels' });
  await runUntilSignalled(createChannelsService(loadEnvironment()));
});
