// The enterprise apps people are reached through (DingTalk, Lark/Feishu, WeCom): one set of API clients
// and one way to open a channel's sealed credentials, for both finding people and sending to them.
import { type Keyring, openSecret } from '@tidings/crypto';
import { createDingTalkAppClient, createLarkClient, createWeComClient, TokenCache } from '@tidings/providers';
import type { ChannelConfig } from '@tidings/state';
import type { ProviderEndpoints } from './handlers.ts';

type ConfigOf<Kind extends ChannelConfig['kind']> = Extract<ChannelConfig, { kind: Kind }>;

/**
 * The three app clients. One token cache for all of them (keys are vendor-prefixed), shared by whoever
 * passes it, so each app fetches one access token per lifetime whether it looks people up or sends.
 */
export function createAppClients(endpoints: ProviderEndpoints, tokenCache = new TokenCache()) {
  const timeout = { timeoutMs: endpoints.timeoutMs };
  return {
    tokenCache,
    dingtalk: createDingTalkAppClient({
      oapiBaseUrl: endpoints.dingtalk.baseUrl,
      ...(endpoints.dingtalk.apiBaseUrl && { apiBaseUrl: endpoints.dingtalk.apiBaseUrl }),
      tokenCache,
      ...timeout,
    }),
    lark: createLarkClient({
      ...(endpoints.lark.baseUrl && { baseUrl: endpoints.lark.baseUrl }),
      tokenCache,
      ...timeout,
    }),
    wecom: createWeComClient({ baseUrl: endpoints.wecom.baseUrl, tokenCache, ...timeout }),
  };
}

/** Opens each app's sealed secret only when a call needs it: it never sits in clear in the state store. */
export function appCredentials(keyring: Keyring) {
  const open = (sealed: string) => openSecret(keyring, sealed);
  return {
    dingtalk: (config: ConfigOf<'dingtalk-app'>) => ({
      clientId: config.clientId,
      clientSecret: open(config.clientSecret),
      agentId: config.agentId,
      robotCode: config.robotCode,
    }),
    lark: (config: ConfigOf<'lark-app'>) => ({
      appId: config.appId,
      appSecret: open(config.appSecret),
      baseUrl: config.host,
    }),
    wecom: (config: ConfigOf<'wecom-app'>) => ({
      corpId: config.corpId,
      corpSecret: open(config.corpSecret),
      agentId: config.agentId,
      safe: config.safe,
      ...(config.proxyUrl && { proxyUrl: config.proxyUrl }),
    }),
  };
}
