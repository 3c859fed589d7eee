import { createHash } from 'node:crypto';
import type { ChannelKind } from '@tidings/state';
import { z } from 'zod';

/**
 * A routed delivery job (ARCHITECTURE §6): one per (event, channel, credential, target), written by the
 * router to `tidings.deliveries.<vendor>.v1` keyed by credential, read by that vendor's sender.
 * It carries the event itself so the sender renders without calling anyone.
 */
export const deliveryJobSchema = z.object({
  version: z.literal(1),
  /** Stable across re-routing of the same event: the ledger's primary key. */
  deliveryId: z.string(),
  eventId: z.string(),
  tenantId: z.string(),
  projectId: z.string(),
  ticketId: z.string(),
  eventType: z.string(),
  channelId: z.string(),
  channelKind: z.string(),
  credentialId: z.string(),
  /** What the message goes to: `group` for a group robot. */
  target: z.string(),
  /** Users the message is for (mentioned in a group message). */
  recipientUserIds: z.array(z.string()),
  ruleIds: z.array(z.string()),
  /** The tenant template the matching rules name (the first rule naming one wins); null: defaults. */
  templateId: z.string().nullable().default(null),
  /** A group message also @-mentions everyone (a matching rule asked for @all). */
  mentionAll: z.boolean().default(false),
  /** The TicketEvent as protobuf-JSON. */
  event: z.unknown(),
  routedAt: z.string(),
});
export type DeliveryJob = z.infer<typeof deliveryJobSchema>;

export const vendors = ['dingtalk', 'lark', 'wecom', 'smtp', 'webhook'] as const;
export type Vendor = (typeof vendors)[number];

/** Which sender (and topic) serves a channel kind: one sender group per vendor, each scaling on its own. */
export function vendorOf(kind: ChannelKind): Vendor {
  switch (kind) {
    case 'dingtalk-robot':
    case 'dingtalk-app':
      return 'dingtalk';
    case 'lark-bot':
    case 'lark-app':
      return 'lark';
    case 'wecom-robot':
    case 'wecom-app':
      return 'wecom';
    case 'smtp':
      return 'smtp';
    case 'webhook':
      return 'webhook';
  }
}

/**
 * Kinds that post one message to one place (a group, an endpoint) and name or mention the recipients in
 * it, worded in the tenant's default language. The others deliver to each person, in that person's
 * language, once the identity directory has found them on the platform.
 */
export const groupChannelKinds: ReadonlySet<ChannelKind> = new Set([
  'dingtalk-robot',
  'lark-bot',
  'wecom-robot',
  'webhook',
]);

/** Derived, never random, so a re-routed or re-sent event maps onto the same ledger row. */
export function deliveryIdFor(parts: {
  tenantId: string;
  eventId: string;
  channelId: string;
  target: string;
}): string {
  return createHash('sha256')
    .update([parts.tenantId, parts.eventId, parts.channelId, parts.target].join('\u0000'))
    .digest('base64url')
    .slice(0, 32);
}

/**
 * The job as it concerns only some of its people: a per-person job narrowed to them (what a person's ledger
 * row keeps, what a retry or the DLQ carries). A group job is one delivery and stays whole.
 */
export function jobForRecipients(job: DeliveryJob, recipientUserIds: string[]): DeliveryJob {
  return job.target === 'group' ? job : { ...job, recipientUserIds };
}

/** A digest's idempotency key: the same deliveries always make the same digest id. */
export function digestIdFor(deliveryIds: readonly string[]): string {
  return createHash('sha256')
    .update([...deliveryIds].sort().join('\u0000'))
    .digest('base64url')
    .slice(0, 32);
}

/** Where every delivery's outcome is published, so producers can react: `<prefix>tidings.delivery-results.v1`. */
export const deliveryResultsTopic = 'tidings.delivery-results.v1';

/**
 * One delivery's outcome after an attempt (or its last state), keyed by `<tenantId>/<ticketId>` so a
 * producer reads a ticket's results in order.
 */
export interface DeliveryResult {
  version: 1;
  deliveryId: string;
  eventId: string;
  tenantId: string;
  projectId: string;
  ticketId: string;
  channelId: string;
  channelKind: string;
  /** `group`, or `user:<id>` for a person's delivery. */
  target: string;
  recipientUserIds: string[];
  /** delivered | failed | dead | retrying | queued. */
  status: string;
  attempt: number;
  code: string | null;
  reason: string | null;
  /** Set when it went out as part of a digest message. */
  digestId: string | null;
  at: string;
}

export type DecodedJob = { ok: true; job: DeliveryJob } | { ok: false; reason: string };

export function decodeDeliveryJob(value: Buffer | null): DecodedJob {
  if (!value) return { ok: false, reason: 'empty job' };
  try {
    const parsed = deliveryJobSchema.safeParse(JSON.parse(value.toString('utf8')));
    if (parsed.success) return { ok: true, job: parsed.data };
    return {
      ok: false,
      reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  } catch (error) {
    return { ok: false, reason: `job is not JSON: ${(error as Error).message}` };
  }
}
