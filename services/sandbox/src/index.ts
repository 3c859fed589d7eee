import { loadEnvironment } from './environment.ts';
import { DINGTALK_PREFIX, defaultEmulators, startSandbox } from './sandbox.ts';
import { smtpInbox } from './smtp/inbox.ts';
import { startSmtpEmulator } from './smtp/index.ts';

// Wiring only. For programmatic use import `@tidings/sandbox/sandbox` (startSandbox, createSandbox);
// the guard keeps an accidental import of this entry point from starting a server.
if (import.meta.main) {
  const environment = loadEnvironment();
  const smtp = await startSmtpEmulator({ host: environment.http.host, port: environment.http.smtpPort });
  const running = await startSandbox({
    host: environment.http.host,
    port: environment.http.port,
    rateLimits: environment.dingtalk.rateLimits,
    emulators: [
      ...Object.values(defaultEmulators({ rateLimits: environment.dingtalk.rateLimits })),
      smtpInbox(smtp),
    ],
  });
  console.log(
    `sandbox listening on ${running.url} (DingTalk robot base URL ${running.url}${DINGTALK_PREFIX}, rate limits ${
      environment.dingtalk.rateLimits ? 'on' : 'off'
    }); SMTP on ${environment.http.host}:${smtp.port}, inbox ${running.url}/_sandbox/smtp/messages`,
  );
  const shutdown = (signal: NodeJS.Signals) => {
    console.log(`${signal}: stopping sandbox`);
    Promise.all([running.stop(), smtp.stop()]).then(
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
