/** Entry point: environment → gateway, graceful stop on SIGINT/SIGTERM. Import `createGateway` from gateway.ts. */
import { runService } from '@tidings/config';
import { loadEnvironment } from './environment.ts';
import { createGateway } from './gateway.ts';

await runService(async () => {
  const gateway = createGateway(loadEnvironment());
  await gateway.start();

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`gateway: ${signal} received, draining`);
    gateway.stop().then(
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
