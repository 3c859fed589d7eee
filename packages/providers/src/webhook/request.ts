import { signWebhook } from './sign.ts';

export type WebhookCredentials = {
  url: string;
  /** HMAC key for `x-tidings-signature`; at least WEBHOOK_LIMITS.minSecretChars characters. */
  secret: string;
  /** Sent as `authorization: Bearer <token>` when set (what SQLE-style receivers check). */
  bearerToken?: string;
};

export const WEBHOOK_LIMITS = {
  minSecretChars: 16,
  /** Tidings policy: receivers commonly cap bodies at 1 MiB; events are far smaller. */
  maxBodyBytes: 1024 * 1024,
  maxIdempotencyKeyChars: 200,
} as const;

export const WEBHOOK_HEADERS = {
  timestamp: 'x-tidings-timestamp',
  signature: 'x-tidings-signature',
  deliveryId: 'x-tidings-delivery-id',
} as const;

export type WebhookSettingsProblem = { field: keyof WebhookCredentials; message: string };

/** Every problem with a webhook configuration, each naming its field. Pure: no DNS. */
export function validateWebhookSettings(credentials: WebhookCredentials): WebhookSettingsProblem[] {
  const problems: WebhookSettingsProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(credentials.url);
  } catch {
    problems.push({ field: 'url', message: 'url must be an absolute http(s) URL' });
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:') {
    problems.push({ field: 'url', message: 'url must use http or https' });
  } else if (url && (url.username || url.password)) {
    problems.push({ field: 'url', message: 'url must not contain credentials; use bearerToken' });
  }
  if (typeof credentials.secret !== 'string' || credentials.secret.length < WEBHOOK_LIMITS.minSecretChars) {
    problems.push({
      field: 'secret',
      message: `secret must be at least ${WEBHOOK_LIMITS.minSecretChars} characters`,
    });
  }
  if (credentials.bearerToken !== undefined && !/^[\x21-\x7e]+$/.test(credentials.bearerToken)) {
    problems.push({ field: 'bearerToken', message: 'bearerToken must be printable ASCII without spaces' });
  }
  return problems;
}

export type WebhookRequest = { url: string; headers: Record<string, string>; body: string };

export type WebhookRequestInput = {
  credentials: WebhookCredentials;
  payload: unknown;
  idempotencyKey: string;
  timestampSeconds: number;
};

/**
 * One attempt's request, built afresh (body serialised and signed) for every attempt: SQLE reuses
 * one request object across retries and may send an empty body on retry (reference §5.2).
 */
export function buildWebhookRequest(input: WebhookRequestInput): WebhookRequest {
  const body = JSON.stringify(input.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [WEBHOOK_HEADERS.timestamp]: String(input.timestampSeconds),
    [WEBHOOK_HEADERS.signature]: signWebhook(input.credentials.secret, input.timestampSeconds, body),
    [WEBHOOK_HEADERS.deliveryId]: input.idempotencyKey,
  };
  if (input.credentials.bearerToken) headers.authorization = `Bearer ${input.credentials.bearerToken}`;
  return { url: input.credentials.url, headers, body };
}
