import type { SubgraphService } from '@tidings/graphql';
import { silentLogger, subgraphClient } from '@tidings/graphql/testing';
import { createTestDatabase, type TestDatabase, testInfrastructure } from '@tidings/testkit';
import { createSubscriptionsService } from '../src/service.ts';

export const SECRET = 'subscriptions-test-claims-secret-0123456789';
export const brokers = testInfrastructure().kafkaBrokers.split(',');

export interface Harness {
  request: ReturnType<typeof subgraphClient>;
  stop(): Promise<void>;
}

/** A subscriptions service on its own fresh database, called the way the gateway calls it. */
export async function startSubscriptions(): Promise<Harness> {
  const database: TestDatabase = await createTestDatabase('subscriptions');
  const service: SubgraphService = createSubscriptionsService({
    http: { host: '127.0.0.1', port: 0 },
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: SECRET,
    logger: silentLogger,
  });
  const { url } = await service.start();
  return {
    request: subgraphClient(url, SECRET),
    async stop() {
      await service.stop();
      await database.drop();
    },
  };
}

/** The data of a response, failing loudly (with the errors) when there are GraphQL errors. */
export function dataOf<Data>(response: { data?: Data; errors?: unknown[] }): Data {
  if (response.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data!;
}
