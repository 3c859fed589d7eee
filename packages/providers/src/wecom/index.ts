export type { WeComAppSendClassification, WeComBody, WeComRecipientOutcome } from './classify.ts';
export {
  classifyWeComAppSendResponse,
  classifyWeComErrcode,
  classifyWeComHttp,
  classifyWeComResponse,
  classifyWeComRobotResponse,
  fromIpOf,
  parseWeComBody,
  WECOM_BUSY_RETRY_SECONDS,
  WECOM_ROBOT_THROTTLE_ERRCODES,
  WECOM_SERVER_ERROR_RETRY_SECONDS,
  WECOM_THROTTLE_RETRY_SECONDS,
  WECOM_TOKEN_ERRCODES,
} from './classify.ts';
export type {
  WeComAppCredentials,
  WeComAppSendInput,
  WeComAppSendResult,
  WeComClient,
  WeComClientOptions,
  WeComLookup,
  WeComLookupResult,
  WeComRobotCredentials,
} from './client.ts';
export {
  createWeComClient,
  WECOM_DEFAULT_TIMEOUT_MS,
  WECOM_LOOKUP_NOT_FOUND_ERRCODES,
  weComTokenKey,
} from './client.ts';
export type { WeComAppMessage, WeComAppMessageInput, WeComRobotMessage } from './message.ts';
export {
  buildWeComRobotRequest,
  truncateUtf8,
  utf8Length,
  viewFullSuffix,
  WECOM_DEFAULT_BASE_URL,
  WECOM_LIMITS,
  weComAppMessageBodies,
  weComAppMessagePart,
  weComRecipientBatches,
  weComRobotBody,
} from './message.ts';
export type { ParsedWeComRobotWebhookUrl } from './webhook-url.ts';
export { parseWeComRobotWebhookUrl, WECOM_ROBOT_WEBHOOK_HOST } from './webhook-url.ts';
