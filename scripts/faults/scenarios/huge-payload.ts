// huge-payload: valid events carrying a huge payload (a 700-900 KB comment pasted from a CSV export) among
// ordinary ones. Each fits Kafka's 1 MB limit as protobuf, but the delivery job the router writes embeds
// the event as JSON, which escapes the CSV's quotes and newlines to well over 1 MB.
//
// Shows: each huge event is dead-lettered with its reason (or delivered, should the router learn to cut it
// down); every ordinary event is delivered; no process stops routing or exits. The malformed scenario's
// huge payloads are invalid events (noise, over-long ids); this one is valid, which is what reaches routing.
//
// Found by this scenario (fixed): the router's transaction failed with Kafka's "message larger than the max
// message size", kafkajs called it non-retriable, the router's consumer crashed and was not restarted, and
// the process stayed up answering /readyz 200 while no event of any partition was routed any more. Now an
// event whose delivery job alone is over the router's per-record limit (900 KB, under Kafka's default
// 1 MB) goes to the events DLQ, its `tidings-dlq-reason` naming each job's size and the limit, and nothing
// else of its batch is held up; a DLQ copy that would itself be too large carries a JSON summary (event
// id, tenant, size, original position) instead of the event, and its reason says so.
import { kafkaNames } from '@tidings/kafka';
import { eq } from '../harness.ts';
import type { ScenarioResult } from '../report.ts';
import { readTopicToEnd } from '../topics.ts';
import { CASE_HEADER, hugeCommentEvent, hugeDeliveries } from '../world.ts';
import { range, recheck, type Scenario, shuffle, withHarness } from './common.ts';

export const hugePayload: Scenario = {
  name: 'huge-payload',
  proves:
    'valid events with 700-900 KB comments among ordinary ones: each dead-lettered (or delivered), all others delivered',
  events: { small: 100, large: 10_000 },
  run: (context) =>
    withHarness(context, { scenario: 'huge-payload' }, async (harness): Promise<ScenarioResult> => {
      await harness.startDispatcher();
      const huge = Math.min(40, Math.max(4, Math.round(context.events / 25)));
      const sequence = shuffle(
        [
          ...range(context.events).map((index) => ({ huge: false, index })),
          ...range(huge).map((index) => ({ huge: true, index })),
        ],
        context.random,
      );
      const workers = range(4).map(async () => {
        for (let item = sequence.shift(); item !== undefined; item = sequence.shift()) {
          if (item.huge)
            await harness.emitEvent(
              hugeCommentEvent(harness.world, item.index, context.random),
              `huge/${item.index}`,
            );
          else await harness.emitValid([item.index], 1);
        }
      });
      await Promise.all(workers);
      await harness.settle({ stallMs: 60_000 });
      const counts = await harness.commonCounts();
      recheck(counts, 'exits.unplanned', eq(0));
      // The common count calls a huge event's deliveries unexpected; they are accounted for below instead.
      const robotIds = (await harness.robotTally()).carried;
      const webhookIds = new Set([...harness.inbox.webhookDeliveries.values()].map((d) => d.deliveryId));
      const delivered = range(huge).filter((index) => {
        const ids = hugeDeliveries(harness.world, index);
        return robotIds.has(ids.robot) && webhookIds.has(ids.webhook);
      });
      recheck(counts, 'unexpected', eq(2 * delivered.length));

      const dlq = await readTopicToEnd(harness.kafka, kafkaNames(harness.prefix).ticketEventsDlq);
      const deadLettered = new Set(
        dlq
          .filter((record) => record.headers['tidings-dlq-reason'])
          .map((record) => record.headers[CASE_HEADER])
          .filter((id) => id?.startsWith(`${harness.runId}/huge/`)),
      );
      counts.push(
        { key: 'huge.sent', label: 'huge events sent', value: huge },
        {
          key: 'huge.deadLettered',
          label: 'huge events in the events DLQ with a reason',
          value: deadLettered.size,
        },
        { key: 'huge.delivered', label: 'huge events delivered on both channels', value: delivered.length },
        {
          key: 'huge.unaccounted',
          label: 'huge events neither dead-lettered nor delivered',
          value: huge - deadLettered.size - delivered.length,
          check: eq(0),
        },
        { key: 'router.errors', label: 'error lines the router logged', value: harness.router.errorLines() },
      );
      return {
        scenario: 'huge-payload',
        summary: `${context.events} ordinary and ${huge} huge events, shuffled`,
        counts,
        notes: [],
      };
    }),
};
