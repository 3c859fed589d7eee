import type { DeliveryOutcome } from '@tidings/providers';
import type { ChannelKind } from '@tidings/state';

/** What a test send tells the person who clicked "Test". `summary` is one sentence they can act on. */
export type TestSendResult =
  | { ok: true; summary: string; providerMessageId?: string }
  | {
      ok: false;
      kind: 'invalid-target' | 'not-found' | DeliveryOutcome['kind'];
      code?: string;
      summary: string;
    };

export type TestFailureKind = Exclude<TestSendResult, { ok: true }>['kind'];

/** The platform each kind talks to, as a person calls it. */
export const PLATFORM_NAMES: Readonly<Record<ChannelKind, string>> = {
  'dingtalk-robot': 'DingTalk',
  'dingtalk-app': 'DingTalk',
  'lark-bot': 'Lark/Feishu',
  'lark-app': 'Lark/Feishu',
  'wecom-app': 'WeCom',
  'wecom-robot': 'WeCom',
  smtp: 'The mail server',
  webhook: 'The webhook receiver',
};

/** Where a delivered test went, in words: "the group", "+8613800138000 (DingTalk userid zhangsan)". */
export type Destination =
  | { kind: 'group' }
  | { kind: 'group-mention'; phone: string }
  | { kind: 'person'; given: string; platformId?: string; platformIdName?: string }
  | { kind: 'webhook' };

/** Makes `text` one sentence: no trailing period of its own, capital first letter, one final period. */
export function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.。\s]+$/u, '');
  if (trimmed === '') return '';
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

function describeDestination(destination: Destination): string {
  switch (destination.kind) {
    case 'group':
      return 'the group';
    case 'group-mention':
      return `the group, mentioning ${destination.phone}`;
    case 'webhook':
      return 'the webhook URL';
    case 'person':
      return destination.platformId !== undefined && destination.platformId !== destination.given
        ? `${destination.given} (${destination.platformIdName ?? 'user id'} ${destination.platformId})`
        : destination.given;
  }
}

/** The summary of a delivered test send. */
export function deliveredSummary(kind: ChannelKind, destination: Destination, detail?: string): string {
  const where = describeDestination(destination);
  if (kind === 'dingtalk-app' && destination.kind === 'person' && detail === 'work-notification') {
    // DingTalk answers success before it delivers, and drops some messages silently afterwards.
    return sentence(
      `DingTalk accepted the work notification for ${where}; it arrives in DingTalk's work notifications within a minute`,
    );
  }
  if (kind === 'smtp') return sentence(`The mail server accepted the test email for ${where}`);
  if (kind === 'webhook') return sentence(`Delivered to the webhook URL: the receiver answered with success`);
  return sentence(`Delivered to ${where}`);
}

/** The summary of a failed delivery: who refused, the vendor's code, the provider's actionable reason. */
export function failureSummary(
  kind: ChannelKind,
  outcome: Exclude<DeliveryOutcome, { kind: 'delivered' }>,
): string {
  const who = PLATFORM_NAMES[kind];
  const reason = outcome.reason.trim().replace(/[.。\s]+$/u, '');
  // The code once: left out when the reason already quotes it, and for network failures (it is no vendor's).
  const code = networkCode(outcome.code) || reason.includes(outcome.code) ? '' : ` (${outcome.code})`;
  // Tidings' own refusal, before any connection: nobody rejected anything.
  if (outcome.code === 'outbound_refused') {
    return sentence(`Tidings did not send the test message, ${reason}`);
  }
  switch (outcome.kind) {
    case 'retry': {
      const seconds = outcome.retryAfterSeconds;
      const wait = waitWords(seconds);
      if (networkCode(outcome.code)) {
        return sentence(`Tidings could not reach ${whom(kind)}: ${reason}; try again in ${wait}`);
      }
      // The provider's reason may already say when ("retry after 60 s"); do not say it twice.
      const saysWhen = /\b(retry|try again)\b[^;]*\d/i.test(reason) && reason.includes(String(seconds));
      return sentence(
        `${who} did not take the test message this time${code}: ${reason}${saysWhen ? '' : `; try again in ${wait}`}`,
      );
    }
    case 'reauthenticate':
      return sentence(
        `${who} rejected the access token twice${code}: ${reason}; check the channel's credentials and try again`,
      );
    case 'permanent':
      return sentence(`${who} rejected the test message${code}: ${reason}`);
  }
}

/** `45 s`, `10 min`, `1 h`: seconds as a person reads a wait. */
export function waitWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.ceil(s / 60)} min`;
  return `${Math.ceil(s / 3600)} h`;
}

function networkCode(code: string): boolean {
  return code === 'network' || code === 'timeout';
}

function whom(kind: ChannelKind): string {
  switch (kind) {
    case 'smtp':
      return 'the mail server';
    case 'webhook':
      return 'the webhook URL';
    default:
      return PLATFORM_NAMES[kind];
  }
}

/** Turns a provider outcome into the result the person sees. */
export function outcomeResult(
  kind: ChannelKind,
  outcome: DeliveryOutcome,
  destination: Destination,
  detail?: string,
): TestSendResult {
  if (outcome.kind === 'delivered') {
    return {
      ok: true,
      summary: deliveredSummary(kind, destination, detail),
      ...(outcome.providerMessageId !== undefined && { providerMessageId: outcome.providerMessageId }),
    };
  }
  return { ok: false, kind: outcome.kind, code: outcome.code, summary: failureSummary(kind, outcome) };
}

export function invalidTarget(summary: string): TestSendResult {
  return { ok: false, kind: 'invalid-target', summary: sentence(summary) };
}

/** A person the platform does not know (lookup by phone or email found nobody). */
export function notFound(
  kind: ChannelKind,
  given: string,
  by: 'phone' | 'email',
  code?: string,
): TestSendResult {
  const platform = PLATFORM_NAMES[kind];
  const what = by === 'phone' ? 'phone' : 'email';
  return {
    ok: false,
    kind: 'not-found',
    ...(code !== undefined && { code }),
    summary: sentence(
      `${what} ${given} is not registered in ${platform} for this app: check the ${by === 'phone' ? 'number' : 'address'}, and that the person is a member the app can see`,
    ),
  };
}
