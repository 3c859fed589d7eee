import { truncateUtf8, utf8Length, viewFullSuffix } from '../text.ts';
/**
 * Pure builders for WeCom (企业微信) app messages and group-robot messages: limits, UTF-8 byte truncation,
 * recipient batching and the exact vendor JSON. No clock, no I/O.
 *
 * Facts: /work/shared/reference/providers.md §4.
 * App message: https://developer.work.weixin.qq.com/document/path/90236
 * Group robot: https://developer.work.weixin.qq.com/document/path/99110
 */

export const WECOM_DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

export const WECOM_LIMITS = {
  /** `touser` holds at most 1000 userids per call (path/90236); longer lists are split into batches. */
  maxUsersPerMessage: 1000,
  /** text.content ≤ 2048 bytes (path/90236). */
  appTextBytes: 2048,
  /**
   * UNVERIFIED: the reference gives no limit for app markdown. 2048 bytes is what the vendor page is
   * commonly quoted as; truncating to it is safe either way.
   */
  appMarkdownBytes: 2048,
  /** textcard.title ≤ 128 bytes, textcard.description ≤ 512 bytes ([CODE] go-workwx CLI flags). */
  textcardTitleBytes: 128,
  textcardDescriptionBytes: 512,
  /** Robot text.content ≤ 2048 bytes, markdown.content ≤ 4096 bytes (path/99110). */
  robotTextBytes: 2048,
  robotMarkdownBytes: 4096,
  /** 20 messages a minute per robot (path/99110). */
  robotMessagesPerMinute: 20,
  /** Per app per member: 30 a minute, 1000 an hour; the excess is SILENTLY dropped (path/90236). */
  memberMessagesPerMinute: 30,
  memberMessagesPerHour: 1000,
  /** `duplicate_check_interval` default 1800 s; max 4 h per [MIRROR] a Go SDK comment. */
  defaultDuplicateCheckIntervalSeconds: 1800,
  maxDuplicateCheckIntervalSeconds: 4 * 60 * 60,
} as const;

export type WeComAppMessage =
  | { msgtype: 'text'; content: string }
  | { msgtype: 'markdown'; content: string }
  | { msgtype: 'textcard'; title: string; description: string; url: string; btntxt?: string };

export type WeComRobotMessage =
  | {
      msgtype: 'text';
      content: string;
      /** userids to @mention; `"@all"` mentions everyone. */
      mentionedList?: string[];
      /** Mobile numbers to @mention; `"@all"` mentions everyone. */
      mentionedMobileList?: string[];
    }
  /** Mention in markdown by writing `<@userid>` into the content (not supported by markdown_v2). */
  | { msgtype: 'markdown'; content: string };

export type WeComAppMessageInput = {
  agentId: number;
  /** Recipients' userids, deduplicated in order; split into batches of ≤ 1000. */
  touser: string[];
  message: WeComAppMessage;
  /** Sent as `safe` 1/0 (confidential message: no forwarding, watermark). */
  safe: boolean;
  /** Where the whole text can be read; appended as a link when the text had to be cut. */
  fullTextUrl?: string;
  /** `duplicate_check_interval` in seconds; defaults to 1800, clamped to 1..14400. */
  duplicateCheckIntervalSeconds?: number;
};

export type HttpRequest = { url: string; body: string; headers: Record<string, string> };

export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
};

/** The message part of the body, every length limit applied by truncation (never rejected). */
export function weComAppMessagePart(
  message: WeComAppMessage,
  fullTextUrl?: string,
): { msgtype: string; part: Record<string, unknown> } {
  switch (message.msgtype) {
    case 'text':
      return {
        msgtype: 'text',
        part: {
          content: truncateUtf8(
            message.content,
            WECOM_LIMITS.appTextBytes,
            viewFullSuffix(fullTextUrl, false),
          ),
        },
      };
    case 'markdown':
      return {
        msgtype: 'markdown',
        part: {
          content: truncateUtf8(
            message.content,
            WECOM_LIMITS.appMarkdownBytes,
            viewFullSuffix(fullTextUrl, true),
          ),
        },
      };
    case 'textcard': {
      // The whole card opens `url`, so the card's own link is the "view full ticket" link.
      const part: Record<string, unknown> = {
        title: truncateUtf8(message.title, WECOM_LIMITS.textcardTitleBytes),
        description: truncateUtf8(message.description, WECOM_LIMITS.textcardDescriptionBytes),
        url: message.url,
      };
      if (message.btntxt !== undefined) part.btntxt = message.btntxt;
      return { msgtype: 'textcard', part };
    }
  }
}

/** Deduplicated userids (first spelling wins, case-insensitively, as WeCom userids are) in batches of ≤ 1000. */
export function weComRecipientBatches(touser: readonly string[]): string[][] {
  const seen = new Set<string>();
  const unique: string[] = [];
  for (const raw of touser) {
    const userid = raw.trim();
    if (userid === '' || seen.has(userid.toLowerCase())) continue;
    seen.add(userid.toLowerCase());
    unique.push(userid);
  }
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += WECOM_LIMITS.maxUsersPerMessage) {
    batches.push(unique.slice(i, i + WECOM_LIMITS.maxUsersPerMessage));
  }
  return batches;
}

/**
 * The JSON bodies of `POST /cgi-bin/message/send`, one per batch of ≤ 1000 recipients, in a fixed key order
 * so that a resend of the same notification is byte-identical.
 *
 * `enable_duplicate_check: 1`: WeCom does not re-deliver an identical request JSON within
 * `duplicate_check_interval` seconds. That is the platform-side idempotency Tidings relies on for resends:
 * when a send timed out or the connection broke after WeCom had already delivered, the dispatcher's retry
 * sends the same JSON and WeCom drops it instead of notifying everyone twice. The flip side: the same text to
 * the same people within the interval is shown once, which is what a notification hub wants anyway.
 */
export function weComAppMessageBodies(input: WeComAppMessageInput): { touser: string[]; body: string }[] {
  const { msgtype, part } = weComAppMessagePart(input.message, input.fullTextUrl);
  const interval = Math.min(
    Math.max(
      Math.trunc(input.duplicateCheckIntervalSeconds ?? WECOM_LIMITS.defaultDuplicateCheckIntervalSeconds),
      1,
    ),
    WECOM_LIMITS.maxDuplicateCheckIntervalSeconds,
  );
  return weComRecipientBatches(input.touser).map((touser) => ({
    touser,
    body: JSON.stringify({
      touser: touser.join('|'),
      msgtype,
      agentid: input.agentId,
      [msgtype]: part,
      safe: input.safe ? 1 : 0,
      enable_duplicate_check: 1,
      duplicate_check_interval: interval,
    }),
  }));
}

/** The JSON body of `POST /cgi-bin/webhook/send?key=` (path/99110), length limits applied by truncation. */
export function weComRobotBody(message: WeComRobotMessage, fullTextUrl?: string): Record<string, unknown> {
  if (message.msgtype === 'markdown') {
    return {
      msgtype: 'markdown',
      markdown: {
        content: truncateUtf8(
          message.content,
          WECOM_LIMITS.robotMarkdownBytes,
          viewFullSuffix(fullTextUrl, true),
        ),
      },
    };
  }
  const text: Record<string, unknown> = {
    content: truncateUtf8(message.content, WECOM_LIMITS.robotTextBytes, viewFullSuffix(fullTextUrl, false)),
  };
  if (message.mentionedList !== undefined) text.mentioned_list = [...message.mentionedList];
  if (message.mentionedMobileList !== undefined)
    text.mentioned_mobile_list = [...message.mentionedMobileList];
  return { msgtype: 'text', text };
}

export function weComBaseUrl(baseUrl: string | undefined): string {
  return (baseUrl ?? WECOM_DEFAULT_BASE_URL).replace(/\/+$/, '');
}

/** `POST /cgi-bin/webhook/send?key=<key>`. The key is the only credential: keep it out of logs. */
export function buildWeComRobotRequest(input: {
  baseUrl?: string;
  key: string;
  message: WeComRobotMessage;
  fullTextUrl?: string;
}): HttpRequest {
  const query = new URLSearchParams({ key: input.key });
  return {
    url: `${weComBaseUrl(input.baseUrl)}/cgi-bin/webhook/send?${query.toString()}`,
    body: JSON.stringify(weComRobotBody(input.message, input.fullTextUrl)),
    headers: { ...JSON_HEADERS },
  };
}

export { truncateUtf8, utf8Length, viewFullSuffix };
