// broker-restart: restart the Kafka broker while events keep coming.
//
// Shows: nothing is lost. Producers, the router's transactions and the senders' commits all fail while the
// broker is away; each must wait or retry, and the consumers rejoin their groups afterwards. The run uses a
// broker of its own (never the shared development one), on a fixed port so that every client finds it again
// at the same address, with its data under .data/faults/.
//
// KNOWN BUG (found by this scenario, not fixed yet; kept out of CI until it is; fails about two runs in
// three): just after the broker is back, the router's routing transaction fails with "Failed to find group
// coordinator" (the broker is still loading its group metadata). kafkajs reports it as non-retriable, the
// router's consumer crashes and is never restarted, and the process stays up answering /readyz 200 while no
// event is routed any more: every event after that moment is lost until someone restarts the router.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type RunningKafka, startLocalKafka } from '../../infra/kafka.ts';
import { freePort, sleep } from '../../infra/process.ts';
import { faultsRoot } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { emitPaced, range, type Scenario, withHarness } from './common.ts';

export const brokerRestart: Scenario = {
  name: 'broker-restart',
  proves:
    'restart the Kafka broker mid-run (a broker of its own, fixed port): 0 lost [KNOWN BUG: often fails]',
  events: { small: 300, large: 10_000 },
  async run(context) {
    const dataDir = join(faultsRoot, `broker-${Date.now().toString(36)}${randomBytes(2).toString('hex')}`);
    const port = await freePort();
    context.log(`broker-restart: starting a broker of its own on 127.0.0.1:${port} (${dataDir})`);
    let broker: RunningKafka | undefined = await startLocalKafka({ dataDir, port });
    const brokers = broker.brokers;
    try {
      return await withHarness(
        { ...context, kafkaBrokers: brokers },
        { scenario: 'broker-restart' },
        async (harness): Promise<ScenarioResult> => {
          await harness.startDispatcher();
          const windowMs = context.large ? 90_000 : 8_000;
          const downMs = context.large ? 20_000 : 2_000;
          const emitting = emitPaced(harness, range(context.events), windowMs);
          await sleep((0.2 + 0.4 * context.random()) * windowMs);
          const before = (await harness.ledger.statusCounts()).delivered;
          context.log(`broker-restart: stopping the broker at ${before} deliveries recorded`);
          await broker?.stop();
          broker = undefined;
          await sleep(downMs);
          broker = await startLocalKafka({ dataDir, port });
          context.log('broker-restart: broker is back');
          await emitting;
          await harness.settle({ stallMs: 120_000 });
          const counts = await harness.commonCounts();
          counts.push({ key: 'broker.restarts', label: 'broker restarts', value: 1 });
          return {
            scenario: 'broker-restart',
            summary: `${context.events} events over ${windowMs / 1000} s, broker down ${downMs / 1000} s after ${before} deliveries`,
            counts,
            notes: [],
          };
        },
      );
    } finally {
      await broker?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
