export type { WebhookResponse } from './classify.ts';
export {
  classifyWebhookResponse,
  parseRetryAfter,
  WEBHOOK_BODY_EXCERPT_CHARS,
  WEBHOOK_MAX_RETRY_AFTER_SECONDS,
  WEBHOOK_SERVER_ERROR_RETRY_SECONDS,
  WEBHOOK_THROTTLE_RETRY_SECONDS,
} from './classify.ts';
export type {
  WebhookClient,
  WebhookClientOptions,
  WebhookOutboundOptions,
  WebhookSendOptions,
} from './client.ts';
export { createWebhookClient, WEBHOOK_DEFAULT_TIMEOUT_MS, WEBHOOK_MAX_ANSWER_BYTES } from './client.ts';
export type { WebhookEvent, WebhookPerson, WebhookTicket } from './event.ts';
export type {
  WebhookCredentials,
  WebhookRequest,
  WebhookRequestInput,
  WebhookSettingsProblem,
} from './request.ts';
export { buildWebhookRequest, validateWebhookSettings, WEBHOOK_HEADERS, WEBHOOK_LIMITS } from './request.ts';
export type { VerifyWebhookSignatureInput, VerifyWebhookSignatureResult } from './sign.ts';
export {
  signWebhook,
  verifyWebhookSignature,
  WEBHOOK_DEFAULT_TOLERANCE_SECONDS,
  WEBHOOK_SIGNATURE_VERSION,
} from './sign.ts';
