/**
 * Outbound safety in the channels service: a channel whose target (webhook URL, SMTP host) resolves to an
 * address the policy refuses is not saved, and the "Test" button never connects to one. The policy is the
 * platform's allowlist (OUTBOUND_ALLOW) plus the tenant's (its settings, owned by the subscriptions
 * subgraph and read here from `tidings.state.tenant-settings.v1`, like the dispatcher does).
 */
import { randomUUID } from 'node:crypto';
import { type BackgroundTask, describeError, type InputProblems, type Logger } from '@tidings/graphql';
import { createKafka, ensureTopics } from '@tidings/kafka';
import {
  checkHost,
  checkTarget,
  LOOPBACK_OUTBOUND_ALLOWLIST,
  type OutboundAllowlist,
  type OutboundLookup,
  OutboundLookupError,
  type OutboundPolicy,
  OutboundRefusedError,
  tenantAllowlistFrom,
} from '@tidings/providers';
import { type ChannelConfig, stateTopics, tenantSettingsStateSchema } from '@tidings/state';

/** InputError codes of a refused channel target. */
export const OutboundErrorCode = {
  /** The target resolves to an address the outbound policy refuses. */
  refused: 'OUTBOUND_REFUSED',
  /** The target's host name does not exist. */
  unresolvable: 'UNRESOLVABLE',
} as const;

export type ChannelOutboundOptions = {
  /** The platform's allowlist; default loopback only (the environment passes OUTBOUND_ALLOW's, empty in production). */
  allow?: OutboundAllowlist;
  /** Injected in tests: how host names resolve. Default: the system resolver. */
  lookup?: OutboundLookup;
};

/** Each tenant's outbound allowlist, as its latest settings snapshot says. */
export class TenantAllowlists {
  readonly #lists = new Map<string, OutboundAllowlist>();

  get(tenantId: string): OutboundAllowlist | undefined {
    return this.#lists.get(tenantId);
  }

  /** Applies one message of the tenant-settings state topic (a null value is a tombstone). */
  apply(key: string, value: string | null): { ok: true } | { ok: false; problem: string } {
    if (value === null) {
      this.#lists.delete(key);
      return { ok: true };
    }
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      return { ok: false, problem: 'the value is not JSON' };
    }
    const parsed = tenantSettingsStateSchema.safeParse(json);
    if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((i) => i.message).join('; ') };
    const list = tenantAllowlistFrom(parsed.data.outboundAllow);
    if (list) this.#lists.set(parsed.data.tenantId, list);
    else this.#lists.delete(parsed.data.tenantId);
    return { ok: true };
  }
}

export type ChannelOutbound = {
  /** The policy a tenant's channels are held to. */
  policyFor(tenantId: string): OutboundPolicy;
  /** The tenant's own allowlist (for the send's `tenantAllowlist`). */
  tenantAllowlist(tenantId: string): OutboundAllowlist | undefined;
  /** Resolves and checks the channel's target; a refusal or an unknown host is recorded as a problem. */
  checkChannel(tenantId: string, config: ChannelConfig, problems: InputProblems): Promise<void>;
  readonly platform: OutboundAllowlist;
  readonly lookup: OutboundLookup | undefined;
  readonly tenants: TenantAllowlists;
};

export function createChannelOutbound(options: ChannelOutboundOptions = {}): ChannelOutbound {
  const platform = options.allow ?? LOOPBACK_OUTBOUND_ALLOWLIST;
  const tenants = new TenantAllowlists();
  const policyFor = (tenantId: string): OutboundPolicy => {
    const tenant = tenants.get(tenantId);
    return { platform, ...(tenant && { tenant }), ...(options.lookup && { lookup: options.lookup }) };
  };
  return {
    platform,
    lookup: options.lookup,
    tenants,
    policyFor,
    tenantAllowlist: (tenantId) => tenants.get(tenantId),
    async checkChannel(tenantId, config, problems) {
      let field: string;
      let check: Promise<unknown>;
      if (config.kind === 'webhook') {
        field = 'url';
        check = checkTarget(config.url, policyFor(tenantId));
      } else if (config.kind === 'smtp') {
        field = 'host';
        check = checkHost(config.host, policyFor(tenantId));
      } else {
        // The other kinds post to their vendor's hosts, checked when their URLs are parsed.
        return;
      }
      try {
        await check;
      } catch (error) {
        if (error instanceof OutboundRefusedError) {
          problems.add([field], error.message, OutboundErrorCode.refused);
        } else if (error instanceof OutboundLookupError && error.notFound) {
          problems.add(
            [field],
            `${error.host} does not resolve: check the host name`,
            OutboundErrorCode.unresolvable,
          );
        } else if (!(error instanceof OutboundLookupError)) {
          throw error;
        }
        // A resolver failing for a while is not the channel's fault: the send re-checks anyway.
      }
    },
  };
}

/**
 * Follows `tidings.state.tenant-settings.v1` from the beginning into `tenants` (a group of its own per
 * instance: every instance needs every tenant). start() waits, at most `catchUpMs`, until what the topic
 * held at start has been read, so a restarted service knows the allowlists before it serves.
 */
export function tenantAllowlistsConsumer(options: {
  brokers: string[];
  tenants: TenantAllowlists;
  topic?: string;
  logger: Logger;
  catchUpMs?: number;
}): BackgroundTask {
  const topic = options.topic ?? stateTopics.tenantSettings;
  const kafka = createKafka({ brokers: options.brokers, clientId: 'tidings-channels-tenant-settings' });
  const consumer = kafka.consumer({ groupId: `tidings-channels-tenant-settings.${randomUUID()}` });
  const log = options.logger;
  return {
    async start() {
      await ensureTopics(kafka, [{ topic, compacted: true }]);
      const admin = kafka.admin();
      await admin.connect();
      const pending = new Map<number, bigint>();
      try {
        for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
          if (BigInt(high) > BigInt(low)) pending.set(partition, BigInt(high) - 1n);
        }
      } finally {
        await admin.disconnect();
      }
      let caughtUp: () => void = () => {};
      const done = new Promise<void>((resolve) => {
        caughtUp = resolve;
        if (pending.size === 0) resolve();
      });
      consumer.on(consumer.events.CRASH, ({ payload }) =>
        log.error('the tenant settings consumer crashed', {
          ...describeError(payload.error),
          restart: payload.restart,
        }),
      );
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const key = message.key?.toString('utf8');
          if (key) {
            const applied = options.tenants.apply(key, message.value ? message.value.toString('utf8') : null);
            if (!applied.ok) {
              log.warn('skipping a tenant settings snapshot that is not valid', {
                topic,
                partition,
                offset: message.offset,
                problem: applied.problem,
              });
            }
          }
          const target = pending.get(partition);
          if (target !== undefined && BigInt(message.offset) >= target) {
            pending.delete(partition);
            if (pending.size === 0) caughtUp();
          }
        },
      });
      const catchUpMs = options.catchUpMs ?? 15_000;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), catchUpMs);
      });
      if ((await Promise.race([done, late])) === 'late') {
        log.warn('tenant outbound allowlists not caught up yet; serving with what was read so far', {
          topic,
          catchUpMs,
        });
      }
      clearTimeout(timer);
    },
    async stop() {
      await consumer
        .disconnect()
        .catch((error: unknown) =>
          log.warn('disconnecting the tenant settings consumer failed', describeError(error)),
        );
    },
  };
}
