import { DEVELOPMENT_KEYRING_TEXT, type Keyring, parseKeyring } from '@tidings/crypto';
import { z } from 'zod';

/** Thrown when the environment does not satisfy a service's schema; the message lists every problem. */
export class InvalidEnvironmentError extends Error {
  readonly problems: string[];
  constructor(service: string, problems: string[]) {
    super(`${service}: invalid environment\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'InvalidEnvironmentError';
    this.problems = problems;
  }
}

/**
 * Validates `env` against `schema` and reports every problem at once, naming each variable. An empty
 * variable counts as unset (a `FOO=` line in a .env file means "use the default").
 * Services call this once, in their `environment.ts`; the rest of the code sees the typed result.
 */
export function parseEnvironment<Schema extends z.ZodType>(
  service: string,
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new InvalidEnvironmentError(service, problems);
}

/** Runs a service's `main`, turning an invalid environment into one readable report and exit code 1. */
export async function runService(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof InvalidEnvironmentError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Environment fragments shared by several services. */
export const envFields = {
  /** Comma-separated `host:port` list. */
  kafkaBrokers: z
    .string()
    .min(1)
    .transform((value) => value.split(',').map((broker) => broker.trim())),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: z.string().default('127.0.0.1'),
  booleanFlag: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0', 'on', 'off'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1' || value === 'on'),
  url: z.url(),
  /** `id:base64key,…` (TIDINGS_KEYRING), parsed here so a bad keyring is reported with the other problems, never echoed. */
  keyring: z.string().transform((value, ctx): Keyring => {
    try {
      return parseKeyring(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'invalid keyring' });
      return z.NEVER;
    }
  }),
};

export function developmentKeyring(): Keyring {
  return parseKeyring(DEVELOPMENT_KEYRING_TEXT);
}

const DEVELOPMENT_KEY = [...developmentKeyring().keys.values()][0]!;

/**
 * Why a keyring may not be used in production, or null when it may: it must be given, and must not hold
 * the public development key.
 */
export function productionKeyringProblem(keyring: Keyring | undefined): string | null {
  if (!keyring) return 'required in production';
  if ([...keyring.keys.values()].some((key) => key.equals(DEVELOPMENT_KEY))) {
    return 'contains the public development key; refused in production';
  }
  return null;
}

export { z };
