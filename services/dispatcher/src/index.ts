import { runService } from '@tidings/config';
import { startTelemetry } from '@tidings/telemetry';
import { createDispatcher } from './dispatcher.ts';
import { loadDispatcherConfig } from './environment.ts';

await runService(async () => {
  // First: spans and metrics from everything that follows.
  const telemetry = await startTelemetry({ serviceName: 'tidings-dispatcher' });
  const dispatcher = createDispatcher(loadDispatcherConfig());
  const shutdown = async () => {
    await dispatcher.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await dispatcher.start();
});
