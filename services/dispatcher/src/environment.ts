import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import {
  developmentKeyring,
  envFields,
  parseEnvironment,
  productionKeyringProblem,
  z,
} from '@tidings/config';
import {
  DINGTALK_APP_DEFAULT_API_BASE_URL,
  DINGTALK_ROBOT_DEFAULT_BASE_URL,
  type OutboundAllowlist,
  platformOutboundAllowlist,
  WECOM_DEFAULT_BASE_URL,
} from '@tidings/providers';
import { stateTopics } from '@tidings/state';
import { type DispatcherConfig, type Vendor, vendors } from './dispatcher.ts';
import { defaultSenderLimits } from './sending/limits.ts';
import { defaultRetryPolicy } from './sending/retry-policy.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    KAFKA_BROKERS: envFields.kafkaBrokers,
    DATABASE_URL: z.string().optional(),
    PGLITE_DATA_DIR: z.string().default(`${repoRoot}.data/pglite/dispatcher`),
    TIDINGS_KEYRING: envFields.keyring.optional(),
    DISPATCHER_COMPONENTS: z
      .string()
      .default(['router', ...vendors].join(','))
      .transform((value) => value.split(',').map((part) => part.trim()))
      .pipe(z.array(z.enum(['router', ...vendors])).min(1)),
    INSTANCE_ID: z.string().default(hostname()),
    KAFKA_PREFIX: z.string().default(''),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
    DINGTALK_BASE_URL: envFields.url.default(DINGTALK_ROBOT_DEFAULT_BASE_URL),
    DINGTALK_API_BASE_URL: envFields.url.default(DINGTALK_APP_DEFAULT_API_BASE_URL),
    /** Unset: each Lark bot goes to its own webhook host (Feishu or Lark). */
    LARK_BASE_URL: envFields.url.optional(),
    WECOM_BASE_URL: envFields.url.default(WECOM_DEFAULT_BASE_URL),
    PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /**
     * Private addresses webhook and SMTP targets may still resolve to (comma-separated CIDRs, addresses,
     * host names), besides each tenant's own allowlist. Unset: 127.0.0.0/8 and ::1 outside production
     * (the sandbox), nothing in production (loopback refused).
     */
    OUTBOUND_ALLOW: z
      .string()
      .optional()
      .superRefine((value, context) => {
        const parsed = platformOutboundAllowlist(value, 'production');
        if (!parsed.ok)
          for (const error of parsed.errors) context.addIssue({ code: 'custom', message: error.message });
      }),
    HEALTH_HOST: envFields.host,
    HEALTH_PORT: envFields.port(4100),
    /** The `deliveries` subgraph (explainEvent); DELIVERIES_URL on the gateway points here. */
    GRAPHQL_HOST: envFields.host,
    GRAPHQL_PORT: envFields.port(4004),
    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** The retry policy (sending/retry-policy.ts); unset: the production defaults. */
    RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(defaultRetryPolicy.maxAttempts),
    RETRY_BASE_DELAY_SECONDS: z.coerce.number().positive().default(defaultRetryPolicy.baseDelaySeconds),
    RETRY_MAX_DELAY_SECONDS: z.coerce.number().positive().default(defaultRetryPolicy.maxDelaySeconds),
    RETRY_MAX_AGE_SECONDS: z.coerce.number().positive().default(defaultRetryPolicy.maxAgeSeconds),
    /** `published`: every robot and app is held to its platform's published limits. `off`: only for a sandbox without limits. */
    RATE_LIMITS: z.enum(['published', 'off']).default('published'),
    /** How long a stopping sender waits for messages being sent to finish. */
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().positive().max(600).default(20),
    /** How many jobs of different tickets each sender consumer sends at once. */
    SENDER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(defaultSenderLimits.concurrency),
    /** Multiplies every retry delay, platform hints included: fault scripts shrink time with it. */
    RETRY_DELAY_SCALE: z.coerce.number().positive().max(1000).default(defaultRetryPolicy.delayScale),
  })
  .superRefine((env, context) => {
    if (env.RETRY_MAX_DELAY_SECONDS < env.RETRY_BASE_DELAY_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['RETRY_MAX_DELAY_SECONDS'],
        message: 'must not be less than RETRY_BASE_DELAY_SECONDS',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    const keyringProblem = productionKeyringProblem(env.TIDINGS_KEYRING);
    if (keyringProblem)
      context.addIssue({ code: 'custom', path: ['TIDINGS_KEYRING'], message: keyringProblem });
    if (!env.GATEWAY_CLAIMS_SECRET)
      context.addIssue({
        code: 'custom',
        path: ['GATEWAY_CLAIMS_SECRET'],
        message: 'required in production',
      });
    if (env.GATEWAY_CLAIMS_SECRET === DEVELOPMENT_CLAIMS_SECRET) {
      context.addIssue({
        code: 'custom',
        path: ['GATEWAY_CLAIMS_SECRET'],
        message: 'is the public development secret; refused in production',
      });
    }
    if (!env.DATABASE_URL) {
      context.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message: 'required in production (PGlite is for local runs)',
      });
    }
    // A shrunken clock would also shorten the platforms' own waits (DingTalk's 10-minute throttle).
    if (env.RATE_LIMITS === 'off') {
      context.addIssue({
        code: 'custom',
        path: ['RATE_LIMITS'],
        message: 'must be published in production (platforms block robots that send too fast)',
      });
    }
    if (env.RETRY_DELAY_SCALE !== 1) {
      context.addIssue({
        code: 'custom',
        path: ['RETRY_DELAY_SCALE'],
        message: 'must be 1 in production (it also scales the waits platforms ask for)',
      });
    }
  });

export function loadDispatcherConfig(
  env: Record<string, string | undefined> = process.env,
): DispatcherConfig {
  const parsed = parseEnvironment('dispatcher', schema, env);
  const outbound = platformOutboundAllowlist(parsed.OUTBOUND_ALLOW, parsed.NODE_ENV);
  return {
    kafkaBrokers: parsed.KAFKA_BROKERS,
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { pgliteDataDir: parsed.PGLITE_DATA_DIR },
    keyring: parsed.TIDINGS_KEYRING ?? developmentKeyring(),
    components: {
      router: parsed.DISPATCHER_COMPONENTS.includes('router'),
      senders: parsed.DISPATCHER_COMPONENTS.filter((c): c is Vendor => c !== 'router'),
    },
    instanceId: parsed.INSTANCE_ID,
    topicPartitions: parsed.KAFKA_TOPIC_PARTITIONS,
    kafkaPrefix: parsed.KAFKA_PREFIX,
    stateTopics,
    retryPolicy: {
      maxAttempts: parsed.RETRY_MAX_ATTEMPTS,
      baseDelaySeconds: parsed.RETRY_BASE_DELAY_SECONDS,
      maxDelaySeconds: parsed.RETRY_MAX_DELAY_SECONDS,
      maxAgeSeconds: parsed.RETRY_MAX_AGE_SECONDS,
      delayScale: parsed.RETRY_DELAY_SCALE,
    },
    senderLimits: {
      rateLimits: parsed.RATE_LIMITS === 'published',
      drainMs: parsed.SHUTDOWN_DRAIN_SECONDS * 1000,
      concurrency: parsed.SENDER_CONCURRENCY,
    },
    providers: {
      dingtalk: { baseUrl: parsed.DINGTALK_BASE_URL, apiBaseUrl: parsed.DINGTALK_API_BASE_URL },
      lark: parsed.LARK_BASE_URL ? { baseUrl: parsed.LARK_BASE_URL } : {},
      wecom: { baseUrl: parsed.WECOM_BASE_URL },
      timeoutMs: parsed.PROVIDER_TIMEOUT_MS,
      outbound: { allow: (outbound as { allowlist: OutboundAllowlist }).allowlist },
    },
    health: { host: parsed.HEALTH_HOST, port: parsed.HEALTH_PORT },
    graphql: {
      host: parsed.GRAPHQL_HOST,
      port: parsed.GRAPHQL_PORT,
      claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
    },
  };
}
