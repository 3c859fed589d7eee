import type { HttpRequest } from '../dingtalk/robot.ts';

/**
 * Pure request builders for a DingTalk enterprise internal app (reference §2). No clock, no I/O.
 * Legacy `oapi.dingtalk.com` calls carry the token as `?access_token=`; new `api.dingtalk.com` v1.0 calls
 * carry it only as the `x-acs-dingtalk-access-token` header (`?access_token=` or `Authorization: Bearer`
 * there are answered 400 `AuthenticationFailed.MissingParameter`).
 */

/** China hosts. The international docs show `*.dingtalk.io`. */
export const DINGTALK_APP_DEFAULT_OAPI_BASE_URL = 'https://oapi.dingtalk.com';
export const DINGTALK_APP_DEFAULT_API_BASE_URL = 'https://api.dingtalk.com';

/** The header new-API calls carry the token in. */
export const DINGTALK_ACCESS_TOKEN_HEADER = 'x-acs-dingtalk-access-token';

export const DINGTALK_APP_LIMITS = {
  /** Token lifetime, `expireIn` (https://help.dingtalk.io/open/development/obtain-the-access-token-of-an-internal-app). */
  tokenLifetimeSeconds: 7200,
  /**
   * `userid_list` of `asyncsend_v2`: ≤5000 user ids per call (the old v1 `asyncsend` allowed 100).
   * https://help.dingtalk.io/open/development/asynchronous-sending-of-enterprise-session-messages
   */
  workNotificationMaxUsers: 5000,
  /**
   * Work notifications to one user: identical content only once a day, ≤500 a day. Exceeding either is
   * still answered with success, but nothing is delivered (same page).
   */
  workNotificationPerUserPerDay: 500,
  /** `userIds` of `oToMessages/batchSend`: ≤20 per call. https://help.dingtalk.io/open/development/chatbots-send-one-on-one-chat-messages-in-batches */
  robotBatchMaxUsers: 20,
} as const;

export type DingTalkAppCredentials = {
  /** AppKey (new name: Client ID). Also the token cache key. */
  clientId: string;
  /** AppSecret (Client Secret). */
  clientSecret: string;
  /** The app's AgentId, for work notifications. */
  agentId: number;
  /** The app robot's code, for 1:1 robot messages (usually equal to the clientId). */
  robotCode: string;
};

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' } as const;

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

/** `POST {apiBase}/v1.0/oauth2/accessToken` `{appKey, appSecret}` → `{accessToken, expireIn}`. */
export function buildAccessTokenRequest(
  apiBaseUrl: string,
  credentials: Pick<DingTalkAppCredentials, 'clientId' | 'clientSecret'>,
): HttpRequest {
  return {
    url: `${trimBase(apiBaseUrl)}/v1.0/oauth2/accessToken`,
    body: JSON.stringify({ appKey: credentials.clientId, appSecret: credentials.clientSecret }),
    headers: { ...JSON_HEADERS },
  };
}

function oapiUrl(oapiBaseUrl: string, path: string, accessToken: string): string {
  return `${trimBase(oapiBaseUrl)}${path}?${new URLSearchParams({ access_token: accessToken }).toString()}`;
}

/**
 * `POST {oapiBase}/topapi/v2/user/getbymobile?access_token=` `{mobile, support_exclusive_account_search}`.
 * `mobile` must already be in DingTalk's form (see `toDingTalkMobile`).
 */
export function buildGetUserByMobileRequest(
  oapiBaseUrl: string,
  accessToken: string,
  mobile: string,
): HttpRequest {
  return {
    url: oapiUrl(oapiBaseUrl, '/topapi/v2/user/getbymobile', accessToken),
    body: JSON.stringify({ mobile, support_exclusive_account_search: false }),
    headers: { ...JSON_HEADERS },
  };
}

/**
 * Work-notification messages (`msg` of `asyncsend_v2`). Other msgtypes (image, voice, file, link, oa)
 * exist but Tidings does not send them.
 */
export type DingTalkWorkMessage =
  | { msgtype: 'text'; content: string }
  | { msgtype: 'markdown'; title: string; text: string }
  | { msgtype: 'action_card'; title: string; markdown: string; singleTitle: string; singleUrl: string }
  | {
      msgtype: 'action_card';
      title: string;
      markdown: string;
      /** `'0'` vertical, `'1'` horizontal. */
      btnOrientation?: '0' | '1';
      buttons: { title: string; actionUrl: string }[];
    };

/** The vendor `msg` object: `{"msgtype":"<type>","<type>":{...}}` with snake_case action-card fields. */
export function dingTalkWorkMessageBody(message: DingTalkWorkMessage): Record<string, unknown> {
  switch (message.msgtype) {
    case 'text':
      return { msgtype: 'text', text: { content: message.content } };
    case 'markdown':
      return { msgtype: 'markdown', markdown: { title: message.title, text: message.text } };
    case 'action_card': {
      if ('buttons' in message) {
        return {
          msgtype: 'action_card',
          action_card: {
            title: message.title,
            markdown: message.markdown,
            ...(message.btnOrientation !== undefined && { btn_orientation: message.btnOrientation }),
            btn_json_list: message.buttons.map((b) => ({ title: b.title, action_url: b.actionUrl })),
          },
        };
      }
      return {
        msgtype: 'action_card',
        action_card: {
          title: message.title,
          markdown: message.markdown,
          single_title: message.singleTitle,
          single_url: message.singleUrl,
        },
      };
    }
  }
}

/**
 * `POST {oapiBase}/topapi/message/corpconversation/asyncsend_v2?access_token=`
 * `{agent_id, userid_list: "a,b", msg}`. `userIds` must hold ≤5000 ids (see `chunk`).
 *
 * DingTalk answers success even when it then delivers nothing: identical content goes to the same user only
 * once a day, and a user gets at most 500 a day. A renderer must therefore make every notification's text
 * unique (ticket id, event time): see `uniqueWorkNotificationText`.
 */
export function buildWorkNotificationRequest(
  oapiBaseUrl: string,
  accessToken: string,
  agentId: number,
  userIds: readonly string[],
  message: DingTalkWorkMessage,
): HttpRequest {
  return {
    url: oapiUrl(oapiBaseUrl, '/topapi/message/corpconversation/asyncsend_v2', accessToken),
    body: JSON.stringify({
      agent_id: agentId,
      // A comma-separated string, not an array.
      userid_list: userIds.join(','),
      msg: dingTalkWorkMessageBody(message),
    }),
    headers: { ...JSON_HEADERS },
  };
}

/**
 * Appends a footer naming what makes this notification unique (e.g. ticket id and event time), so that
 * DingTalk's "identical content once a day per user" rule does not silently swallow a second, real
 * notification with the same wording. Pure: the caller passes the stamp.
 */
export function uniqueWorkNotificationText(text: string, stamp: string): string {
  return `${text}\n\n---\n${stamp}`;
}

/** 1:1 robot messages by msgKey. Field names of other keys (sampleLink, sampleActionCard2..6, …) are UNVERIFIED. */
export type DingTalkRobotOtoMessage =
  | { msgKey: 'sampleText'; content: string }
  | { msgKey: 'sampleMarkdown'; title: string; text: string }
  | { msgKey: 'sampleActionCard'; title: string; text: string; singleTitle: string; singleURL: string };

/** `msgParam` is a JSON **string** holding the msgKey's parameters. */
export function dingTalkRobotMsgParam(message: DingTalkRobotOtoMessage): string {
  switch (message.msgKey) {
    case 'sampleText':
      return JSON.stringify({ content: message.content });
    case 'sampleMarkdown':
      return JSON.stringify({ title: message.title, text: message.text });
    case 'sampleActionCard':
      return JSON.stringify({
        title: message.title,
        text: message.text,
        singleTitle: message.singleTitle,
        singleURL: message.singleURL,
      });
  }
}

/**
 * `POST {apiBase}/v1.0/robot/oToMessages/batchSend` with the token in the header only,
 * `{robotCode, userIds (≤20), msgKey, msgParam: "<JSON string>"}`.
 */
export function buildRobotBatchSendRequest(
  apiBaseUrl: string,
  accessToken: string,
  robotCode: string,
  userIds: readonly string[],
  message: DingTalkRobotOtoMessage,
): HttpRequest {
  return {
    url: `${trimBase(apiBaseUrl)}/v1.0/robot/oToMessages/batchSend`,
    body: JSON.stringify({
      robotCode,
      userIds: [...userIds],
      msgKey: message.msgKey,
      msgParam: dingTalkRobotMsgParam(message),
    }),
    headers: { ...JSON_HEADERS, [DINGTALK_ACCESS_TOKEN_HEADER]: accessToken },
  };
}

/** Splits `items` into consecutive batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
