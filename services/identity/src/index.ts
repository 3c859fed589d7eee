import { runService } from '@tidings/config';
import { runUntilSignalled } from '@tidings/graphql';
import { startTelemetry } from '@tidings/telemetry';
import { loadEnvironment } from './environment.ts';
import { createIdentityService } from './service.ts';

await runService(async () => {
  // First: spans and metrics from everything that follows.
  await startTelemetry({ serviceName: 'tidings-identity' });
  await runUntilSignalled(createIdentityService(loadEnvironment()));
});
