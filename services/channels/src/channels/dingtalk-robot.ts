import type { Keyring } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { DINGTALK_ROBOT_WEBHOOK_HOSTS, parseDingTalkRobotWebhookUrl } from '@tidings/providers';
import type { DingTalkRobotConfig } from '@tidings/state';
import { sealConfig } from './credential-fields.ts';
import { checkKeywords, checkUrlCredential, credentialTail } from './fields.ts';

/**
 * A custom group robot accepts at most 10 keywords.
 * https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
 */
export const DINGTALK_ROBOT_MAX_KEYWORDS = 10;

export interface DingTalkRobotInput {
  webhookUrl: string;
  signingSecret?: string | null;
  keywords?: string[] | null;
}

export interface PreparedDingTalkRobot {
  /** Sealed credentials: ready for the database and the state topic. */
  config: DingTalkRobotConfig;
  webhookUrlMasked: string;
}

/** Keeps the host and path, and of the token only its last 4 characters (when it is long enough to spare them). */
export function maskDingTalkRobotWebhookUrl(url: URL, accessToken: string): string {
  return `${url.origin}${url.pathname}?access_token=********${credentialTail(accessToken)}`;
}

/**
 * Validates a robot's settings, recording problems by field; when there are none, returns the config
 * with the access token and signing secret sealed. The plain values go nowhere else.
 */
export function prepareDingTalkRobot(
  input: DingTalkRobotInput,
  keyring: Keyring,
  problems: InputProblems,
): PreparedDingTalkRobot | undefined {
  const parsed = parseDingTalkRobotWebhookUrl(input.webhookUrl);
  if (parsed.ok) checkUrlCredential(problems, 'access token', parsed.accessToken);
  else {
    problems.add(
      ['webhookUrl'],
      `not a DingTalk robot webhook URL (https://${DINGTALK_ROBOT_WEBHOOK_HOSTS[0]}/robot/send?access_token=…): ${parsed.reason}`,
    );
  }

  const signingSecret = input.signingSecret?.trim() || null;
  if (signingSecret !== null && !/^SEC[0-9A-Za-z]+$/.test(signingSecret)) {
    problems.add(
      ['signingSecret'],
      'a DingTalk signing secret starts with "SEC" followed by letters and digits, as shown in the robot’s security settings',
    );
  }

  const keywords = checkKeywords(problems, input.keywords, DINGTALK_ROBOT_MAX_KEYWORDS, 'DingTalk robot');

  if (problems.any || !parsed.ok) return undefined;
  return {
    config: sealConfig<'dingtalk-robot'>(keyring, {
      kind: 'dingtalk-robot',
      keywords,
      accessToken: parsed.accessToken,
      signingSecret,
    }),
    webhookUrlMasked: maskDingTalkRobotWebhookUrl(new URL(input.webhookUrl.trim()), parsed.accessToken),
  };
}
