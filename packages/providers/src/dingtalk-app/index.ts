export type {
  ApiResult,
  DingTalkAppFailure,
  DingTalkRecipientOutcome,
  DingTalkUserLookup,
  OapiResult,
  RobotBatchResult,
} from './classify.ts';
export {
  classifyAccessTokenResponse,
  classifyApiErrorCode,
  classifyApiResponse,
  classifyGetUserByMobileResponse,
  classifyOapiErrcode,
  classifyOapiResponse,
  classifyRobotBatchResponse,
  classifyWorkNotificationResponse,
  DINGTALK_APP_BUSY_RETRY_SECONDS,
  DINGTALK_APP_FLOW_CONTROL_RETRY_SECONDS,
  DINGTALK_APP_SERVER_ERROR_RETRY_SECONDS,
} from './classify.ts';
export type { DingTalkAppClient, DingTalkAppClientOptions } from './client.ts';
export { createDingTalkAppClient, DINGTALK_APP_DEFAULT_TIMEOUT_MS } from './client.ts';
export type { DingTalkMobile } from './mobile.ts';
export { toDingTalkMobile } from './mobile.ts';
export type { DingTalkAppCredentials, DingTalkRobotOtoMessage, DingTalkWorkMessage } from './requests.ts';
export {
  buildAccessTokenRequest,
  buildGetUserByMobileRequest,
  buildRobotBatchSendRequest,
  buildWorkNotificationRequest,
  chunk,
  DINGTALK_ACCESS_TOKEN_HEADER,
  DINGTALK_APP_DEFAULT_API_BASE_URL,
  DINGTALK_APP_DEFAULT_OAPI_BASE_URL,
  DINGTALK_APP_LIMITS,
  dingTalkRobotMsgParam,
  dingTalkWorkMessageBody,
  uniqueWorkNotificationText,
} from './requests.ts';
