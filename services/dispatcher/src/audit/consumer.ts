import { type AuditRecord, auditRecordSchema } from '@tidings/audit';
import type { Database } from '@tidings/db';
import { type Kafka, type SupervisedConsumer, superviseConsumer } from '@tidings/kafka';
import type { Logger } from '../log.ts';
import { storeAuditRecords } from './log.ts';

/**
 * Reads the subgraphs' audit records into `dispatcher.audit_log`. One group for every dispatcher instance
 * (they share the table); a batch's offsets are committed only after its rows are stored, and storing is
 * idempotent, so a crash stores some records twice at most, which the primary key absorbs. A record that
 * does not parse is logged (by offset, never its content) and skipped: it can never become valid.
 */
export function createAuditConsumer(options: {
  kafka: Kafka;
  db: Database;
  topic: string;
  groupId: string;
  log: Logger;
  onGaveUp?: (error: Error) => void;
}): SupervisedConsumer {
  const consumer = options.kafka.consumer({ groupId: options.groupId });
  return superviseConsumer({
    consumer,
    name: 'audit',
    log: options.log,
    subscription: { topics: [options.topic], fromBeginning: true },
    run: {
      eachBatch: async ({ batch }) => {
        const records: AuditRecord[] = [];
        for (const message of batch.messages) {
          let parsed: ReturnType<typeof auditRecordSchema.safeParse> | undefined;
          try {
            parsed = auditRecordSchema.safeParse(JSON.parse(message.value?.toString('utf8') ?? 'null'));
          } catch {}
          if (parsed?.success) records.push(parsed.data);
          else
            options.log.warn('audit record ignored: not a valid record', {
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
            });
        }
        await storeAuditRecords(options.db, records);
      },
    },
    ...(options.onGaveUp && { onGaveUp: options.onGaveUp }),
  });
}
