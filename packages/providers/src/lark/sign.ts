import { createHmac } from 'node:crypto';

/**
 * Signature of a Lark/Feishu custom bot request (reference §3.1;
 * https://open.larksuite.com/document/client-docs/bot-v3/use-custom-bots-in-a-group).
 *
 * NOT DingTalk's recipe: here the HMAC-SHA256 KEY is `${timestampSeconds}\n${secret}` and the MESSAGE is
 * empty; the timestamp is in SECONDS; the Base64 result goes into the JSON body (next to `msg_type`) and is
 * never URL-encoded. (openlark-webhook 0.15.0 uses key=secret, DingTalk-style: wrong.)
 */
export function signLarkBot(secret: string, timestampSeconds: number): string {
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError(`timestampSeconds must be a whole number of seconds, got ${timestampSeconds}`);
  }
  return createHmac('sha256', Buffer.from(`${timestampSeconds}\n${secret}`, 'utf8'))
    .update('')
    .digest('base64');
}
