import { createHash } from 'node:crypto';
import { fitToBytes } from '../text.ts';
import { signLarkBot } from './sign.ts';
import { LARK_HOSTS } from './webhook-url.ts';

/** Default base URL (Feishu, China). Lark international is {@link LARK_HOSTS}.lark; a sandbox passes `{sandbox}/lark`. */
export const LARK_DEFAULT_BASE_URL: string = LARK_HOSTS.feishu;

/** Vendor limits (reference /work/shared/reference/providers.md §3). */
export const LARK_LIMITS = {
  /**
   * Custom bot body ≤ 20 KB, else 9499 (§3.1, https://open.larksuite.com/document/client-docs/bot-v3/use-custom-bots-in-a-group).
   * Whether KB means 1000 or 1024 is not documented; 20 000 bytes is safe under either reading.
   */
  botBodyBytes: 20_000,
  /** Custom bot: 100/min and 5/s per bot (same page). */
  botMessagesPerMinute: 100,
  botMessagesPerSecond: 5,
  /** A signed bot request's timestamp must be within 1 h (same page). */
  botTimestampToleranceSeconds: 60 * 60,
  /**
   * im/v1/messages: text ≤ 150 KB, card/post ≤ 30 KB (§3.4, API id 6946222931479527425). Measured on the whole
   * request body (a superset of `content`), in units of 1000 bytes: safe under either reading of KB.
   */
  appTextBytes: 150_000,
  appCardOrPostBytes: 30_000,
  /** im/v1/messages: 1000/min and 50/s per app, and 5/s to any one user (§3.4). */
  appMessagesPerMinute: 1000,
  appMessagesPerSecond: 50,
  appMessagesPerUserPerSecond: 5,
  /** `uuid` ≤ 50 chars; one success per uuid per hour (§3.4). */
  uuidMaxChars: 50,
  /** batch_get_id: ≤ 50 emails and ≤ 50 mobiles per call (§3.3). */
  lookupMaxEmails: 50,
  lookupMaxMobiles: 50,
} as const;

/** A mention by open_id (`ou_…`); `openId: 'all'` mentions everyone. Bots can mention only by open_id. */
export type LarkMention = { openId: string; name?: string };

/**
 * What Tidings sends; the builders below turn it into the vendor's shapes. `ticketUrl` is the "view full
 * ticket" target: a post links it, a card's button opens it, and a truncated text ends with it.
 */
export type LarkMessage =
  | { type: 'text'; text: string; mentions?: LarkMention[]; ticketUrl?: string }
  | {
      type: 'post';
      title: string;
      text: string;
      mentions?: LarkMention[];
      ticketUrl?: string;
      linkText?: string;
    }
  | {
      /** Sent as `interactive` with a v1 card: markdown goes into a `lark_md` div, so it renders. */
      type: 'card';
      title: string;
      markdown: string;
      mentions?: LarkMention[];
      ticketUrl?: string;
      buttonText?: string;
      /** Header colour, e.g. `blue` (default), `red`, `orange`, `green`. */
      template?: string;
    };

export type HttpRequest = { url: string; body: string; headers: Record<string, string> };

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

// ---------------------------------------------------------------------------------------------------
// Vendor content of each message type (shared by the bot webhook and im/v1/messages)
// ---------------------------------------------------------------------------------------------------

/** Names go between tags; angle brackets would break the markup. */
const safeName = (name: string) => name.replace(/[<>]/g, '');

/** `<at user_id="ou_x">Name</at>` (text messages, §3.1). */
export function larkTextAt(mention: LarkMention): string {
  const name = mention.name ?? (mention.openId === 'all' ? 'everyone' : '');
  return `<at user_id="${mention.openId.replace(/"/g, '')}">${safeName(name)}</at>`;
}

function textContent(m: Extract<LarkMessage, { type: 'text' }>, text: string, truncated: boolean) {
  const ats = (m.mentions ?? []).map(larkTextAt).join(' ');
  const tail = truncated ? (m.ticketUrl ? `\n… view full ticket: ${m.ticketUrl}` : '\n… (truncated)') : '';
  return { text: `${ats ? `${ats} ` : ''}${text}${tail}` };
}

/** Rich text body `{title, content: [[tags]]}` (§3.1): at tags, one paragraph per line, a link to the ticket. */
function postBody(m: Extract<LarkMessage, { type: 'post' }>, text: string, truncated: boolean) {
  const content: Record<string, string>[][] = [];
  const mentions = m.mentions ?? [];
  if (mentions.length > 0) {
    content.push(
      mentions.map((mention) => ({
        tag: 'at',
        user_id: mention.openId,
        ...(mention.name !== undefined && { user_name: mention.name }),
      })),
    );
  }
  for (const line of text.split('\n')) content.push([{ tag: 'text', text: line }]);
  if (truncated) {
    content.push(
      m.ticketUrl
        ? [
            { tag: 'text', text: '… ' },
            { tag: 'a', text: 'view full ticket', href: m.ticketUrl },
          ]
        : [{ tag: 'text', text: '… (truncated)' }],
    );
  } else if (m.ticketUrl) {
    content.push([{ tag: 'a', text: m.linkText ?? 'View ticket', href: m.ticketUrl }]);
  }
  return { title: m.title, content };
}

/** A v1 card (§3.6): header, a `lark_md` div, and a button opening the ticket (buttons can only open URLs). */
export function larkCard(
  m: Extract<LarkMessage, { type: 'card' }>,
  markdown = m.markdown,
  truncated = false,
) {
  const ats = (m.mentions ?? []).map((mention) => `<at id=${mention.openId.replace(/[<>\s]/g, '')}></at>`);
  const tail = truncated
    ? m.ticketUrl
      ? `\n\n… [view full ticket](${m.ticketUrl})`
      : '\n\n… (truncated)'
    : '';
  const elements: unknown[] = [
    {
      tag: 'div',
      text: { tag: 'lark_md', content: `${ats.length ? `${ats.join(' ')} ` : ''}${markdown}${tail}` },
    },
  ];
  if (m.ticketUrl) {
    elements.push({
      tag: 'action',
      actions: [
        {
          tag: 'button',
          text: { tag: 'plain_text', content: m.buttonText ?? 'View ticket' },
          url: m.ticketUrl,
          type: 'primary',
        },
      ],
    });
  }
  return {
    config: { wide_screen_mode: true },
    header: { title: { tag: 'plain_text', content: m.title }, template: m.template ?? 'blue' },
    elements,
  };
}

/** The text that gets truncated when a message is too big. */
function bodyText(m: LarkMessage): string {
  return m.type === 'card' ? m.markdown : m.text;
}

// ---------------------------------------------------------------------------------------------------
// Custom bot webhook
// ---------------------------------------------------------------------------------------------------

/** The webhook body without signature: `{msg_type, content}` or, for cards, `{msg_type:'interactive', card}`. */
export function larkBotMessageBody(
  m: LarkMessage,
  text = bodyText(m),
  truncated = false,
): Record<string, unknown> {
  switch (m.type) {
    case 'text':
      return { msg_type: 'text', content: textContent(m, text, truncated) };
    case 'post':
      return { msg_type: 'post', content: { post: { zh_cn: postBody(m, text, truncated) } } };
    case 'card':
      return { msg_type: 'interactive', card: larkCard(m, text, truncated) };
  }
}

export type LarkBotRequestInput = {
  baseUrl?: string;
  hookId: string;
  /** The bot's signing secret; absent or empty = unsigned. */
  secret?: string;
  message: LarkMessage;
  /** Signing time in SECONDS; sign right before sending (Lark rejects more than 1 h off). */
  timestampSeconds: number;
};

/**
 * The exact `POST /open-apis/bot/v2/hook/<id>` request. Pure. `timestamp` (a string, as the doc shows) and
 * `sign` go into the JSON body; the body is kept ≤ 20 KB by truncating the text.
 */
export function buildLarkBotRequest(input: LarkBotRequestInput): HttpRequest & { truncated: boolean } {
  const baseUrl = (input.baseUrl ?? LARK_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const signature = input.secret
    ? { timestamp: String(input.timestampSeconds), sign: signLarkBot(input.secret, input.timestampSeconds) }
    : {};
  const { body, truncated } = fitToBytes(
    bodyText(input.message),
    (text, cut) => JSON.stringify({ ...signature, ...larkBotMessageBody(input.message, text, cut) }),
    LARK_LIMITS.botBodyBytes,
  );
  return {
    url: `${baseUrl}/open-apis/bot/v2/hook/${encodeURIComponent(input.hookId)}`,
    body,
    headers: { ...JSON_HEADERS },
    truncated,
  };
}

// ---------------------------------------------------------------------------------------------------
// App APIs
// ---------------------------------------------------------------------------------------------------

/** `{msg_type, content}` of im/v1/messages; `content` is the JSON STRING the API demands. */
export function larkAppMessageContent(
  m: LarkMessage,
  text = bodyText(m),
  truncated = false,
): { msg_type: string; content: string } {
  switch (m.type) {
    case 'text':
      return { msg_type: 'text', content: JSON.stringify(textContent(m, text, truncated)) };
    case 'post':
      // im/v1 post content is `{"zh_cn":{title,content}}`, without the webhook's `post` wrapper
      // (Feishu "message content" doc; not in the reference, so verify against a real tenant).
      return { msg_type: 'post', content: JSON.stringify({ zh_cn: postBody(m, text, truncated) }) };
    case 'card':
      return { msg_type: 'interactive', content: JSON.stringify(larkCard(m, text, truncated)) };
  }
}

/**
 * The `uuid` for an idempotency key: the key itself when ≤ 50 chars, else a deterministic 43-char digest,
 * so every retry of the same notification carries the same uuid.
 */
export function larkUuid(idempotencyKey: string): string {
  if (idempotencyKey.length <= LARK_LIMITS.uuidMaxChars) return idempotencyKey;
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('base64url');
}

export type LarkSendRequestInput = {
  baseUrl?: string;
  tenantAccessToken: string;
  openId: string;
  message: LarkMessage;
  idempotencyKey: string;
};

/** The exact `POST /open-apis/im/v1/messages?receive_id_type=open_id` request, within the size limits. */
export function buildLarkSendRequest(input: LarkSendRequestInput): HttpRequest & { truncated: boolean } {
  const baseUrl = (input.baseUrl ?? LARK_DEFAULT_BASE_URL).replace(/\/+$/, '');
  const uuid = larkUuid(input.idempotencyKey);
  const maxBytes = input.message.type === 'text' ? LARK_LIMITS.appTextBytes : LARK_LIMITS.appCardOrPostBytes;
  const { body, truncated } = fitToBytes(
    bodyText(input.message),
    (text, cut) =>
      JSON.stringify({ receive_id: input.openId, ...larkAppMessageContent(input.message, text, cut), uuid }),
    maxBytes,
  );
  return {
    url: `${baseUrl}/open-apis/im/v1/messages?receive_id_type=open_id`,
    body,
    headers: { ...JSON_HEADERS, authorization: `Bearer ${input.tenantAccessToken}` },
    truncated,
  };
}

/** `POST /open-apis/auth/v3/tenant_access_token/internal` (§3.2). */
export function buildLarkTokenRequest(input: {
  baseUrl?: string;
  appId: string;
  appSecret: string;
}): HttpRequest {
  const baseUrl = (input.baseUrl ?? LARK_DEFAULT_BASE_URL).replace(/\/+$/, '');
  return {
    url: `${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`,
    body: JSON.stringify({ app_id: input.appId, app_secret: input.appSecret }),
    headers: { ...JSON_HEADERS },
  };
}

export { fitToBytes };
