import { loadEnvironment } from './environment.ts';
import { DINGTALK_PREFIX, startSandbox } from './sandbox.ts';

// Wiring only. For programmatic use import `@tidings/sandbox/sandbox` (startSandbox, createSandbox);
// the guard keeps an accidental import of this entry point from starting a server.
if (import.meta.main) {
  const environment = loadEnvironment();
  const running = await startSandbox({
    host: environment.http.host,
    port: environment.http.port,
    rateLimits: environment.dingtalk.rateLimits,
  });
  console.log(
    `sandbox listening on ${running.url} (DingTalk robot base URL ${running.url}${DINGTALK_PREFIX}, rate limits ${
      environment.dingtalk.rateLimits ? 'on' : 'off'
    })`,
  );
  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping sandbox`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('sandbox did not stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
