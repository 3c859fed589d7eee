import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import { envFields, parseEnvironment, z } from '@tidings/config';
import type { IdentityServiceConfig } from './service.ts';

/** The only reader of `process.env` in the identity service; the rest sees an IdentityServiceConfig. */

const DEFAULT_PGLITE_DIR = fileURLToPath(new URL('../../../.data/pglite/identity', import.meta.url));

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    HOST: envFields.host,
    PORT: envFields.port(4001),
    DATABASE_URL: envFields.url.optional(),
    KAFKA_BROKERS: envFields.kafkaBrokers,
    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    if (!env.GATEWAY_CLAIMS_SECRET) problem('GATEWAY_CLAIMS_SECRET', 'required in production');
    if (env.GATEWAY_CLAIMS_SECRET === DEVELOPMENT_CLAIMS_SECRET) {
      problem('GATEWAY_CLAIMS_SECRET', 'is the public development secret; refused in production');
    }
    if (!env.DATABASE_URL) problem('DATABASE_URL', 'required in production (PGlite is for local runs)');
  });

/** Validates the environment, reporting every problem at once. Empty variables count as unset. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): IdentityServiceConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = parseEnvironment('identity', schema, present);
  return {
    http: { host: parsed.HOST, port: parsed.PORT },
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { pgliteDataDir: DEFAULT_PGLITE_DIR },
    kafka: { brokers: parsed.KAFKA_BROKERS },
    claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
  };
}
