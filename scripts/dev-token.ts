/**
 * Prints a development JWT the local gateway accepts (HS256, DEVELOPMENT_JWT issuer/audience/secret).
 *
 *   node scripts/dev-token.ts --user u1 --tenant t1 --role tenant-admin --owns p1 --ttl 3600
 *
 * --role and --owns may be repeated or comma-separated. Use it as `Authorization: Bearer <token>`.
 * --secret signs with the non-default JWT_SECRET a local gateway was started with.
 */
import { parseArgs } from 'node:util';
import { mintDevelopmentToken } from '@tidings/auth';

const usage =
  'usage: node scripts/dev-token.ts --user <id> --tenant <id> [--role <role>]… [--owns <projectId>]… [--ttl <seconds>] [--secret <hs256 secret>]';

function list(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      user: { type: 'string' },
      tenant: { type: 'string' },
      role: { type: 'string', multiple: true },
      owns: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '3600' },
      secret: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const ttlSeconds = Number(values.ttl);
  const problems = [
    ...(values.user ? [] : ['--user is required']),
    ...(values.tenant ? [] : ['--tenant is required']),
    ...(Number.isInteger(ttlSeconds) && ttlSeconds > 0 ? [] : ['--ttl must be a positive number of seconds']),
  ];
  if (problems.length > 0 || !values.user || !values.tenant) {
    console.error(`${problems.join('\n')}\n${usage}`);
    return 1;
  }
  const token = await mintDevelopmentToken(
    {
      userId: values.user,
      tenantId: values.tenant,
      roles: list(values.role),
      ownedProjectIds: list(values.owns),
      ttlSeconds,
    },
    values.secret, // undefined: the development secret
  );
  console.log(token);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
