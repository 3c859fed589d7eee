// broker-restart: restart the Kafka broker while events keep coming.
//
// Shows: nothing is lost. Producers, the router's transactions and the senders' commits all fail while the
// broker is away; each must wait or retry, and the consumers rejoin their groups afterwards. The run uses a
// broker of its own (never the shared development one), on a fixed port so that every client finds it again
// at the same address, with its data under .data/faults/.
//
// Found by this scenario (fixed): just after the broker is back, the router's routing transaction failed
// with "Failed to find group coordinator" (the broker still loading its group metadata; kafkajs calls it
// non-retriable), the router's consumer crashed and was never restarted, and the process stayed up
// answering /readyz 200 while no event was routed any more (372-440 of 600 deliveries lost in 3 runs of 5).
// The router now aborts, backs off and routes the batch again on transient Kafka errors (coordinator
// loading, moved or not found, leader elections, lost connections), and its consumer runs under
// superviseConsumer (@tidings/kafka), which starts it again after any crash kafkajs will not restart.
//
// Found next (fixed in e9b8fff): the state materialiser's consumer (services/dispatcher/src/state/
// materialiser.ts, in both processes) died the same way about one run in five, and that process worked on
// with the rules and people it last knew. It runs under superviseConsumer now too, resuming from its own
// group's committed offsets, and `state materialisers: consumer crashes nobody restarted` is checked like
// the others, with no tolerance.
//
// Open (seen once in 6 small runs after e9b8fff, not reproduced in the next 4): one event of 300 (e154)
// lost on both channels, while the router retried "another concurrent operation on the same transaction
// was ongoing" (CONCURRENT_TRANSACTIONS) after the restart and dropped a duplicate of another event (the
// harness had re-produced it after a produce that failed but had landed). Not yet known whether the event
// never reached the topic or the router skipped it: a run that loses an event now says, per lost event,
// whether it is on the events topic, how many committed jobs each delivery has, and the ledger's status
// (Harness.explainLost, in the notes).
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
  proves: 'restart the Kafka broker mid-run (a broker of its own, fixed port): 0 lost, no consumer left dead',
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
