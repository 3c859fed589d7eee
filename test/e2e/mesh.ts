// Starts the whole mesh in this process for end-to-end tests: sandbox, dispatcher (with the deliveries
// subgraph), three more subgraphs and the gateway, on free ports, against the run's real Kafka and PostgreSQL.
import { DEVELOPMENT_CLAIMS_SECRET, DEVELOPMENT_JWT, mintDevelopmentToken } from '@tidings/auth';
import { createChannelsService } from '@tidings/channels';
import { DEVELOPMENT_KEYRING_TEXT, parseKeyring } from '@tidings/crypto';
import { createDispatcher, type Dispatcher } from '@tidings/dispatcher';
import { createGateway, type Gateway } from '@tidings/gateway';
import type { Logger } from '@tidings/graphql';
import { silentLogger } from '@tidings/graphql/testing';
import { createIdentityService } from '@tidings/identity';
import type { OutboundLookup } from '@tidings/providers';
import { type RunningSandbox, startSandbox } from '@tidings/sandbox';
import { stateTopics } from '@tidings/state';
import { createSubscriptionsService } from '@tidings/subscriptions';
import { createTestDatabase, type TestDatabase, testInfrastructure, uniqueName } from '@tidings/testkit';

export interface TestMesh {
  sandbox: RunningSandbox;
  dispatcher: Dispatcher;
  /** Prefix of the dispatcher's own topics (events, deliveries, DLQs) in this test file. */
  kafkaPrefix: string;
  /** The gateway's GraphQL endpoint, for tests that look at the HTTP answer itself. */
  gatewayUrl: string;
  /** Through the gateway; a null token calls anonymously (no Authorization header). */
  graphql<Data = Record<string, unknown>>(
    token: string | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Data; errors?: Array<{ message: string }> }>;
  token(claims: {
    userId: string;
    tenantId: string;
    roles?: string[];
    ownedProjectIds?: string[];
  }): Promise<string>;
  stop(): Promise<void>;
}

export interface TestMeshOptions {
  /** Where the subgraphs log; default nowhere (tests that read logs pass a capturing one). */
  logger?: Logger;
}

/**
 * How host names resolve in the mesh, without DNS (the network guard refuses it): example.com and its
 * subdomains (reserved for examples, RFC 2606) to a public address nothing ever connects to, so channels
 * naming them pass the outbound check; localhost to loopback; anything else does not exist.
 */
const testLookup: OutboundLookup = async (hostname) => {
  const name = hostname.toLowerCase();
  if (name === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
  if (name === 'example.com' || name.endsWith('.example.com'))
    return [{ address: '93.184.215.14', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

export async function startTestMesh(options: TestMeshOptions = {}): Promise<TestMesh> {
  const { kafkaBrokers, databaseUrl: _ } = testInfrastructure();
  const brokers = kafkaBrokers.split(',');
  const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);
  const kafkaPrefix = `${uniqueName('e2e')}.`;
  // Each mesh its own audit topic: its dispatcher reads only this test file's configuration changes.
  const auditTopic = `${kafkaPrefix}tidings.audit.v1`;
  const database: TestDatabase = await createTestDatabase('e2e');
  const http = { host: '127.0.0.1', port: 0 };
  const common = {
    http,
    database: { url: database.url },
    kafka: { brokers },
    claimsSecret: DEVELOPMENT_CLAIMS_SECRET,
    logger: options.logger ?? silentLogger,
  };

  const sandbox = await startSandbox();
  const platforms = {
    dingtalkOapi: `${sandbox.url}/dingtalk/oapi`,
    dingtalkApi: `${sandbox.url}/dingtalk/api`,
    lark: `${sandbox.url}/lark`,
    wecom: `${sandbox.url}/wecom`,
  };
  const dispatcher = createDispatcher({
    kafkaBrokers: brokers,
    database: { url: database.url },
    keyring,
    components: { router: true, senders: ['dingtalk', 'lark', 'wecom', 'smtp', 'webhook'] },
    instanceId: 'e2e',
    graphql: { host: '127.0.0.1', port: 0, claimsSecret: DEVELOPMENT_CLAIMS_SECRET },
    topicPartitions: 2,
    kafkaPrefix,
    stateTopics,
    auditTopic,
    providers: {
      dingtalk: { baseUrl: platforms.dingtalkOapi, apiBaseUrl: platforms.dingtalkApi },
      lark: { baseUrl: platforms.lark },
      wecom: { baseUrl: platforms.wecom },
      timeoutMs: 5_000,
      outbound: { lookup: testLookup },
    },
  });
  // First: the gateway needs the deliveries subgraph's URL, and it serves only after state catch-up.
  const { graphqlUrl: deliveriesUrl } = await dispatcher.start();
  if (!deliveriesUrl) throw new Error('the dispatcher did not serve the deliveries subgraph');
  // Its own group: each test file's identity service reads every lookup outcome the dispatchers publish.
  const identity = createIdentityService({
    ...common,
    outcomesConsumerGroup: uniqueName('e2e-identity-outcomes'),
    auditTopic,
  });
  const channels = createChannelsService({
    ...common,
    keyring,
    testSend: platforms,
    auditTopic,
    outbound: { lookup: testLookup },
  });
  const subscriptions = createSubscriptionsService({ ...common, auditTopic });
  const urls = {
    identity: (await identity.start()).url,
    channels: (await channels.start()).url,
    subscriptions: (await subscriptions.start()).url,
    deliveries: deliveriesUrl,
  };
  const gateway: Gateway = createGateway({
    host: '127.0.0.1',
    port: 0,
    supergraphPath: new URL('../../graphql/supergraph.graphql', import.meta.url).pathname,
    subgraphUrls: urls,
    jwt: {
      key: { kind: 'shared-secret', secret: DEVELOPMENT_JWT.secret },
      issuer: DEVELOPMENT_JWT.issuer,
      audience: DEVELOPMENT_JWT.audience,
      clockToleranceSeconds: 30,
    },
    claimsSecret: DEVELOPMENT_CLAIMS_SECRET,
    production: false,
    maxDepth: 15,
    logLevel: 'silent',
  });
  const { url: gatewayUrl } = await gateway.start();

  return {
    sandbox,
    dispatcher,
    kafkaPrefix,
    gatewayUrl,
    async graphql(token, query, variables = {}) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token !== null && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    token: (claims) => mintDevelopmentToken(claims),
    async stop() {
      await dispatcher.stop();
      await gateway.stop(0);
      await Promise.all([identity.stop(), channels.stop(), subscriptions.stop()]);
      await sandbox.stop();
      await database.drop();
    },
  };
}
