import { type Keyring, sealSecret } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { checkPositiveInt, checkToken } from './fields.ts';
import type { Prepared } from './prepared.ts';

export type DingTalkAppMode = 'work-notification' | 'robot-oto';

export interface DingTalkAppInput {
  clientId: string;
  clientSecret: string;
  agentId: number;
  /** Defaults to the clientId (an internal app's robot code usually equals its AppKey). */
  robotCode?: string | null;
  mode: DingTalkAppMode;
}

/**
 * Validates a DingTalk enterprise internal app's settings, recording problems by field; when there are
 * none, returns the config with the client secret sealed.
 */
export function prepareDingTalkApp(
  input: DingTalkAppInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'dingtalk-app'> | undefined {
  const clientId = checkToken(problems, 'clientId', input.clientId, 200);
  const clientSecret = checkToken(problems, 'clientSecret', input.clientSecret);
  const agentId = checkPositiveInt(problems, 'agentId', input.agentId);
  const robotCode =
    (input.robotCode ?? '').trim() === ''
      ? clientId
      : checkToken(problems, 'robotCode', input.robotCode, 200);
  if (input.mode !== 'work-notification' && input.mode !== 'robot-oto') {
    problems.add(['mode'], 'mode must be WORK_NOTIFICATION or ROBOT_OTO');
  }
  if (problems.any || !clientId || !clientSecret || !agentId || !robotCode) return undefined;
  return {
    config: {
      kind: 'dingtalk-app',
      clientId,
      clientSecret: sealSecret(keyring, clientSecret),
      agentId,
      robotCode,
      mode: input.mode,
    },
    webhookUrlMasked: null,
  };
}
