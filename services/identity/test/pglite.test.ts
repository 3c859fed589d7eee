import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Claims } from '@tidings/auth';
import { readStateMessages, silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { stateTopics } from '@tidings/state';
import { testInfrastructure, uniqueName } from '@tidings/testkit';
import { afterAll, expect, it } from 'vitest';
import { createIdentityService } from '../src/service.ts';

// A newcomer's first run has no DATABASE_URL: the service migrates and publishes from embedded PGlite.
const SECRET = 'identity-pglite-test-claims-secret-0123';
const brokers = testInfrastructure().kafkaBrokers.split(',');
const dataDir = mkdtempSync(join(tmpdir(), 'tidings-identity-pglite-'));
const service = createIdentityService({
  http: { host: '127.0.0.1', port: 0 },
  database: { pgliteDataDir: dataDir },
  kafka: { brokers },
  claimsSecret: SECRET,
  outcomesConsumerGroup: uniqueName('identity-outcomes-pglite-test'),
  logger: silentLogger,
});

afterAll(async () => {
  await service.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('serves and publishes from embedded PGlite', async () => {
  const { url } = await service.start();
  const request = subgraphClient(url, SECRET);
  const admin: Claims = {
    userId: 'admin',
    tenantId: uniqueName('tenant'),
    roles: ['tenant-admin'],
    ownedProjectIds: [],
  };
  const created = await request(
    admin,
    'mutation { createUser(input: { id: "u1", name: "U One", phone: "+44 20 7946 0958" }) { user { phone } errors { field } } }',
  );
  expect(created.data).toEqual({ createUser: { user: { phone: '+442079460958' }, errors: [] } });
  const [message] = await readStateMessages({
    brokers,
    topic: stateTopics.users,
    key: `${admin.tenantId}/u1`,
    done: (found) => found.length > 0,
  });
  expect(message?.value).toMatchObject({ id: 'u1', phone: '+442079460958' });
});
