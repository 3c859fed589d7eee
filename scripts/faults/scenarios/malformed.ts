// malformed: as many malformed events as valid ones, shuffled together on the same partitions: random bytes,
// fields of the wrong JSON type, missing ids, and huge payloads (300-900 KB).
//
// Shows: each malformed event is in the events DLQ with its reason (`tidings-dlq-reason`), once; every valid
// one is delivered; and no dispatcher process exits (a poison pill is dead-lettered, never a crash).
import { kafkaNames } from '@tidings/kafka';
import { eq } from '../harness.ts';
import type { Count, ScenarioResult } from '../report.ts';
import { readTopicToEnd } from '../topics.ts';
import { CASE_HEADER, type MalformedKind, malformedEvent, malformedKinds } from '../world.ts';
import { range, recheck, type Scenario, shuffle, withHarness } from './common.ts';

const DLQ_REASON_HEADER = 'tidings-dlq-reason';

export const malformed: Scenario = {
  name: 'malformed',
  proves:
    'N malformed events among N valid ones: each in the events DLQ with its reason, all valid delivered, no restarts',
  events: { small: 150, large: 10_000 },
  run: (context) =>
    withHarness(context, { scenario: 'malformed' }, async (harness): Promise<ScenarioResult> => {
      await harness.startDispatcher();
      const { random } = context;
      // Huge ones are few: each is up to 900 KB on the broker's disk.
      const huge = Math.min(40, Math.max(2, Math.round(context.events / 25)));
      const kinds: MalformedKind[] = range(context.events).map((i) =>
        i < huge ? 'huge' : malformedKinds[i % 3]!,
      );
      const sequence = shuffle(
        [
          ...range(context.events).map((index) => ({ valid: true as const, index })),
          ...kinds.map((kind, index) => ({ valid: false as const, index, kind })),
        ],
        random,
      );
      const sentByKind = new Map<MalformedKind, number>();
      const workers = range(4).map(async () => {
        for (let item = sequence.shift(); item !== undefined; item = sequence.shift()) {
          if (item.valid) await harness.emitValid([item.index], 1);
          else {
            await harness.emitRaw(malformedEvent(harness.world, item.kind, item.index, random));
            sentByKind.set(item.kind, (sentByKind.get(item.kind) ?? 0) + 1);
          }
        }
      });
      await Promise.all(workers);
      await harness.settle({ stallMs: 90_000 });
      const counts = await harness.commonCounts();
      recheck(counts, 'exits.unplanned', eq(0));

      const dlq = await readTopicToEnd(harness.kafka, kafkaNames(harness.prefix).ticketEventsDlq);
      const seen = new Map<string, number>();
      let withoutReason = 0;
      let valid = 0;
      const inDlqByKind = new Map<MalformedKind, Set<string>>();
      for (const record of dlq) {
        const id = record.headers[CASE_HEADER];
        if (!id?.startsWith(`${harness.runId}/`)) continue;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        if (!record.headers[DLQ_REASON_HEADER]) withoutReason += 1;
        const kind = id.split('/')[1] as MalformedKind | 'valid';
        if (kind === 'valid') valid += 1;
        else {
          const ids = inDlqByKind.get(kind) ?? new Set();
          ids.add(id);
          inDlqByKind.set(kind, ids);
        }
      }
      const malformedCount = kinds.length;
      const perKind: Count[] = malformedKinds.map((kind) => ({
        key: `dlq.${kind}`,
        label: `in the events DLQ: ${kind} (of ${sentByKind.get(kind) ?? 0} sent)`,
        value: inDlqByKind.get(kind)?.size ?? 0,
        check: eq(sentByKind.get(kind) ?? 0),
      }));
      counts.push(
        { key: 'malformed.sent', label: 'malformed events sent', value: malformedCount },
        ...perKind,
        {
          key: 'dlq.missing',
          label: 'malformed events not in the events DLQ',
          value: malformedCount - [...inDlqByKind.values()].reduce((sum, ids) => sum + ids.size, 0),
          check: eq(0),
        },
        {
          key: 'dlq.noReason',
          label: `DLQ records without ${DLQ_REASON_HEADER}`,
          value: withoutReason,
          check: eq(0),
        },
        {
          key: 'dlq.duplicates',
          label: 'DLQ records of an event already dead-lettered',
          value: [...seen.values()].reduce((sum, n) => sum + n - 1, 0),
          check: eq(0),
        },
        { key: 'dlq.valid', label: 'valid events in the DLQ', value: valid, check: eq(0) },
        {
          key: 'router.errors',
          label: 'error lines the router logged',
          value: harness.router.errorLines(),
        },
      );
      return {
        scenario: 'malformed',
        summary: `${context.events} valid and ${malformedCount} malformed events (${huge} huge), shuffled`,
        counts,
        notes: [],
      };
    }),
};
