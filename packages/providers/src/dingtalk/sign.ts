import { createHmac } from 'node:crypto';

/**
 * Signature of a DingTalk custom group robot request ("加签").
 * https://help.dingtalk.io/open/dingstart/customize-robot-security-settings
 *
 * key = the whole secret (the string starting with `SEC`), message = `${timestampMs}\n${secret}`,
 * HMAC-SHA256, standard Base64. The result is NOT URL-encoded here: it goes into the query string
 * through URLSearchParams exactly once (encoding it twice is a known cause of `sign not match`).
 */
export function signDingTalkRobot(secret: string, timestampMs: number): string {
  if (!Number.isSafeInteger(timestampMs)) {
    throw new RangeError(`timestampMs must be an integer number of milliseconds, got ${timestampMs}`);
  }
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestampMs}\n${secret}`, 'utf8')
    .digest('base64');
}
