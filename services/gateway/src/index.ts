/** Entry point: environment → gateway, graceful stop on SIGINT/SIGTERM. Import `createGateway` from gateway.ts. */
import { runService } from '@tidings/config';
import { startTelemetry } from '@tidings/telemetry';
import { loadEnvironment } from './environment.ts';
import { createGateway } from './gateway.ts';

await runService(async () => {
  // First: spans and metrics from everything that follows.
  const telemetry = await startTelemetry({ serviceName: 'tidings-gateway' });
  const gateway = createGateway(loadEnvironment());
  await gateway.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`gateway: ${signal} received, draining`);
    gateway
      .stop()
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('gateway: shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
});
