import { runService } from '@tidings/config';
import { createDispatcher } from './dispatcher.ts';
import { loadDispatcherConfig } from './environment.ts';

await runService(async () => {
  const dispatcher = createDispatcher(loadDispatcherConfig());
  const shutdown = async () => {
    await dispatcher.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await dispatcher.start();
});
