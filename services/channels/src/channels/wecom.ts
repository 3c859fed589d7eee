import type { Keyring } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { parseWeComRobotWebhookUrl, WECOM_ROBOT_WEBHOOK_HOST } from '@tidings/providers';
import { checkDeclaredFields, sealConfig } from './credential-fields.ts';
import { checkUrlCredential, credentialTail } from './fields.ts';
import type { Prepared } from './prepared.ts';

export interface WeComAppInput {
  corpId: string;
  corpSecret: string;
  agentId: number;
  safe?: boolean | null;
  proxyUrl?: string | null;
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
  const checked = checkDeclaredFields('wecom-app', input, problems);
  const corpId = checked.corpId as string | undefined;
  const corpSecret = checked.corpSecret as string | undefined;
  const agentId = checked.agentId as number | undefined;
  if (problems.any || !corpId || !corpSecret || !agentId) return undefined;
  return {
    config: sealConfig<'wecom-app'>(keyring, {
      kind: 'wecom-app',
      corpId,
      corpSecret,
      agentId,
      safe: checked.safe as boolean,
      proxyUrl: (checked.proxyUrl as string | null | undefined) ?? null,
    }),
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
  if (parsed.ok) checkUrlCredential(problems, 'key', parsed.key);
  else {
    problems.add(
      ['webhookUrl'],
      `not a WeCom robot webhook URL (https://${WECOM_ROBOT_WEBHOOK_HOST}/cgi-bin/webhook/send?key=…): ${parsed.reason}`,
    );
  }
  if (problems.any || !parsed.ok) return undefined;
  return {
    config: sealConfig<'wecom-robot'>(keyring, { kind: 'wecom-robot', key: parsed.key }),
    webhookUrlMasked: maskWeComRobotWebhookUrl(parsed.key),
  };
}
