import { envFields, z } from '@tidings/config';
import { loadSubgraphEnvironment } from '@tidings/graphql';
import { type OutboundAllowlist, platformOutboundAllowlist } from '@tidings/providers';
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
        NODE_ENV: z.string().default('development'),
        /**
         * Private addresses webhook and SMTP targets may still resolve to (comma-separated CIDRs,
         * addresses, host names). Unset: 127.0.0.0/8 and ::1 outside production, nothing in production.
         */
        OUTBOUND_ALLOW: z
          .string()
          .optional()
          .superRefine((value, context) => {
            const parsed = platformOutboundAllowlist(value, 'production');
            if (!parsed.ok)
              for (const error of parsed.errors) context.addIssue({ code: 'custom', message: error.message });
          }),
      },
    },
    env,
  );
  const outbound = platformOutboundAllowlist(extra.OUTBOUND_ALLOW, extra.NODE_ENV);
  return {
    ...config,
    outbound: { allow: (outbound as { allowlist: OutboundAllowlist }).allowlist },
    testSend: {
      ...(extra.DINGTALK_BASE_URL && { dingtalkOapi: extra.DINGTALK_BASE_URL }),
      ...(extra.DINGTALK_API_BASE_URL && { dingtalkApi: extra.DINGTALK_API_BASE_URL }),
      ...(extra.LARK_BASE_URL && { lark: extra.LARK_BASE_URL }),
      ...(extra.WECOM_BASE_URL && { wecom: extra.WECOM_BASE_URL }),
    },
  };
}
