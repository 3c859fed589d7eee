export type { WebhookAttempt, WebhookDelivery, WebhookEmulator, WebhookEndpoint } from './emulator.ts';
export {
  checkSignature,
  createWebhookEmulator,
  WEBHOOK_MAX_RECORDED,
  WEBHOOK_RECEIVE_PREFIX,
  WEBHOOK_TOLERANCE_SECONDS,
  WEBHOOK_VENDOR,
  WebhookEndpointBody,
} from './emulator.ts';
