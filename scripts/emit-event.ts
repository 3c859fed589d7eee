// Emits one sample TicketEvent to a running mesh, for trying Tidings by hand:
//   node scripts/emit-event.ts --brokers 127.0.0.1:9092 --tenant demo --project ops \
//     --actor u-17 --creator u-3 --assignee u-17 --comment "Freed 20 GB"
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { createTicketEventProducer } from '@tidings/events';
import { createKafka } from '@tidings/kafka';

const { values } = parseArgs({
  options: {
    brokers: { type: 'string', default: process.env.KAFKA_BROKERS },
    tenant: { type: 'string', default: 'demo' },
    project: { type: 'string', default: 'ops' },
    actor: { type: 'string', default: 'u-17' },
    creator: { type: 'string', default: 'u-3' },
    assignee: { type: 'string', multiple: true, default: ['u-17'] },
    key: { type: 'string', default: 'OPS-12' },
    title: { type: 'string', default: 'Disk full on db-1' },
    url: { type: 'string', default: 'https://tracker.example/OPS-12' },
    comment: { type: 'string', default: 'Freed 20 GB, watching it.' },
    'event-id': { type: 'string', default: randomUUID() },
  },
});
if (!values.brokers) {
  console.error('emit-event: --brokers (or KAFKA_BROKERS) is required; ./scripts/mesh prints it');
  process.exit(2);
}

const producer = createKafka({
  brokers: values.brokers.split(','),
  clientId: 'tidings-emit-event',
}).producer();
await producer.connect();
try {
  const event = await createTicketEventProducer({ producer }).emit({
    eventId: values['event-id'],
    tenantId: values.tenant,
    projectId: values.project,
    occurredAt: timestampNow(),
    actor: { id: values.actor },
    ticket: {
      id: values.key,
      key: values.key,
      title: values.title,
      url: values.url,
      creator: { id: values.creator },
      assignees: values.assignee.map((id) => ({ id })),
    },
    change: { case: 'commentAdded', value: { commentId: randomUUID(), body: values.comment } },
  });
  console.log(
    `emitted comment event ${event.eventId} on ${values.key} (tenant ${values.tenant}, project ${values.project})`,
  );
} finally {
  await producer.disconnect();
}
