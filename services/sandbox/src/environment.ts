import { z } from 'zod';

/**
 * The only module that reads process.env. Every variable is listed in README.md and .env.template.
 * An empty value counts as unset.
 */

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'], {
    error: 'must be one of on/off, true/false, 1/0, yes/no',
  })
  .transform((value) => ['1', 'true', 'on', 'yes'].includes(value));

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number from 0 to 65535')
  .transform(Number)
  .refine((value) => value <= 65_535, 'must be a port number from 0 to 65535');

const HttpModel = z.object({
  SANDBOX_PORT: z.string().default('4010').pipe(port),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_SMTP_PORT: z.string().default('2525').pipe(port),
});

const DingTalkModel = z.object({
  SANDBOX_RATE_LIMITS: z
    .string()
    .default('on')
    .transform((value) => value.toLowerCase())
    .pipe(flag),
});

export type SandboxEnvironment = {
  http: { host: string; port: number; smtpPort: number };
  dingtalk: { rateLimits: boolean };
};

export type EnvironmentResult =
  | { ok: true; environment: SandboxEnvironment }
  | { ok: false; errors: string[] };

/** Validates every concern and reports all errors together. */
export function parseEnvironment(env: Record<string, string | undefined>): EnvironmentResult {
  const cleaned = Object.fromEntries(
    Object.entries(env)
      .map(([key, value]) => [key, value?.trim()] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const http = HttpModel.safeParse(cleaned);
  const dingtalk = DingTalkModel.safeParse(cleaned);
  const errors = [http, dingtalk].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
  );
  if (!http.success || !dingtalk.success) return { ok: false, errors };
  return {
    ok: true,
    environment: {
      http: {
        host: http.data.SANDBOX_HOST,
        port: http.data.SANDBOX_PORT,
        smtpPort: http.data.SANDBOX_SMTP_PORT,
      },
      dingtalk: { rateLimits: dingtalk.data.SANDBOX_RATE_LIMITS },
    },
  };
}

/** Reads process.env; on invalid input prints every error and exits with status 1. */
export function loadEnvironment(): SandboxEnvironment {
  const result = parseEnvironment(process.env);
  if (result.ok) return result.environment;
  console.error(`Invalid sandbox environment:\n${result.errors.map((error) => `  - ${error}`).join('\n')}`);
  process.exit(1);
}
