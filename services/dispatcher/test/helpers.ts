import { createKafka } from '@tidings/kafka';

/** Polls until `check` holds, failing with `what` after the deadline. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for: ${what}`);
}

export interface ReadMessage {
  key: string | null;
  value: string;
  headers: Record<string, string>;
}

/** Reads the first `count` committed messages of a topic from the beginning. */
export async function readDlq(
  brokers: string,
  topic: string,
  count: number,
  timeoutMs = 30_000,
): Promise<ReadMessage[]> {
  const kafka = createKafka({ brokers: brokers.split(','), clientId: 'test-reader' });
  const consumer = kafka.consumer({ groupId: `reader-${Math.random().toString(36).slice(2)}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? '',
          headers,
        });
      },
    });
    await waitFor(`${count} message(s) on ${topic}`, () => messages.length >= count, timeoutMs);
    return messages;
  } finally {
    await consumer.disconnect();
  }
}
