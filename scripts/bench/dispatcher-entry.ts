// The dispatcher as services/dispatcher/src/index.ts runs it (telemetry first, then the dispatcher), but reading the state topics under a prefix
// of the benchmark's own (BENCH_STATE_PREFIX). The stock entry reads the shared, unprefixed state topics,
// which every dispatcher on this Kafka replays on start: a benchmark's 100,000 people there would slow every
// other engineer's tests, and their state would blur this process's memory figure.
import { runService } from '@tidings/config';
import { identityOutcomesTopic, type StateTopicName, stateTopics } from '@tidings/state';
import { startTelemetry } from '@tidings/telemetry';
import { createDispatcher } from '../../services/dispatcher/src/dispatcher.ts';
import { loadDispatcherConfig } from '../../services/dispatcher/src/environment.ts';

const prefix = process.env.BENCH_STATE_PREFIX ?? '';

await runService(async () => {
  const telemetry = await startTelemetry({ serviceName: 'tidings-dispatcher' });
  const config = loadDispatcherConfig();
  const dispatcher = createDispatcher({
    ...config,
    stateTopics: Object.fromEntries(
      Object.entries(stateTopics).map(([entity, topic]) => [entity, prefix + topic]),
    ) as Record<StateTopicName, string>,
    identityOutcomesTopic: prefix + identityOutcomesTopic,
  });
  const shutdown = async () => {
    await dispatcher.stop();
    await telemetry.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await dispatcher.start();
});
