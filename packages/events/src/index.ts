import { create, fromBinary, fromJsonString, type MessageInitShape, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { defaultTopics, type Producer } from '@tidings/kafka';
import { type TicketEvent, TicketEventSchema } from './gen/tidings/events/v1/ticket_event_pb.js';

export * from './gen/tidings/events/v1/ticket_event_pb.js';

export type TicketEventInit = MessageInitShape<typeof TicketEventSchema>;

export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuf';
export const JSON_CONTENT_TYPE = 'application/json';

/** The event type rules match on: the change's case name, or `custom:<type>` for custom changes. */
export function eventTypeOf(event: TicketEvent): string {
  const change = event.change;
  if (change.case === 'custom') return `custom:${change.value.type}`;
  return change.case ?? 'unknown';
}

export function occurredAtMillis(event: TicketEvent): number {
  return event.occurredAt ? timestampDate(event.occurredAt).getTime() : Number.NaN;
}

const MAX_ID_LENGTH = 200;

/** Every problem with an event, each naming the field; empty when the event is valid. */
export function validateTicketEvent(event: TicketEvent): string[] {
  const problems: string[] = [];
  const requireId = (value: string | undefined, field: string) => {
    if (!value) problems.push(`${field} is required`);
    else if (value.length > MAX_ID_LENGTH)
      problems.push(`${field} is longer than ${MAX_ID_LENGTH} characters`);
  };
  requireId(event.eventId, 'event_id');
  requireId(event.tenantId, 'tenant_id');
  requireId(event.projectId, 'project_id');
  if (!event.occurredAt) problems.push('occurred_at is required');
  if (!event.ticket) problems.push('ticket is required');
  else requireId(event.ticket.id, 'ticket.id');
  if (event.change.case === undefined) problems.push('change is required (one of created, comment_added, …)');
  if (event.change.case === 'custom' && !/^[\w.-]{1,100}$/.test(event.change.value.type)) {
    problems.push('custom.type must be 1-100 characters of letters, digits, "_", "." or "-"');
  }
  return problems;
}

export type DecodeResult = { ok: true; event: TicketEvent } | { ok: false; reason: string };

/**
 * Decodes and validates one Kafka message value. Binary protobuf unless the `content-type` header says
 * JSON. Never throws: a bad message is a reason, so the caller can dead-letter it and go on.
 */
export function decodeTicketEvent(value: Uint8Array | null, contentType: string | undefined): DecodeResult {
  if (!value || value.length === 0) return { ok: false, reason: 'empty message value' };
  const isJson = contentType?.split(';')[0]?.trim().toLowerCase() === JSON_CONTENT_TYPE;
  let event: TicketEvent;
  try {
    event = isJson
      ? fromJsonString(TicketEventSchema, Buffer.from(value).toString('utf8'))
      : fromBinary(TicketEventSchema, value);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      reason: `cannot decode ${isJson ? 'protobuf-JSON' : 'protobuf'} TicketEvent: ${message}`,
    };
  }
  const problems = validateTicketEvent(event);
  if (problems.length > 0) return { ok: false, reason: `invalid TicketEvent: ${problems.join('; ')}` };
  return { ok: true, event };
}

export function encodeTicketEvent(event: TicketEvent): Uint8Array {
  return toBinary(TicketEventSchema, event);
}

export function createTicketEvent(init: TicketEventInit): TicketEvent {
  return create(TicketEventSchema, init);
}

export class InvalidTicketEventError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid TicketEvent: ${problems.join('; ')}`);
    this.name = 'InvalidTicketEventError';
    this.problems = problems;
  }
}

/**
 * The few lines a producer needs: validates before sending (so a bad event fails in the producer, not
 * downstream), keys by project so one project's events stay in order, and marks the encoding.
 *
 *   const events = createTicketEventProducer({ producer });
 *   await events.emit({ eventId, tenantId, projectId, occurredAt: timestampNow(), ticket, change });
 */
export function createTicketEventProducer(options: { producer: Producer; topic?: string }) {
  const topic = options.topic ?? defaultTopics.ticketEvents;
  return {
    async emit(init: TicketEventInit, headers: Record<string, string> = {}): Promise<TicketEvent> {
      const event = createTicketEvent(init);
      const problems = validateTicketEvent(event);
      if (problems.length > 0) throw new InvalidTicketEventError(problems);
      await options.producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key: event.projectId,
            value: Buffer.from(encodeTicketEvent(event)),
            headers: { ...headers, 'content-type': PROTOBUF_CONTENT_TYPE },
          },
        ],
      });
      return event;
    },
  };
}
