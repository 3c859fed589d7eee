import { toJsonString } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import {
  createTicketEvent,
  decodeTicketEvent,
  encodeTicketEvent,
  eventTypeOf,
  TicketEventSchema,
  validateTicketEvent,
} from './index.ts';

const validInit = {
  eventId: 'evt-1',
  tenantId: 't1',
  projectId: 'p1',
  occurredAt: timestampFromMs(1_700_000_000_000),
  actor: { id: 'u2' },
  ticket: { id: 'tk1', key: 'OPS-1', title: 'Disk full', creator: { id: 'u1' }, assignees: [{ id: 'u2' }] },
  change: { case: 'commentAdded' as const, value: { commentId: 'c1', body: 'on it' } },
};
const valid = createTicketEvent(validInit);

describe('decodeTicketEvent', () => {
  it('round-trips binary protobuf', () => {
    const result = decodeTicketEvent(encodeTicketEvent(valid), 'application/x-protobuf');
    expect(result.ok && result.event.ticket?.key).toBe('OPS-1');
    expect(result.ok && eventTypeOf(result.event)).toBe('commentAdded');
  });

  it('accepts protobuf-JSON when the content type says so', () => {
    const json = Buffer.from(toJsonString(TicketEventSchema, valid));
    const result = decodeTicketEvent(json, 'application/json; charset=utf-8');
    expect(result.ok && result.event.eventId).toBe('evt-1');
  });

  it('turns garbage into a reason instead of throwing', () => {
    const result = decodeTicketEvent(Buffer.from([0xff, 0xff, 0xff, 0x01]), undefined);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/cannot decode protobuf TicketEvent/);
    expect(decodeTicketEvent(Buffer.from('{"eventId": 5}'), 'application/json')).toMatchObject({ ok: false });
    expect(decodeTicketEvent(null, undefined)).toEqual({ ok: false, reason: 'empty message value' });
  });

  it('names every missing field of a decodable but invalid event', () => {
    const result = decodeTicketEvent(encodeTicketEvent(createTicketEvent({ eventId: 'e' })), undefined);
    expect(!result.ok && result.reason).toBe(
      'invalid TicketEvent: tenant_id is required; project_id is required; occurred_at is required; ticket is required; change is required (one of created, comment_added, …)',
    );
  });

  it('names custom event types for rule matching and checks them', () => {
    const custom = createTicketEvent({
      ...validInit,
      change: { case: 'custom', value: { type: 'pipeline.failed' } },
    });
    expect(eventTypeOf(custom)).toBe('custom:pipeline.failed');
    const bad = createTicketEvent({ ...validInit, change: { case: 'custom', value: { type: 'no spaces' } } });
    expect(validateTicketEvent(bad)).toEqual([
      'custom.type must be 1-100 characters of letters, digits, "_", "." or "-"',
    ]);
  });
});
