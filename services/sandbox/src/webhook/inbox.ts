import type { InboxItem } from '../emulator.ts';
import { badge, record, renderJson, str } from '../html.ts';
import type { WebhookDelivery } from './emulator.ts';

export function webhookInboxItems(deliveries: readonly WebhookDelivery[]): InboxItem[] {
  return deliveries.map((d) => ({
    vendor: 'webhook',
    receivedAt: d.receivedAt,
    to: `endpoint ${d.endpointId}`,
    title: str(record(d.body).type) || str(record(d.body).event) || `delivery ${d.deliveryId}`,
    html: `<div>${d.signed ? badge('signature verified', true) : badge('unsigned', false)} ${badge(
      `delivery ${d.deliveryId}`,
      true,
    )}</div>${renderJson(d.body)}`,
  }));
}
