import { fitToBytes, viewFullSuffix } from '../text.ts';
import { signDingTalkRobot } from './sign.ts';

/** China host. The international docs show `https://oapi.dingtalk.io`. */
export const DINGTALK_ROBOT_DEFAULT_BASE_URL = 'https://oapi.dingtalk.com';

/** Limits of a DingTalk custom group robot. */
export const DINGTALK_ROBOT_LIMITS = {
  /** https://help.dingtalk.io/open/development/custom-robots-send-group-messages */
  messagesPerMinute: 20,
  /** Exceeding `messagesPerMinute` throttles the robot for 10 minutes (same page). */
  throttleSeconds: 600,
  /**
   * UNVERIFIED: `message too long, exceed 20000 bytes` appears only as a constant in third-party
   * Go code, not in DingTalk's docs. Bodies are cut to it (never rejected): being cautious costs
   * little, a refused notification costs much.
   */
  maxMessageBytes: 20_000,
  /** https://help.dingtalk.io/open/dingstart/customize-robot-security-settings */
  maxKeywords: 10,
  /** A signed request's timestamp must be within 1 hour of DingTalk's clock (same page). */
  signatureTimestampToleranceMs: 60 * 60 * 1000,
} as const;

/** Who to mention. https://help.dingtalk.io/open/development/custom-robots-send-group-messages */
export type DingTalkRobotAt = {
  atMobiles?: string[];
  atUserIds?: string[];
  isAtAll?: boolean;
};

export type DingTalkRobotTextMessage = { msgtype: 'text'; content: string; at?: DingTalkRobotAt };

/** `title` is what the chat list previews; `text` is the Markdown body. */
export type DingTalkRobotMarkdownMessage = {
  msgtype: 'markdown';
  title: string;
  text: string;
  at?: DingTalkRobotAt;
};

/**
 * A card with one button (`singleTitle` + `singleURL`) or several (`buttons`), laid out vertically ('0') or
 * horizontally ('1'). Field names as the vendor spells them (lowercase `URL` in `singleURL`/`actionURL`).
 */
export type DingTalkRobotActionCardMessage = {
  msgtype: 'actionCard';
  title: string;
  /** Markdown. */
  text: string;
  btnOrientation?: '0' | '1';
  at?: DingTalkRobotAt;
} & ({ singleTitle: string; singleURL: string } | { buttons: Array<{ title: string; actionURL: string }> });

export type DingTalkRobotMessage =
  | DingTalkRobotTextMessage
  | DingTalkRobotMarkdownMessage
  | DingTalkRobotActionCardMessage;

export type DingTalkRobotRequestInput = {
  /** Defaults to {@link DINGTALK_ROBOT_DEFAULT_BASE_URL}; a sandbox passes e.g. `http://127.0.0.1:4010/dingtalk/oapi`. */
  baseUrl?: string;
  accessToken: string;
  /** The robot's signing secret (`SEC...`). When absent (or empty) the request is not signed. */
  secret?: string;
  message: DingTalkRobotMessage;
  /** The signing time. Sign right before sending: DingTalk rejects timestamps more than 1 h off. */
  timestampMs: number;
  /** Sent as `msgUuid`, so a retry with the same key is not delivered twice. */
  idempotencyKey?: string;
  /** Where the whole ticket can be read: linked at the end of a message cut to the size limit. */
  fullTextUrl?: string;
};

export type HttpRequest = { url: string; body: string; headers: Record<string, string> };

/**
 * Builds the exact HTTP request for `POST /robot/send`. Pure: no clock, no I/O.
 * https://help.dingtalk.io/open/development/custom-robots-send-group-messages
 */
export function buildDingTalkRobotRequest(input: DingTalkRobotRequestInput): HttpRequest {
  const baseUrl = (input.baseUrl ?? DINGTALK_ROBOT_DEFAULT_BASE_URL).replace(/\/+$/, '');
  // URLSearchParams percent-encodes every value once (`/`, `+`, `=` in the Base64 sign included).
  // Nothing else may encode the sign again: double encoding is answered with `sign not match`.
  const query = new URLSearchParams({ access_token: input.accessToken });
  if (input.secret) {
    query.set('timestamp', String(input.timestampMs));
    query.set('sign', signDingTalkRobot(input.secret, input.timestampMs));
  }
  return {
    url: `${baseUrl}/robot/send?${query.toString()}`,
    body: fittedBody(input.message, input.idempotencyKey, input.fullTextUrl),
    headers: { 'content-type': 'application/json; charset=utf-8' },
  };
}

/** The vendor JSON body: `{"msgtype":"<type>","<type>":{...},"at":{...},"msgUuid":"..."}`. */
export function dingTalkRobotBody(
  message: DingTalkRobotMessage,
  idempotencyKey?: string,
): Record<string, unknown> {
  const body = contentBody(message);
  // DingTalk only highlights a mention when `@<mobile>` / `@<userId>` also appears in the text
  // (DingtalkChatbot appends it); whether that is required is UNVERIFIED, so the text is left as written.
  const at = atBody(message.at);
  if (at) body.at = at;
  // `msgUuid` is listed only by the international doc (help.dingtalk.io, page above) as an idempotency
  // key; UNVERIFIED on the China host, where it is presumably ignored. Sending it is harmless.
  if (idempotencyKey !== undefined) body.msgUuid = idempotencyKey;
  return body;
}

function contentBody(message: DingTalkRobotMessage): Record<string, unknown> {
  switch (message.msgtype) {
    case 'text':
      return { msgtype: 'text', text: { content: message.content } };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { title: message.title, text: message.text } };
    case 'actionCard': {
      const card: Record<string, unknown> = { title: message.title, text: message.text };
      if (message.btnOrientation !== undefined) card.btnOrientation = message.btnOrientation;
      if ('buttons' in message)
        card.btns = message.buttons.map((b) => ({ title: b.title, actionURL: b.actionURL }));
      else Object.assign(card, { singleTitle: message.singleTitle, singleURL: message.singleURL });
      return { msgtype: 'actionCard', actionCard: card };
    }
  }
}

/**
 * The request body within {@link DINGTALK_ROBOT_LIMITS.maxMessageBytes}: a message that would exceed it
 * has its text cut and ends with a link to the whole ticket, rather than being refused by DingTalk.
 */
function fittedBody(message: DingTalkRobotMessage, idempotencyKey?: string, fullTextUrl?: string): string {
  const text = message.msgtype === 'text' ? message.content : message.text;
  const suffix = viewFullSuffix(fullTextUrl, message.msgtype !== 'text');
  const render = (cut: string, truncated: boolean) => {
    const withText =
      message.msgtype === 'text'
        ? { ...message, content: truncated ? cut + suffix : cut }
        : { ...message, text: truncated ? cut + suffix : cut };
    return JSON.stringify(dingTalkRobotBody(withText as DingTalkRobotMessage, idempotencyKey));
  };
  return fitToBytes(text, render, DINGTALK_ROBOT_LIMITS.maxMessageBytes).body;
}

function atBody(at: DingTalkRobotAt | undefined): DingTalkRobotAt | undefined {
  if (!at) return undefined;
  const out: DingTalkRobotAt = {};
  if (at.atMobiles !== undefined) out.atMobiles = [...at.atMobiles];
  if (at.atUserIds !== undefined) out.atUserIds = [...at.atUserIds];
  if (at.isAtAll !== undefined) out.isAtAll = at.isAtAll;
  return Object.keys(out).length > 0 ? out : undefined;
}
