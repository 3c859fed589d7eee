/**
 * Kafka errors that pass once the cluster has settled: a coordinator still loading or moved, a leader being
 * elected, a broker unreachable for a moment, a transaction that the coordinator aborted meanwhile. kafkajs
 * gives up on several of these itself (it calls "Failed to find group coordinator" non-retriable), yet a
 * transactional read-process-write loop can abort, wait and try the same input again without harm.
 */
const TRANSIENT_TYPES = new Set([
  'NOT_COORDINATOR_FOR_GROUP',
  'GROUP_COORDINATOR_NOT_AVAILABLE',
  'GROUP_LOAD_IN_PROGRESS',
  'CONCURRENT_TRANSACTIONS',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'PREFERRED_LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'REQUEST_TIMED_OUT',
  'NETWORK_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
  'KAFKA_STORAGE_ERROR',
  'UNSTABLE_OFFSET_COMMIT',
  // The transaction coordinator aborted a transaction (it timed out while the broker was away) and bumped
  // the producer's epoch: a new producer with the same transactional id starts clean.
  'INVALID_PRODUCER_EPOCH',
  'INVALID_TXN_STATE',
  'INVALID_PRODUCER_ID_MAPPING',
  'UNKNOWN_PRODUCER_ID',
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'TRANSACTION_COORDINATOR_FENCED',
]);

const TRANSIENT_NAMES = new Set([
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSLockTimeout',
  'KafkaJSTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSStaleTopicMetadataAssignment',
]);

const NODE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);

type ErrorLike = { name?: unknown; type?: unknown; code?: unknown; cause?: unknown; errors?: unknown };

/** Whether `error`, or what caused it (kafkajs wraps errors in retries and non-retriable errors), is transient. */
export function isTransientKafkaError(error: unknown, depth = 0): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  const e = error as ErrorLike;
  if (typeof e.type === 'string' && TRANSIENT_TYPES.has(e.type)) return true;
  if (typeof e.name === 'string' && TRANSIENT_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && NODE_NETWORK_CODES.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isTransientKafkaError(inner, depth + 1)))
    return true;
  return isTransientKafkaError(e.cause, depth + 1);
}

/** The protocol error type (`MESSAGE_TOO_LARGE`...) of `error` or of its cause, if any. */
export function kafkaErrorType(error: unknown, depth = 0): string | undefined {
  if (depth > 8 || typeof error !== 'object' || error === null) return undefined;
  const e = error as ErrorLike;
  if (typeof e.type === 'string') return e.type;
  return kafkaErrorType(e.cause, depth + 1);
}
