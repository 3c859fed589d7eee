import type { Keyring } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { checkDeclaredFields, sealConfig } from './credential-fields.ts';
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
  const checked = checkDeclaredFields('dingtalk-app', input, problems);
  const clientId = checked.clientId as string | undefined;
  const clientSecret = checked.clientSecret as string | undefined;
  const agentId = checked.agentId as number | undefined;
  const robotCode =
    (checked.robotCode as string | null | undefined) === null
      ? clientId
      : (checked.robotCode as string | undefined);
  const mode = checked.mode as DingTalkAppMode | undefined;
  if (problems.any || !clientId || !clientSecret || !agentId || !robotCode || !mode) return undefined;
  return {
    config: sealConfig<'dingtalk-app'>(keyring, {
      kind: 'dingtalk-app',
      clientId,
      clientSecret,
      agentId,
      robotCode,
      mode,
    }),
    webhookUrlMasked: null,
  };
}
