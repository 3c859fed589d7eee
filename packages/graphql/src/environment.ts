import { fileURLToPath } from 'node:url';
import { DEVELOPMENT_CLAIMS_SECRET } from '@tidings/auth';
import {
  developmentKeyring,
  envFields,
  parseEnvironment,
  productionKeyringProblem,
  z,
} from '@tidings/config';
import type { Keyring } from '@tidings/crypto';
import type { DatabaseOptions } from '@tidings/db';

/** What every subgraph reads from its environment. */
export interface SubgraphEnvironment {
  http: { host: string; port: number };
  database: DatabaseOptions;
  kafka: { brokers: string[] };
  claimsSecret: string;
  /** Seals and opens credentials; only subgraphs that hold credentials (`needsKeyring`) use it. */
  keyring: Keyring;
}

/**
 * Validates a subgraph's environment, reporting every problem at once.
 * Locally only KAFKA_BROKERS is needed: the database defaults to PGlite under .data/pglite/<service> and the
 * secrets to the public development ones. Production requires real ones and refuses the development ones.
 */
export function loadSubgraphEnvironment<Extra extends z.ZodRawShape = Record<never, never>>(
  options: {
    service: string;
    defaultPort: number;
    needsKeyring: boolean;
    /** The service's own variables, validated in the same pass so every problem is reported at once. */
    extra?: Extra;
  },
  env: Record<string, string | undefined> = process.env,
): SubgraphEnvironment & { extra: z.infer<z.ZodObject<Extra>> } {
  const base = {
    NODE_ENV: z.string().default('development'),
    HOST: envFields.host,
    PORT: envFields.port(options.defaultPort),
    DATABASE_URL: envFields.url.optional(),
    KAFKA_BROKERS: envFields.kafkaBrokers,
    GATEWAY_CLAIMS_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    TIDINGS_KEYRING: envFields.keyring.optional(),
  };
  // The extras are validated in the same object; typed below, where they are handed back.
  const schema = (z.object({ ...options.extra, ...base }) as unknown as z.ZodObject<typeof base>).superRefine(
    (parsed, ctx) => {
      if (parsed.NODE_ENV !== 'production') return;
      const problem = (variable: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [variable], message });
      if (!parsed.GATEWAY_CLAIMS_SECRET) problem('GATEWAY_CLAIMS_SECRET', 'required in production');
      if (parsed.GATEWAY_CLAIMS_SECRET === DEVELOPMENT_CLAIMS_SECRET) {
        problem('GATEWAY_CLAIMS_SECRET', 'is the public development secret; refused in production');
      }
      const keyringProblem = options.needsKeyring ? productionKeyringProblem(parsed.TIDINGS_KEYRING) : null;
      if (keyringProblem) problem('TIDINGS_KEYRING', keyringProblem);
      if (!parsed.DATABASE_URL) problem('DATABASE_URL', 'required in production (PGlite is for local runs)');
    },
  );
  const parsed = parseEnvironment(options.service, schema, env);
  const pgliteDataDir = fileURLToPath(new URL(`../../../.data/pglite/${options.service}`, import.meta.url));
  return {
    http: { host: parsed.HOST, port: parsed.PORT },
    database: parsed.DATABASE_URL ? { url: parsed.DATABASE_URL } : { pgliteDataDir },
    kafka: { brokers: parsed.KAFKA_BROKERS },
    claimsSecret: parsed.GATEWAY_CLAIMS_SECRET ?? DEVELOPMENT_CLAIMS_SECRET,
    keyring: parsed.TIDINGS_KEYRING ?? developmentKeyring(),
    extra: parsed as unknown as z.infer<z.ZodObject<Extra>>,
  };
}
