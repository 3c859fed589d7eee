import { type Keyring, openSecret } from '@tidings/crypto';
import {
  createDingTalkRobotClient,
  createLarkClient,
  createWebhookClient,
  createWeComClient,
  type DeliveryOutcome,
  type DingTalkRobotMarkdownMessage,
  type OutboundAllowlist,
  type OutboundLookup,
  tenantAllowlistFrom,
} from '@tidings/providers';
import type { ChannelConfig } from '@tidings/state';
import { formatOfChannelKind } from '@tidings/templates';
import type { DeliveryJob } from '../jobs.ts';
import {
  digestBudgetBytes,
  digestSeparator,
  dingTalkDigest,
  dingTalkSection,
  isDigestKind,
  larkDigest,
  larkSection,
  sectionsThatFit,
  weComDigest,
  weComSection,
} from '../rendering/digest.ts';
import { renderDingTalkRobotMarkdown } from '../rendering/dingtalk-robot.ts';
import { type LarkCard, renderLarkBotCard } from '../rendering/lark-bot.ts';
import { groupAudience, renderer } from '../rendering/message.ts';
import { renderWebhookEvent } from '../rendering/webhook.ts';
import { renderWeComRobotText, type WeComRobotText } from '../rendering/wecom-robot.ts';
import type { StateStore } from '../state/store.ts';
import type { IdentityDirectory } from './identities.ts';
import { createPersonalDelivery } from './personal.ts';
import { channelGone, prepareJob } from './prepare.ts';
import type { ChannelHandler } from './sender.ts';

export interface ProviderEndpoints {
  /** `baseUrl` is the oapi host; `apiBaseUrl` the newer api.dingtalk.com host (apps only). */
  dingtalk: { baseUrl: string; apiBaseUrl?: string };
  /** Unset in production: each Lark bot goes to the host in its own webhook URL (Feishu or Lark). */
  lark: { baseUrl?: string };
  wecom: { baseUrl: string };
  timeoutMs: number;
  /**
   * Outbound safety for webhook and SMTP targets: the platform's allowlist (OUTBOUND_ALLOW; unset:
   * loopback only, for the sandbox) and, in tests, a resolver. Each tenant's own allowlist comes from its
   * settings in the state store.
   */
  outbound?: { allow?: OutboundAllowlist; lookup?: OutboundLookup };
}

/** The tenant's outbound allowlist from its settings snapshot, parsed once per snapshot. */
export function tenantAllowlistOf(state: StateStore) {
  const parsed = new WeakMap<readonly string[], OutboundAllowlist | undefined>();
  return (tenantId: string): OutboundAllowlist | undefined => {
    const entries = state.tenantSettings(tenantId)?.outboundAllow;
    if (!entries || entries.length === 0) return undefined;
    if (!parsed.has(entries)) parsed.set(entries, tenantAllowlistFrom(entries));
    return parsed.get(entries);
  };
}

/**
 * Delivers a job through whichever kind of channel it names: opens the channel's sealed credentials,
 * renders the event through the tenant's templates for that platform, and sends with the delivery id as
 * the platform's idempotency key where it has one. Group kinds post once, in the tenant's language;
 * per-person kinds (apps, email) first find each person through the identity directory, then deliver to
 * each in their own language, reporting per person.
 */
export function createChannelHandler(options: {
  state: StateStore;
  keyring: Keyring;
  endpoints: ProviderEndpoints;
  /** Where per-person channels find people (and publish what they learnt); shared with explain. */
  identities: IdentityDirectory;
}): ChannelHandler {
  const { state, keyring, endpoints } = options;
  const personal = createPersonalDelivery(options);
  const timeout = { timeoutMs: endpoints.timeoutMs };
  const dingtalkRobot = createDingTalkRobotClient({ baseUrl: endpoints.dingtalk.baseUrl, ...timeout });
  const lark = createLarkClient({
    ...(endpoints.lark.baseUrl && { baseUrl: endpoints.lark.baseUrl }),
    ...timeout,
  });
  const wecom = createWeComClient({ baseUrl: endpoints.wecom.baseUrl, ...timeout });
  const webhook = createWebhookClient({
    ...timeout,
    ...(endpoints.outbound && { outbound: endpoints.outbound }),
  });
  const tenantAllowlist = tenantAllowlistOf(state);
  const open = (sealed: string) => openSecret(keyring, sealed);

  type GroupConfig = Extract<
    ChannelConfig,
    { kind: 'dingtalk-robot' | 'lark-bot' | 'wecom-robot' | 'webhook' }
  >;

  /** One group job rendered for its channel's platform, ready to post alone or in a digest. */
  type RenderedGroupJob = {
    /** Whose outbound allowlist applies to a webhook target. */
    tenantId: string;
    ticketKey: string;
    locale: string;
    /** Where a message cut to the platform's size limit sends the reader for the rest. */
    fullTextUrl: string | null;
  } & (
    | {
        kind: 'dingtalk-robot';
        config: Extract<GroupConfig, { kind: 'dingtalk-robot' }>;
        message: DingTalkRobotMarkdownMessage;
      }
    | { kind: 'lark-bot'; config: Extract<GroupConfig, { kind: 'lark-bot' }>; message: LarkCard }
    | { kind: 'wecom-robot'; config: Extract<GroupConfig, { kind: 'wecom-robot' }>; message: WeComRobotText }
    | { kind: 'webhook'; config: Extract<GroupConfig, { kind: 'webhook' }>; message: WebhookBody }
  );

  /** Renders a group job through the tenant's templates; a permanent outcome when it cannot be sent. */
  function renderGroupJob(job: DeliveryJob): RenderedGroupJob | DeliveryOutcome {
    const channel = state.channel(job.channelId);
    if (!channel) return channelGone;
    const { event, recipients, actor, settings, source } = prepareJob(state, job, job.recipientUserIds);
    // Group messages are read by many: the tenant's language and time zone.
    const audience = groupAudience(settings);
    const config = channel.config;
    const render = renderer(source, formatOfChannelKind(config.kind), audience);
    const common = {
      tenantId: job.tenantId,
      ticketKey: event.ticket?.key || event.ticket?.title || job.ticketId,
      locale: audience.locale,
      fullTextUrl: source.ticketUrl,
    };
    switch (config.kind) {
      case 'dingtalk-robot':
        return {
          ...common,
          kind: config.kind,
          config,
          message: renderDingTalkRobotMarkdown(render, recipients, {
            mentionAll: job.mentionAll,
            keywords: config.keywords,
          }),
        };
      case 'lark-bot':
        return {
          ...common,
          kind: config.kind,
          config,
          message: renderLarkBotCard(
            render,
            recipients.map((user) => ({
              user,
              openId: state.identity(user.tenantId, user.id, 'lark')?.platformUserId ?? null,
            })),
            { mentionAll: job.mentionAll, keywords: config.keywords, locale: audience.locale },
          ),
        };
      case 'wecom-robot':
        return {
          ...common,
          kind: config.kind,
          config,
          message: renderWeComRobotText(render, recipients, { mentionAll: job.mentionAll }),
        };
      case 'webhook':
        return {
          ...common,
          kind: config.kind,
          config,
          message: renderWebhookEvent({ event, deliveryId: job.deliveryId, actor, recipients, render }),
        };
      default:
        return {
          kind: 'permanent',
          code: 'not-a-group-kind',
          reason: `${config.kind} delivers to each person, not to a group`,
        };
    }
  }

  /** Posts a rendered message, with `idempotencyKey` as the platform's where it has one. */
  function post(rendered: RenderedGroupJob, idempotencyKey: string): Promise<DeliveryOutcome> {
    const fullText = rendered.fullTextUrl ? { fullTextUrl: rendered.fullTextUrl } : {};
    switch (rendered.kind) {
      case 'dingtalk-robot': {
        const { config } = rendered;
        return dingtalkRobot.send(
          {
            accessToken: open(config.accessToken),
            ...(config.signingSecret && { secret: open(config.signingSecret) }),
          },
          rendered.message,
          { idempotencyKey, ...fullText },
        );
      }
      case 'lark-bot': {
        const { config } = rendered;
        return lark.sendBotMessage(
          {
            hookId: open(config.hookId),
            baseUrl: config.host,
            ...(config.signingSecret && { secret: open(config.signingSecret) }),
          },
          rendered.message,
        );
      }
      case 'wecom-robot':
        return wecom.sendRobotMessage({ key: open(rendered.config.key) }, rendered.message, fullText);
      case 'webhook': {
        const { config } = rendered;
        return webhook.send(
          {
            url: config.url,
            secret: open(config.secret),
            ...(config.bearerToken && { bearerToken: open(config.bearerToken) }),
          },
          rendered.message,
          { idempotencyKey, tenantAllowlist: tenantAllowlist(rendered.tenantId) },
        );
      }
    }
  }

  const isOutcome = (value: RenderedGroupJob | DeliveryOutcome): value is DeliveryOutcome =>
    !('message' in value);

  /** The digest of jobs rendered for one channel, merged into one message; null for a kind without digests. */
  function mergeDigest(parts: RenderedGroupJob[]): RenderedGroupJob | null {
    const [first] = parts;
    if (!first) return null;
    if (parts.length === 1) return first;
    const urls = new Set(parts.map((p) => p.fullTextUrl));
    const merged = { ...first, fullTextUrl: urls.size === 1 ? first.fullTextUrl : null };
    const ofKind = <Kind extends RenderedGroupJob['kind']>(kind: Kind) =>
      parts.filter((p): p is Extract<RenderedGroupJob, { kind: Kind }> => p.kind === kind);
    switch (first.kind) {
      case 'dingtalk-robot':
        return {
          ...merged,
          kind: first.kind,
          config: first.config,
          message: dingTalkDigest(ofKind(first.kind), first.locale),
        };
      case 'lark-bot':
        return {
          ...merged,
          kind: first.kind,
          config: first.config,
          message: larkDigest(ofKind(first.kind), first.locale),
        };
      case 'wecom-robot':
        return {
          ...merged,
          kind: first.kind,
          config: first.config,
          message: weComDigest(ofKind(first.kind), first.locale),
        };
      default:
        return null;
    }
  }

  function digestSections(parts: RenderedGroupJob[]): string[] {
    return parts.map((part) => {
      switch (part.kind) {
        case 'dingtalk-robot':
          return dingTalkSection(part.message);
        case 'lark-bot':
          return larkSection(part.message);
        case 'wecom-robot':
          return weComSection(part.message);
        default:
          return '';
      }
    });
  }

  return {
    deliverToPeople: personal.deliverToPeople,
    async close() {
      await personal.close();
      await webhook.close();
    },
    async deliver(job: DeliveryJob): Promise<DeliveryOutcome> {
      const rendered = renderGroupJob(job);
      return isOutcome(rendered) ? rendered : post(rendered, job.deliveryId);
    },
    digestCapacity(jobs: readonly DeliveryJob[]): number {
      const parts = jobs.map(renderGroupJob);
      // A job that cannot be rendered goes alone, so it fails alone.
      const renderable = parts.findIndex(isOutcome);
      if (renderable === 0) return 1;
      const usable = (renderable === -1 ? parts : parts.slice(0, renderable)) as RenderedGroupJob[];
      const kind = usable[0]!.kind;
      if (!isDigestKind(kind)) return 1;
      return sectionsThatFit(digestSections(usable), digestBudgetBytes[kind], digestSeparator[kind]);
    },
    async deliverDigest(jobs: readonly DeliveryJob[], digestId: string): Promise<DeliveryOutcome> {
      const parts = jobs.map(renderGroupJob);
      const failed = parts.find(isOutcome);
      if (failed) return failed;
      const merged = mergeDigest(parts as RenderedGroupJob[]);
      if (!merged)
        return { kind: 'permanent', code: 'no-digest', reason: 'this kind of channel does not send digests' };
      return post(merged, digestId);
    },
  };
}

type WebhookBody = ReturnType<typeof renderWebhookEvent>;
