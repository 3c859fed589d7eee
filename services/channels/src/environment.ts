import { envFields } from '@tidings/config';
import { loadSubgraphEnvironment } from '@tidings/graphql';
import type { ChannelsServiceConfig } from './service.ts';

/** The only reader of `process.env` in the channels service; the rest sees a ChannelsServiceConfig. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): ChannelsServiceConfig {
  const { extra, ...config } = loadSubgraphEnvironment(
    {
      service: 'channels',
      defaultPort: 4002,
      needsKeyring: true,
      // Where the "Test" button's sends go; unset means the platforms' real hosts (the sandbox locally).
      extra: {
        DINGTALK_BASE_URL: envFields.url.optional(),
        DINGTALK_API_BASE_URL: envFields.url.optional(),
        LARK_BASE_URL: envFields.url.optional(),
        WECOM_BASE_URL: envFields.url.optional(),
      },
    },
    env,
  );
  return {
    ...config,
    testSend: {
      ...(extra.DINGTALK_BASE_URL && { dingtalkOapi: extra.DINGTALK_BASE_URL }),
      ...(extra.DINGTALK_API_BASE_URL && { dingtalkApi: extra.DINGTALK_API_BASE_URL }),
      ...(extra.LARK_BASE_URL && { lark: extra.LARK_BASE_URL }),
      ...(extra.WECOM_BASE_URL && { wecom: extra.WECOM_BASE_URL }),
    },
  };
}
