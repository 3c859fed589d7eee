import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import { envFields, parseEnvironment, z } from '@tidings/config';
import { DEVELOPMENT_KEYRING_TEXT, type Keyring, parseKeyring } from '@tidings/crypto';
import type { ChannelsServiceConfig } from './service.ts';

/** The only reader of `process.env` in the channels service; the rest sees a ChannelsServiceConfig. */

const DEFAULT_PGLITE_DIR = fileURLToPath(new URL('../../../.data/pglite/channels', import.meta.url));

/** `id:base64key,…`, parsed here so a bad keyring is reported with the other problems (never echoing keys). */
const keyring = z.string().transform((value, ctx): Keyring => {
  try {
    return parseKeyring(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid keyring' });
    return z.NEVER;
  }
});

const DEVELOPMENT_KEY = [...parseKeyring(DEVELOPMENT_KEYRING_TEXT).keys.values()][0]!;

const schema = z
  .object({
    NODE_ENV: z.string().default('development'),
    HOST: envFields.host,
    PORT: envFields.port(4002),
    DATABASE_URL: envFields.url.optional(),
    KAFKA_BROKERS: envFields.kafkaBrokers,
    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TIDINGS_KEYRING: keyring.optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    const problem = (variable: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [variable], message });
    if (!env.GATEWAY_CLAIMS_SECRET) problem('GATEWAY_CLAIMS_SECRET', 'required in production');
    if (env.GATEWAY_CLAIMS_SECRET === DEVELOPMENT_CLAIMS_SECRET) {
      problem('GATEWAY_CLAIMS_SECRET', 'is the public development secret; refused in production');
    }
    if (!env.TIDINGS_KEYRING) problem('TIDINGS_KEYRING', 'required in production');
    if (
      env.TIDINGS_KEYRING &&
      [...env.TIDINGS_KEYRING.keys.values()].some((key) => key.equals(DEVELOPMENT_KEY))
    ) {
      problem('TIDINGS_KEYRING', 'contains the public development key; refused in production');
    }
    if (!env.DATABASE_URL) problem('DATABASE_URL', 'required in production (PGlite is for local runs)');
  });

/** Validates the environment, reporting every problem at once. Empty variables count as unset. */
export function loadEnvironment(
  env: Record<string, string | undefined> = process.env,
): ChannelsServiceConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = parseEnvironment('channels', schema, present);
  return {
    http: { host: parsed.HOST, port: parsed.PORT },
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { pgliteDataDir: DEFAULT_PGLITE_DIR },
    kafka: { brokers: parsed.KAFKA_BROKERS },
    claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
    keyring: parsed.TIDINGS_KEYRING ?? parseKeyring(DEVELOPMENT_KEYRING_TEXT),
  };
}
