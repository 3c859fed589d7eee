import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET, DEVELOPMENT_JWT, parsePublicKey } from '@tidings/auth';
import { envFields, parseEnvironment, z } from '@tidings/config';
import { DEFAULT_GATEWAY_LIMITS as DEFAULTS, type GatewayServiceConfig } from './gateway.ts';
import { type PersistedOperations, parsePersistedOperations } from './persisted-operations.ts';

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

/** Reads a file named by a variable, or says why it cannot (reported with the other problems). */
function readNamedFile(path: string): { ok: true; text: string } | { ok: false; problem: string } {
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (error) {
    return { ok: false, problem: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}` };
  }
}

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
    JWT_PUBLIC_KEY: z.string().min(1).optional(),
    JWT_PUBLIC_KEY_FILE: z.string().min(1).optional(),
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),

    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(15),
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(DEFAULTS.maxCost),
    GRAPHQL_LIST_SIZE: z.coerce.number().int().min(1).max(1000).default(DEFAULTS.listSize),
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(DEFAULTS.maxAliases),
    GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).max(100).default(DEFAULTS.maxBatch),
    GRAPHQL_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(DEFAULTS.maxBodyBytes),
    GRAPHQL_INTROSPECTION: z.enum(['on', 'off']).optional(),
    GRAPHQL_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(DEFAULTS.mutationsPerMinute),
    GRAPHQL_PERSISTED_OPERATIONS: z.string().min(1).optional(),
    GRAPHQL_PERSISTED_ONLY: z.enum(['on', 'off']).default('off'),
  })
  .superRefine((env, ctx) => {
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    const keySources = ['JWT_JWKS_URL', 'JWT_PUBLIC_KEY', 'JWT_PUBLIC_KEY_FILE', 'JWT_SECRET'] as const;
    const given = keySources.filter((variable) => env[variable] !== undefined);
    if (given.length > 1)
      problem(given[1]!, `set one of ${keySources.join(', ')}; ${given.join(' and ')} are set`);
    if (env.GRAPHQL_PERSISTED_ONLY === 'on' && !env.GRAPHQL_PERSISTED_OPERATIONS) {
      problem(
        'GRAPHQL_PERSISTED_ONLY',
        'needs GRAPHQL_PERSISTED_OPERATIONS (the manifest of accepted operations)',
      );
    }
    if (env.NODE_ENV !== 'production') return;
    // In production nothing falls back to a development default, and the public development keys are refused.
    if (given.length === 0) {
      problem(
        'JWT_JWKS_URL',
        'required in production (or JWT_PUBLIC_KEY / JWT_PUBLIC_KEY_FILE for a local public key, or JWT_SECRET for a shared HS256 key)',
      );
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
  // The files named by variables are read and checked in the same pass, so their problems are reported
  // with every other one.
  let publicKey: string | undefined;
  let persistedOperations: PersistedOperations | undefined;
  const withFiles = schema.superRefine((parsed, ctx) => {
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    if (parsed.JWT_PUBLIC_KEY_FILE) {
      const file = readNamedFile(parsed.JWT_PUBLIC_KEY_FILE);
      if (file.ok) publicKey = file.text;
      else problem('JWT_PUBLIC_KEY_FILE', file.problem);
    } else {
      publicKey = parsed.JWT_PUBLIC_KEY;
    }
    if (publicKey !== undefined) {
      const key = parsePublicKey(publicKey);
      if (!key.ok)
        problem(parsed.JWT_PUBLIC_KEY_FILE ? 'JWT_PUBLIC_KEY_FILE' : 'JWT_PUBLIC_KEY', key.problem);
    }
    if (parsed.GRAPHQL_PERSISTED_OPERATIONS) {
      const file = readNamedFile(parsed.GRAPHQL_PERSISTED_OPERATIONS);
      const manifest = file.ok
        ? parsePersistedOperations(file.text)
        : { ok: false as const, problems: [file.problem] };
      if (manifest.ok) persistedOperations = manifest.operations;
      else for (const each of manifest.problems) problem('GRAPHQL_PERSISTED_OPERATIONS', each);
    }
  });
  const parsed = parseEnvironment('gateway', withFiles, env);
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
        : publicKey !== undefined
          ? { kind: 'public-key', key: publicKey }
          : { kind: 'shared-secret', secret: parsed.JWT_SECRET ?? DEVELOPMENT_JWT.secret },
      issuer: parsed.JWT_ISSUER ?? DEVELOPMENT_JWT.issuer,
      audience: parsed.JWT_AUDIENCE ?? DEVELOPMENT_JWT.audience,
      clockToleranceSeconds: parsed.JWT_CLOCK_TOLERANCE_SECONDS,
    },
    claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
    production,
    maxDepth: parsed.GRAPHQL_MAX_DEPTH,
    limits: {
      maxCost: parsed.GRAPHQL_MAX_COST,
      listSize: parsed.GRAPHQL_LIST_SIZE,
      maxAliases: parsed.GRAPHQL_MAX_ALIASES,
      maxBatch: parsed.GRAPHQL_MAX_BATCH,
      maxBodyBytes: parsed.GRAPHQL_MAX_BODY_BYTES,
      mutationsPerMinute: parsed.GRAPHQL_MUTATIONS_PER_MINUTE,
    },
    // Off in production unless switched on; on elsewhere unless switched off.
    introspection: parsed.GRAPHQL_INTROSPECTION ? parsed.GRAPHQL_INTROSPECTION === 'on' : !production,
    ...(persistedOperations
      ? {
          persistedOperations: {
            operations: persistedOperations,
            only: parsed.GRAPHQL_PERSISTED_ONLY === 'on',
          },
        }
      : {}),
    logLevel: parsed.LOG_LEVEL,
  };
}
