import { isSealed, type Keyring, sealSecret } from '@tidings/crypto';
import type { InputProblems } from '@tidings/graphql';
import { LARK_HOSTS } from '@tidings/providers';
import type { ChannelKind } from '@tidings/state';
import { checkOptionalToken, checkPositiveInt, checkToken } from './fields.ts';
import type { ConfigOf } from './prepared.ts';

/**
 * One field of a kind's stored config, declared once: the API's forms, the required checks, the sealing
 * and the API's "…Set" flags are all derived from these declarations.
 */
export interface CredentialField {
  /** The key in the kind's config (packages/state). */
  key: string;
  /** The create…Channel input field the value comes from (the webhook URL holds some credentials). */
  input: string;
  label: string;
  /** The input must carry a value (a non-required field may be left out or empty). */
  required: boolean;
  /** Sealed before it is stored; the API never returns it, only `<key>Set` (or a masked URL). */
  secret: boolean;
  /**
   * Validates the field's input, recording problems under its input field; returns the value to store,
   * null for "not set", or undefined after a problem. Fields without one are validated by their kind's
   * prepare function (URL parsing, the SMTP and webhook rules of @tidings/providers).
   */
  check?: (problems: InputProblems, value: unknown) => unknown;
  /** Stored in the clear but shown by the API only masked (a URL whose query may hold tokens). */
  masked?: true;
}

export interface ChannelKindDeclaration {
  kind: ChannelKind;
  label: string;
  /** The Channel field holding this kind's settings. */
  settingsField: string;
  /** The settings field showing the masked webhook URL, for kinds that have one. */
  maskedUrlField?: 'webhookUrlMasked' | 'urlMasked';
  fields: readonly CredentialField[];
}

type Check = CredentialField['check'];
const token =
  (input: string, max?: number): Check =>
  (problems, value) =>
    checkToken(problems, input, value as string | null | undefined, max);
const optionalToken =
  (input: string, max?: number): Check =>
  (problems, value) =>
    checkOptionalToken(problems, input, value as string | null | undefined, max);
/** An http(s) proxy URL without credentials in it (they would be stored in the clear), or null. */
const proxyUrl: Check = (problems, value) => {
  if (value === undefined || value === null || value === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {}
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    problems.add(['proxyUrl'], 'must be an http:// or https:// proxy URL, e.g. http://egress.internal:3128');
    return undefined;
  }
  if (url.username || url.password) {
    problems.add(['proxyUrl'], 'must not contain a user name or password');
    return undefined;
  }
  return url.toString().replace(/\/$/, '');
};
const positiveInt =
  (input: string): Check =>
  (problems, value) =>
    checkPositiveInt(problems, input, value as number | null | undefined);

const field = (
  key: string,
  label: string,
  required: boolean,
  secret: boolean,
  more: { input?: string; check?: Check; masked?: true } = {},
): CredentialField => ({
  key,
  input: more.input ?? key,
  label,
  required,
  secret,
  ...(more.check && { check: more.check }),
  ...(more.masked && { masked: more.masked }),
});

/** Every channel kind's fields, in the order the API validates and shows them. */
export const channelKinds: readonly ChannelKindDeclaration[] = [
  {
    kind: 'dingtalk-robot',
    label: 'DingTalk group robot',
    settingsField: 'dingTalkRobot',
    maskedUrlField: 'webhookUrlMasked',
    fields: [
      field('accessToken', 'Webhook URL', true, true, { input: 'webhookUrl' }),
      field('signingSecret', 'Signing secret (SEC…)', false, true),
      field('keywords', 'Security keywords', false, false),
    ],
  },
  {
    kind: 'dingtalk-app',
    label: 'DingTalk app',
    settingsField: 'dingTalkApp',
    fields: [
      field('clientId', 'Client ID (AppKey)', true, false, { check: token('clientId', 200) }),
      field('clientSecret', 'Client secret (AppSecret)', true, true, { check: token('clientSecret') }),
      field('agentId', 'Agent ID', true, false, { check: positiveInt('agentId') }),
      field('robotCode', 'Robot code (defaults to the client ID)', false, false, {
        check: optionalToken('robotCode', 200),
      }),
      field('mode', 'Mode', true, false, {
        check: (problems, value) => {
          if (value === 'work-notification' || value === 'robot-oto') return value;
          problems.add(['mode'], 'mode must be WORK_NOTIFICATION or ROBOT_OTO');
          return undefined;
        },
      }),
    ],
  },
  {
    kind: 'lark-bot',
    label: 'Lark/Feishu group bot',
    settingsField: 'larkBot',
    maskedUrlField: 'webhookUrlMasked',
    fields: [
      field('host', 'Webhook URL', true, false, { input: 'webhookUrl' }),
      field('hookId', 'Webhook URL', true, true, { input: 'webhookUrl' }),
      field('signingSecret', 'Signing secret', false, true, { check: optionalToken('signingSecret', 200) }),
      field('keywords', 'Security keywords', false, false),
    ],
  },
  {
    kind: 'lark-app',
    label: 'Lark/Feishu app',
    settingsField: 'larkApp',
    fields: [
      field('host', 'Host', true, false, {
        check: (problems, value) => {
          const name = value as string;
          if (typeof name === 'string' && Object.hasOwn(LARK_HOSTS, name))
            return LARK_HOSTS[name as keyof typeof LARK_HOSTS];
          problems.add(['host'], 'host must be FEISHU or LARK');
          return undefined;
        },
      }),
      field('appId', 'App ID', true, false, { check: token('appId', 200) }),
      field('appSecret', 'App secret', true, true, { check: token('appSecret') }),
    ],
  },
  {
    kind: 'wecom-app',
    label: 'WeCom app',
    settingsField: 'weComApp',
    fields: [
      field('corpId', 'Corp ID', true, false, { check: token('corpId', 200) }),
      field('corpSecret', 'Secret', true, true, { check: token('corpSecret') }),
      field('agentId', 'Agent ID', true, false, { check: positiveInt('agentId') }),
      field('safe', 'Confidential messages', false, false, { check: (_, value) => value ?? false }),
      field('proxyUrl', 'Outbound proxy', false, false, { check: proxyUrl }),
    ],
  },
  {
    kind: 'wecom-robot',
    label: 'WeCom group robot',
    settingsField: 'weComRobot',
    maskedUrlField: 'webhookUrlMasked',
    fields: [field('key', 'Webhook URL', true, true, { input: 'webhookUrl' })],
  },
  {
    kind: 'smtp',
    label: 'SMTP mailbox',
    settingsField: 'smtp',
    fields: [
      field('host', 'Host', true, false),
      field('port', 'Port', true, false),
      field('security', 'Security', true, false),
      field('user', 'User', false, false),
      field('password', 'Password', false, true),
      field('from', 'From', true, false),
    ],
  },
  {
    kind: 'webhook',
    label: 'Webhook',
    settingsField: 'webhook',
    maskedUrlField: 'urlMasked',
    fields: [
      field('url', 'URL', true, false, { masked: true }),
      field('secret', 'Signing secret', true, true),
      field('bearerToken', 'Bearer token', false, true),
    ],
  },
];

const byKind: ReadonlyMap<ChannelKind, ChannelKindDeclaration> = new Map(
  channelKinds.map((declaration) => [declaration.kind, declaration]),
);

export function channelKind(kind: ChannelKind): ChannelKindDeclaration {
  const declaration = byKind.get(kind);
  if (!declaration) throw new Error(`no declaration for channel kind ${kind}`);
  return declaration;
}

/**
 * Runs the declared checks of a kind's fields on its input, in declaration order, recording every problem.
 * Returns the checked values by config key (undefined where a check failed).
 */
export function checkDeclaredFields(
  kind: ChannelKind,
  input: object,
  problems: InputProblems,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const given = input as Record<string, unknown>;
  for (const declared of channelKind(kind).fields) {
    if (declared.check) values[declared.key] = declared.check(problems, given[declared.input]);
  }
  return values;
}

/**
 * The one place credentials are sealed: every secret field of the config's kind that holds a value is
 * sealed, nothing else is. A value that is already sealed is refused, so plain and sealed values are never
 * confused (the sealed marker is @tidings/crypto's).
 */
export function sealConfig<K extends ChannelKind>(keyring: Keyring, plain: ConfigOf<K>): ConfigOf<K> {
  const config: Record<string, unknown> = { ...plain };
  for (const declared of channelKind(plain.kind).fields) {
    if (!declared.secret) continue;
    const value = config[declared.key];
    if (value === null || value === undefined) {
      if (declared.required) throw new Error(`${plain.kind}.${declared.key} is required`);
      config[declared.key] = null;
      continue;
    }
    if (typeof value !== 'string') throw new Error(`${plain.kind}.${declared.key} must be a string`);
    if (isSealed(value)) throw new Error(`${plain.kind}.${declared.key} is already sealed`);
    config[declared.key] = sealSecret(keyring, value);
  }
  return config as ConfigOf<K>;
}

/**
 * What the API shows of a stored config: every non-secret field as stored (a masked one only as the masked
 * URL), for every secret field only `<key>Set`, and the masked webhook URL where the kind has one.
 */
export function shownSettings(config: ConfigOf<ChannelKind>, webhookUrlMasked: string | null) {
  const stored = config as Record<string, unknown>;
  const declaration = channelKind(config.kind);
  const shown: Record<string, unknown> = {};
  for (const declared of declaration.fields) {
    if (declared.secret) shown[`${declared.key}Set`] = stored[declared.key] !== null;
    else if (!declared.masked) shown[declared.key] = stored[declared.key];
  }
  if (declaration.maskedUrlField) shown[declaration.maskedUrlField] = webhookUrlMasked ?? '';
  return shown;
}

/**
 * What the audit log keeps of a stored config: every non-secret field as stored (a masked one only as the
 * masked URL), every secret field only as "set" or "not set", never its value (sealed or not).
 */
export function auditedSettings(config: ConfigOf<ChannelKind>, webhookUrlMasked: string | null) {
  const stored = config as Record<string, unknown>;
  const declaration = channelKind(config.kind);
  const shown: Record<string, unknown> = {};
  for (const declared of declaration.fields) {
    if (declared.secret)
      shown[declared.key] =
        stored[declared.key] === null || stored[declared.key] === undefined ? 'not set' : 'set';
    else if (!declared.masked) shown[declared.key] = stored[declared.key];
  }
  if (declaration.maskedUrlField) shown[declaration.maskedUrlField] = webhookUrlMasked ?? '';
  return shown;
}
