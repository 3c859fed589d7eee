import type { Keyring } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { LARK_BOT_WEBHOOK_HOSTS, type LARK_HOSTS, parseLarkBotWebhookUrl } from '@tidings/providers';
import { checkDeclaredFields, sealConfig } from './credential-fields.ts';
import { checkKeywords, checkUrlCredential, credentialTail } from './fields.ts';
import type { Prepared } from './prepared.ts';

/**
 * A Lark/Feishu custom bot accepts at most 10 keywords (reference §3.1,
 * https://open.larksuite.com/document/client-docs/bot-v3/use-custom-bots-in-a-group).
 */
export const LARK_BOT_MAX_KEYWORDS = 10;

export type LarkHostName = keyof typeof LARK_HOSTS;

export interface LarkBotInput {
  webhookUrl: string;
  signingSecret?: string | null;
  keywords?: string[] | null;
}

export interface LarkAppInput {
  host: LarkHostName;
  appId: string;
  appSecret: string;
}

/** Keeps the host and path, and of the hook id only its last 4 characters. */
export function maskLarkBotWebhookUrl(baseUrl: string, hookId: string): string {
  return `${baseUrl}/open-apis/bot/v2/hook/********${credentialTail(hookId)}`;
}

/**
 * Validates a Lark/Feishu custom bot's settings; when there are none, returns the config with the hook
 * id (the credential in the webhook URL) and the signing secret sealed. The host is kept in the clear.
 */
export function prepareLarkBot(
  input: LarkBotInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'lark-bot'> | undefined {
  const parsed = parseLarkBotWebhookUrl(input.webhookUrl);
  if (parsed.ok) checkUrlCredential(problems, 'hook id', parsed.hookId);
  else {
    problems.add(
      ['webhookUrl'],
      `not a Lark/Feishu bot webhook URL (https://${LARK_BOT_WEBHOOK_HOSTS[0]}/open-apis/bot/v2/hook/…): ${parsed.reason}`,
    );
  }
  const signingSecret = checkDeclaredFields('lark-bot', input, problems).signingSecret as
    | string
    | null
    | undefined;
  const keywords = checkKeywords(problems, input.keywords, LARK_BOT_MAX_KEYWORDS, 'Lark/Feishu bot');
  if (problems.any || !parsed.ok || signingSecret === undefined) return undefined;
  return {
    config: sealConfig<'lark-bot'>(keyring, {
      kind: 'lark-bot',
      host: parsed.baseUrl,
      hookId: parsed.hookId,
      signingSecret,
      keywords,
    }),
    webhookUrlMasked: maskLarkBotWebhookUrl(parsed.baseUrl, parsed.hookId),
  };
}

/** Validates a Lark/Feishu app's settings; when there are none, returns the config with the app secret sealed. */
export function prepareLarkApp(
  input: LarkAppInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'lark-app'> | undefined {
  const checked = checkDeclaredFields('lark-app', input, problems);
  const host = checked.host as string | undefined;
  const appId = checked.appId as string | undefined;
  const appSecret = checked.appSecret as string | undefined;
  if (problems.any || !host || !appId || !appSecret) return undefined;
  return {
    config: sealConfig<'lark-app'>(keyring, { kind: 'lark-app', host, appId, appSecret }),
    webhookUrlMasked: null,
  };
}
