/**
 * Kafka's default limits: a broker accepts a record batch of at most `message.max.bytes` (1,048,588 bytes),
 * and Java clients send requests of at most `max.request.size` (1 MiB). kafkajs checks neither, so a produce
 * request of one partition's records over 1 MB fails as MESSAGE_TOO_LARGE, which it does not retry.
 */
export const KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** One record's key, value and headers must stay under this to be produced at all (with headroom). */
export const MAX_RECORD_BYTES = 900_000;
/** What one send / sendBatch call should carry at most, so that no request nears the broker's limit. */
export const MAX_SEND_BYTES = 512 * 1024;

export interface SizedRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  headers?: Record<string, string | Buffer | undefined>;
}

const bytes = (data: string | Buffer | null | undefined) =>
  data === null || data === undefined ? 0 : typeof data === 'string' ? Buffer.byteLength(data) : data.length;

/** A record's size on the wire, near enough: key, value, header names and values, and per-record overhead. */
export function recordBytes(record: SizedRecord): number {
  let size = 32 + bytes(record.key) + bytes(record.value);
  for (const [name, value] of Object.entries(record.headers ?? {})) size += 8 + bytes(name) + bytes(value);
  return size;
}

/**
 * Splits records, in order, into chunks of at most `maxBytes` each (a record larger than that on its own
 * gets a chunk of its own), so that each chunk can be one produce call. Order within a topic-partition is
 * kept when the chunks are sent one after another.
 */
export function chunkBySize<T extends SizedRecord>(records: T[], maxBytes = MAX_SEND_BYTES): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const record of records) {
    const recordSize = recordBytes(record);
    if (current.length > 0 && size + recordSize > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(record);
    size += recordSize;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
