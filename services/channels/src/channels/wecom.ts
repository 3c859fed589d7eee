import { type Keyring, sealSecret } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { parseWeComRobotWebhookUrl, WECOM_ROBOT_WEBHOOK_HOST } from '@tidings/providers';
import { checkPositiveInt, checkToken, credentialTail } from './fields.ts';
import type { Prepared } from './prepared.ts';

export interface WeComAppInput {
  corpId: string;
  corpSecret: string;
  agentId: number;
  safe?: boolean | null;
}

export interface WeComRobotInput {
  webhookUrl: string;
}

/** Validates a WeCom self-built app's settings; when there are none, returns the config with the secret sealed. */
export function prepareWeComApp(
  input: WeComAppInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'wecom-app'> | undefined {
  const corpId = checkToken(problems, 'corpId', input.corpId, 200);
  const corpSecret = checkToken(problems, 'corpSecret', input.corpSecret);
  const agentId = checkPositiveInt(problems, 'agentId', input.agentId);
  if (problems.any || !corpId || !corpSecret || !agentId) return undefined;
  return {
    config: {
      kind: 'wecom-app',
      corpId,
      corpSecret: sealSecret(keyring, corpSecret),
      agentId,
      safe: input.safe ?? false,
    },
    webhookUrlMasked: null,
  };
}

/** Keeps the host and path, and of the key only its last 4 characters. */
export function maskWeComRobotWebhookUrl(key: string): string {
  return `https://${WECOM_ROBOT_WEBHOOK_HOST}/cgi-bin/webhook/send?key=********${credentialTail(key)}`;
}

/**
 * Validates a WeCom group robot's webhook URL; when it is one, returns the config with its key (the only
 * credential: these robots do not sign) sealed.
 */
export function prepareWeComRobot(
  input: WeComRobotInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'wecom-robot'> | undefined {
  const parsed = parseWeComRobotWebhookUrl(input.webhookUrl);
  if (!parsed.ok) {
    problems.add(
      ['webhookUrl'],
      `not a WeCom robot webhook URL (https://${WECOM_ROBOT_WEBHOOK_HOST}/cgi-bin/webhook/send?key=…): ${parsed.reason}`,
    );
  }
  if (problems.any || !parsed.ok) return undefined;
  return {
    config: { kind: 'wecom-robot', key: sealSecret(keyring, parsed.key) },
    webhookUrlMasked: maskWeComRobotWebhookUrl(parsed.key),
  };
}
