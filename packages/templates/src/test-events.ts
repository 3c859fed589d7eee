import { create } from '@bufbuild/protobuf';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import { type TicketEvent, type TicketEventInit, TicketEventSchema } from '@tidings/events';
import type { RenderContext } from './render.ts';

/** 2026-11-22 09:30 UTC, 16:30 in Ho Chi Minh City, 17:30 in Shanghai, 12:30 in Moscow. */
export const occurredAt = Date.parse('2026-11-22T09:30:00Z');

/** An event on OPS-12 as the tests' producer sends it; `change` and any field can be replaced. */
export function ticketEvent(overrides: Partial<Exclude<TicketEventInit, TicketEvent>> = {}): TicketEvent {
  return create(TicketEventSchema, {
    eventId: 'evt-1',
    tenantId: 'tenant-1',
    projectId: 'ops',
    occurredAt: timestampFromMs(occurredAt),
    actor: { id: 'u-lan', displayName: 'Lan' },
    ticket: {
      id: 'tk-12',
      key: 'OPS-12',
      title: 'Disk full on db-1',
      path: '/tickets/12',
      status: 'Open',
      priority: 'High',
      assignees: [{ id: 'u-minh', displayName: 'Minh' }, { id: 'u-an' }],
    },
    change: { case: 'created', value: {} },
    ...overrides,
  });
}

const directory: Record<string, string> = { 'u-an': 'An', 'u-minh': 'Minh', 'u-ivan': 'Иван' };

export function renderContext(event: TicketEvent, overrides: Partial<RenderContext> = {}): RenderContext {
  return {
    event,
    locale: 'en',
    timeZone: 'Asia/Ho_Chi_Minh',
    ticketUrlPrefix: 'https://tickets.example.com/',
    userName: (id) => directory[id],
    ...overrides,
  };
}

/** Makes the invisible zero-width spaces the Markdown escaping inserts visible in expectations. */
export const showZeroWidth = (text: string) => text.replace(/\u200B/g, '{zw}');
