import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET, DEVELOPMENT_JWT } from '@tidings/auth';
import { envFields, parseEnvironment, z } from '@tidings/config';
import type { GatewayServiceConfig } from './gateway.ts';

/** The only reader of `process.env` in the gateway. Everything else receives a typed GatewayServiceConfig. */

const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL('../../../graphql/supergraph.graphql', import.meta.url),
);

/** Env variable → subgraph name (as in graphql/supergraph.config.json) whose routing URL it overrides. */
export const SUBGRAPH_URL_VARIABLES = {
  IDENTITY_URL: 'identity',
  CHANNELS_URL: 'channels',
  SUBSCRIPTIONS_URL: 'subscriptions',
  DELIVERIES_URL: 'deliveries',
} as const;

const optionalUrl = envFields.url.optional();

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']).default('info'),

    PORT: envFields.port(4000),
    HOST: envFields.host,
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    IDENTITY_URL: optionalUrl,
    CHANNELS_URL: optionalUrl,
    SUBSCRIPTIONS_URL: optionalUrl,
    DELIVERIES_URL: optionalUrl,

    JWT_JWKS_URL: optionalUrl,
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),

    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(15),
  })
  .superRefine((env, ctx) => {
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    if (env.JWT_JWKS_URL && env.JWT_SECRET) {
      problem('JWT_SECRET', 'set either JWT_JWKS_URL or JWT_SECRET, not both');
    }
    if (env.NODE_ENV !== 'production') return;
    // In production nothing falls back to a development default, and the public development keys are refused.
    if (!env.JWT_JWKS_URL && !env.JWT_SECRET) {
      problem('JWT_JWKS_URL', 'required in production (or JWT_SECRET for a shared HS256 key)');
    }
    if (env.JWT_SECRET === DEVELOPMENT_JWT.secret) {
      problem('JWT_SECRET', 'is the public development secret; refused in production');
    }
    if (!env.JWT_ISSUER) problem('JWT_ISSUER', 'required in production');
    if (!env.JWT_AUDIENCE) problem('JWT_AUDIENCE', 'required in production');
    if (!env.GATEWAY_CLAIMS_SECRET) problem('GATEWAY_CLAIMS_SECRET', 'required in production');
    if (env.GATEWAY_CLAIMS_SECRET === DEVELOPMENT_CLAIMS_SECRET) {
      problem('GATEWAY_CLAIMS_SECRET', 'is the public development secret; refused in production');
    }
  });

/**
 * Validates the environment (every problem reported at once, as an InvalidEnvironmentError) and returns
 * the gateway's config. Empty variables count as unset, so a copied `.env.template` works as is.
 */
export function loadEnvironment(env: Record<string, string | undefined> = process.env): GatewayServiceConfig {
  const parsed = parseEnvironment('gateway', schema, env);
  const production = parsed.NODE_ENV === 'production';

  const subgraphUrls: Record<string, string> = {};
  for (const [variable, subgraph] of Object.entries(SUBGRAPH_URL_VARIABLES)) {
    const url = parsed[variable as keyof typeof SUBGRAPH_URL_VARIABLES];
    if (url) subgraphUrls[subgraph] = url;
  }

  return {
    port: parsed.PORT,
    host: parsed.HOST,
    supergraphPath: parsed.SUPERGRAPH_PATH,
    subgraphUrls,
    jwt: {
      key: parsed.JWT_JWKS_URL
        ? { kind: 'jwks', url: parsed.JWT_JWKS_URL }
        : { kind: 'shared-secret', secret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT.secret },
      issuer: parsed.JWT_ISSUER ?? DEVELOPMENT_JWT.issuer,
      audience: parsed.JWT_AUDIENCE ?? DEVELOPMENT_JWT.audience,
      clockToleranceSeconds: parsed.JWT_CLOCK_TOLERANCE_SECONDS,
    },
    claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
    production,
    maxDepth: parsed.GRAPHQL_MAX_DEPTH,
    logLevel: parsed.LOG_LEVEL,
  };
}
