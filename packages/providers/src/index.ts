export {
  classifyDingTalkRobotResponse,
  DINGTALK_ROBOT_BUSY_RETRY_SECONDS,
  DINGTALK_ROBOT_SERVER_ERROR_RETRY_SECONDS,
  DINGTALK_ROBOT_THROTTLE_ERRCODES,
  DINGTALK_ROBOT_THROTTLE_RETRY_SECONDS,
} from './dingtalk/classify.ts';
export type {
  DingTalkRobotClient,
  DingTalkRobotClientOptions,
  DingTalkRobotCredentials,
  DingTalkRobotSendOptions,
} from './dingtalk/client.ts';
export { createDingTalkRobotClient, DINGTALK_ROBOT_DEFAULT_TIMEOUT_MS } from './dingtalk/client.ts';
export type {
  DingTalkRobotActionCardMessage,
  DingTalkRobotAt,
  DingTalkRobotMarkdownMessage,
  DingTalkRobotMessage,
  DingTalkRobotRequestInput,
  DingTalkRobotTextMessage,
  HttpRequest,
} from './dingtalk/robot.ts';
export {
  buildDingTalkRobotRequest,
  DINGTALK_ROBOT_DEFAULT_BASE_URL,
  DINGTALK_ROBOT_LIMITS,
  dingTalkRobotBody,
} from './dingtalk/robot.ts';
export { signDingTalkRobot } from './dingtalk/sign.ts';
export type { ParsedDingTalkRobotWebhookUrl } from './dingtalk/webhook-url.ts';
export { DINGTALK_ROBOT_WEBHOOK_HOSTS, parseDingTalkRobotWebhookUrl } from './dingtalk/webhook-url.ts';
export * from './dingtalk-app/index.ts';
export type { HttpResponse, PostJsonOptions, PostJsonResult, TenantTargetPostResult } from './http.ts';
export { NETWORK_RETRY_AFTER_SECONDS, postJson, postJsonToTenantTarget } from './http.ts';
export * from './lark/index.ts';
export { platformMobile } from './mobile.ts';
export * from './net/index.ts';
export type { DeliveryOutcome, DeliveryOutcomeKind } from './outcome.ts';
export * from './smtp/index.ts';
export type { TokenCacheOptions, TokenFetch, TokenResult } from './token-cache.ts';
export { TokenCache } from './token-cache.ts';
export * from './webhook/index.ts';
export * from './wecom/index.ts';
