import { type Keyring, sealSecret } from '@tidings/crypto';
import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { DINGTALK_ROBOT_WEBHOOK_HOSTS, parseDingTalkRobotWebhookUrl } from '@tidings/providers';
import type { DingTalkRobotConfig } from '@tidings/state';

/**
 * A custom group robot accepts at most 10 keywords.
 * https://open.dingtalk.com/document/orgapp/customize-robot-security-settings
 */
export const DINGTALK_ROBOT_MAX_KEYWORDS = 10;
const MAX_KEYWORD_LENGTH = 100;

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
  const tail = accessToken.length >= 16 ? accessToken.slice(-4) : '';
  return `${url.origin}${url.pathname}?access_token=********${tail}`;
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
  if (!parsed.ok) {
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

  const keywords = (input.keywords ?? []).map((keyword) => keyword.trim());
  if (keywords.length > DINGTALK_ROBOT_MAX_KEYWORDS) {
    problems.add(
      ['keywords'],
      `a DingTalk robot has at most ${DINGTALK_ROBOT_MAX_KEYWORDS} keywords, got ${keywords.length}`,
      InputErrorCode.tooMany,
    );
  }
  keywords.forEach((keyword, index) => {
    if (keyword === '')
      problems.add(['keywords', String(index)], 'a keyword must not be empty', InputErrorCode.required);
    else if (keyword.length > MAX_KEYWORD_LENGTH) {
      problems.add(
        ['keywords', String(index)],
        `a keyword must be at most ${MAX_KEYWORD_LENGTH} characters`,
        InputErrorCode.tooLong,
      );
    }
  });

  if (problems.any || !parsed.ok) return undefined;
  return {
    config: {
      kind: 'dingtalk-robot',
      keywords: [...new Set(keywords)],
      accessToken: sealSecret(keyring, parsed.accessToken),
      signingSecret: signingSecret === null ? null : sealSecret(keyring, signingSecret),
    },
    webhookUrlMasked: maskDingTalkRobotWebhookUrl(new URL(input.webhookUrl.trim()), parsed.accessToken),
  };
}
