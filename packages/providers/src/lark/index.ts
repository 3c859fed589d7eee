export type { LarkBody, LarkResponse } from './classify.ts';
export {
  classifyLarkBotResponse,
  classifyLarkLookupResponse,
  classifyLarkSendResponse,
  classifyLarkTokenResponse,
  LARK_BOT_THROTTLE_RETRY_SECONDS,
  LARK_RATE_LIMIT_CODE,
  LARK_RATE_LIMIT_RETRY_SECONDS,
  LARK_SERVER_ERROR_RETRY_SECONDS,
  LARK_TOKEN_ERROR_CODES,
  LARK_USER_RATE_RETRY_SECONDS,
  larkRetryAfter,
  parseLarkBody,
} from './classify.ts';
export type { LarkApp, LarkBotHook, LarkClient, LarkClientOptions, LarkLookupOutcome } from './client.ts';
export { createLarkClient, LARK_DEFAULT_TIMEOUT_MS, LARK_TOKEN_REFRESH_EARLY_SECONDS } from './client.ts';
export type { LarkLookupBatch, LarkLookupInput, LarkLookupResult, LarkUserIdEntry } from './lookup.ts';
export {
  batchLarkLookup,
  buildLarkLookupRequest,
  LARK_LOOKUP_NOT_FOUND_REASON,
  larkLookupResultFor,
  normalizeLarkMobile,
  parseLarkUserList,
} from './lookup.ts';
export type {
  HttpRequest as LarkHttpRequest,
  LarkBotRequestInput,
  LarkMention,
  LarkMessage,
  LarkSendRequestInput,
} from './messages.ts';
export {
  buildLarkBotRequest,
  buildLarkSendRequest,
  buildLarkTokenRequest,
  fitToBytes,
  LARK_DEFAULT_BASE_URL,
  LARK_LIMITS,
  larkAppMessageContent,
  larkBotMessageBody,
  larkCard,
  larkTextAt,
  larkUuid,
} from './messages.ts';
export { signLarkBot } from './sign.ts';
export type { ParsedLarkBotWebhookUrl } from './webhook-url.ts';
export { LARK_BOT_WEBHOOK_HOSTS, LARK_HOSTS, parseLarkBotWebhookUrl } from './webhook-url.ts';
