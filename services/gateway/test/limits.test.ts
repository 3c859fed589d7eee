import { createHash } from 'node:crypto';
import { mintDevelopmentToken } from '@tidings/auth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGateway, type GatewayServiceConfig } from '../src/gateway.ts';
import { parsePersistedOperations } from '../src/persisted-operations.ts';
import { type FixtureMesh, post, startFixtureMesh, withGateway } from './fixture-gateway.ts';

/**
 * The gateway's limits against bad and abusive input: each refusal is a typed error with a 4xx status,
 * never a 500, and no subgraph is called for a refused operation.
 */

let mesh: FixtureMesh;
let config: GatewayServiceConfig;

beforeAll(async () => {
  mesh = await startFixtureMesh();
  config = mesh.config;
});

afterAll(async () => {
  await mesh?.stop();
});

beforeEach(() => {
  mesh.received.length = 0;
});

const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };
const token = (tenantId: string) => mintDevelopmentToken({ userId: `u-${tenantId}`, tenantId });

describe('cost limit', () => {
  // me 1 × (1 + channels 10 × (1 + id + name)) = 31 at the default list size of 10.
  const query = '{ me { channels { id name } } }';

  it('runs an operation within the maximum cost', async () => {
    await withGateway({ ...config, limits: { maxCost: 31 } }, async (url) => {
      const { status, body } = await post(url, { query });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    });
  });

  it('refuses a costlier one with COST_LIMIT_EXCEEDED, HTTP 400, before any subgraph is called', async () => {
    await withGateway({ ...config, limits: { maxCost: 30 } }, async (url) => {
      const { status, body } = await post(url, { query });
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].message).toContain('costs 31, more than the maximum of 30');
      // The HTTP status travels in extensions.http inside the gateway, and is not left in the body.
      expect(body.errors[0].extensions).toEqual({ code: 'COST_LIMIT_EXCEEDED', cost: 31, maxCost: 30 });
      expect(mesh.received).toEqual([]);
    });
  });

  it('costs a page by the `first` the variables ask for', async () => {
    const paged = 'query Page($n: Int) { channelPage(first: $n) { id } }'; // n × 2
    await withGateway({ ...config, limits: { maxCost: 100 } }, async (url) => {
      expect((await post(url, { query: paged, variables: { n: 50 } })).status).toBe(200);
      const costly = await post(url, { query: paged, variables: { n: 51 } });
      expect(costly.status).toBe(400);
      expect(costly.body.errors[0].extensions).toEqual({
        code: 'COST_LIMIT_EXCEEDED',
        cost: 102,
        maxCost: 100,
      });
      expect(costly.body.errors[0].message).toContain('"Page"');
    });
  });
});

describe('depth and alias limits', () => {
  it('refuses a deep operation with DEPTH_LIMIT_EXCEEDED and a 4xx', async () => {
    await withGateway({ ...config, maxDepth: 2 }, async (url) => {
      const { status, body } = await post(url, { query: '{ me { channels { id } } }' });
      expect(status).toBe(400);
      expect(body.errors[0].extensions).toEqual({ code: 'DEPTH_LIMIT_EXCEEDED', maxDepth: 2 });
      expect(mesh.received).toEqual([]);
    });
  });

  it('refuses more aliases than allowed with ALIAS_LIMIT_EXCEEDED', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    await withGateway({ ...config, limits: { maxAliases: 3 } }, async (url) => {
      expect((await post(url, { query: aliases(3) })).status).toBe(200);
      const { status, body } = await post(url, { query: aliases(4) });
      expect(status).toBe(400);
      expect(body.errors[0].extensions).toMatchObject({
        code: 'ALIAS_LIMIT_EXCEEDED',
        aliases: 4,
        maxAliases: 3,
      });
    });
  });
});

describe('request batching', () => {
  const batch = (n: number) => Array.from({ length: n }, () => ({ query: '{ channels { id } }' }));

  it('is off by default: a batch is refused with a 4xx', async () => {
    await withGateway(config, async (url) => {
      const { status } = await post(url, batch(2));
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(mesh.received).toEqual([]);
    });
  });

  it('when on, runs up to the limit and refuses a larger batch', async () => {
    await withGateway({ ...config, limits: { maxBatch: 2 } }, async (url) => {
      const ok = await post(url, batch(2));
      expect(ok.status).toBe(200);
      expect(ok.body).toHaveLength(2);
      const tooMany = await post(url, batch(3));
      expect(tooMany.status).toBeGreaterThanOrEqual(400);
      expect(tooMany.status).toBeLessThan(500);
    });
  });
});

describe('request size', () => {
  it('refuses a body over the maximum with 413 REQUEST_TOO_LARGE, before reading it', async () => {
    await withGateway({ ...config, limits: { maxBodyBytes: 2048 } }, async (url) => {
      const query = `{ channels { id } } # ${'x'.repeat(3000)}`;
      const { status, body } = await post(url, { query });
      expect(status).toBe(413);
      expect(body.errors[0].extensions).toMatchObject({ code: 'REQUEST_TOO_LARGE', maxBytes: 2048 });
      expect((await post(url, { query: '{ channels { id } }' })).status).toBe(200);
      expect(mesh.received).toHaveLength(1);
    });
  });

  it('refuses a chunked body of unknown length with 411 LENGTH_REQUIRED', async () => {
    await withGateway(config, async (url) => {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(JSON.stringify({ query: '{ channels { id } }' })));
          controller.close();
        },
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(411);
      expect(
        ((await response.json()) as { errors: Array<{ extensions: unknown }> }).errors[0]?.extensions,
      ).toMatchObject({
        code: 'LENGTH_REQUIRED',
      });
    });
  });
});

describe('introspection', () => {
  const introspect = { query: '{ __schema { queryType { name } } }' };

  it('is on outside production and off in production by default', async () => {
    await withGateway(config, async (url) => {
      expect((await post(url, introspect)).body.data.__schema.queryType.name).toBe('Query');
    });
    await withGateway({ ...config, production: true }, async (url) => {
      const { status, body } = await post(url, introspect, GRAPHQL_RESPONSE);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors[0].message).toMatch(/introspection has been disabled/i);
    });
  });

  it('follows GRAPHQL_INTROSPECTION either way', async () => {
    await withGateway({ ...config, production: true, introspection: true }, async (url) => {
      expect((await post(url, introspect)).body.data.__schema.queryType.name).toBe('Query');
    });
    await withGateway({ ...config, introspection: false }, async (url) => {
      expect((await post(url, introspect)).body.errors[0].message).toMatch(/introspection/i);
    });
  });
});

describe('mutation rate limit', () => {
  const rename = { query: 'mutation { rename(name: "x") { id } }' };
  const twice = { query: 'mutation { a: rename(name: "a") { id } b: rename(name: "b") { id } }' };

  it('gives each tenant its own bucket, refuses with 429 RATE_LIMITED and Retry-After, and refills', async () => {
    let nowMs = 1_000_000;
    const limited = { ...config, limits: { mutationsPerMinute: 3 }, now: () => nowMs };
    await withGateway(limited, async (url) => {
      const t1 = { authorization: `Bearer ${await token('t1')}` };
      const t2 = { authorization: `Bearer ${await token('t2')}` };
      // Two root mutation fields take two tokens; the third token goes on the next one.
      expect((await post(url, twice, t1)).body.errors).toBeUndefined();
      expect((await post(url, rename, t1)).body.errors).toBeUndefined();
      mesh.received.length = 0;

      const refused = await post(url, rename, t1);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('20');
      expect(refused.body.errors[0]).toMatchObject({
        message: expect.stringContaining('tenant "t1"'),
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 20, limitPerMinute: 3 },
      });
      expect(mesh.received).toEqual([]);

      // Another tenant is not affected, and queries are not limited.
      expect((await post(url, rename, t2)).status).toBe(200);
      expect((await post(url, { query: '{ me { id } }' }, t1)).status).toBe(200);

      // Twenty seconds refill one token (3 a minute).
      nowMs += 20_000;
      expect((await post(url, rename, t1)).status).toBe(200);
      expect((await post(url, rename, t1)).status).toBe(429);
    });
  });
});

describe('persisted operations', () => {
  const document = '{ channels { id } }';
  const hash = createHash('sha256').update(document).digest('hex');
  const persisted = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };

  function manifest() {
    const parsed = parsePersistedOperations(JSON.stringify({ [hash]: document }));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    return parsed.operations;
  }

  it('runs a persisted operation by its hash, and other documents too unless persisted-only', async () => {
    const operations = manifest();
    await withGateway({ ...config, persistedOperations: { operations, only: false } }, async (url) => {
      expect((await post(url, persisted)).body).toEqual({ data: { channels: [{ id: 'c1' }, { id: 'c2' }] } });
      expect((await post(url, { query: '{ me { id } }' })).status).toBe(200);
    });
  });

  it('with persisted-only, refuses anything else with a typed 400', async () => {
    const operations = manifest();
    await withGateway({ ...config, persistedOperations: { operations, only: true } }, async (url) => {
      expect((await post(url, persisted)).body.data.channels).toHaveLength(2);
      const arbitrary = await post(url, { query: '{ me { id } }' });
      expect(arbitrary.status).toBe(400);
      expect(arbitrary.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_REQUIRED' });
      const unknown = await post(url, {
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
      expect(mesh.received.map((request) => request.query)).not.toContainEqual(expect.stringContaining('me'));
    });
  });

  it('refuses a manifest whose document does not hash to its key, or does not parse', () => {
    expect(parsePersistedOperations(JSON.stringify({ [hash]: '{ channels { name } }' }))).toEqual({
      ok: false,
      problems: [expect.stringContaining(`${hash}: the document's SHA-256 is`)],
    });
    const broken = '{ channels {';
    const brokenHash = createHash('sha256').update(broken).digest('hex');
    expect(parsePersistedOperations(JSON.stringify({ [brokenHash]: broken }))).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('Syntax Error')],
    });
    expect(parsePersistedOperations('[]')).toMatchObject({ ok: false });
  });
});

describe('bad input never gets a 500', () => {
  let url: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const gateway = createGateway(config);
    url = (await gateway.start()).url;
    stop = () => gateway.stop();
  });
  afterAll(async () => {
    await stop?.();
  });

  it.each([
    ['invalid JSON', '{"query": '],
    ['no query', {}],
    ['a query that is not a string', { query: 42 }],
    ['a syntax error', { query: '{ channels { id ' }],
    ['an unknown field', { query: '{ nope }' }],
    [
      'variables of the wrong type',
      { query: 'query($n: Int) { channelPage(first: $n) { id } }', variables: { n: 'x' } },
    ],
    ['an unknown operation name', { query: '{ channels { id } }', operationName: 'Other' }],
    [
      'a cyclic fragment',
      { query: '{ channels { ...A } } fragment A on Channel { ...B } fragment B on Channel { ...A }' },
    ],
  ])('answers %s with 400 and a typed error, and calls no subgraph', async (_, body) => {
    // GraphQL over HTTP: a request error is 400 for application/graphql-response+json; for plain
    // application/json (older clients) it may be 200 with errors and no data. Never a 500.
    const strict = await post(url, body, GRAPHQL_RESPONSE);
    expect(strict.status).toBe(400);
    expect(strict.body.errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
    const legacy = await post(url, body);
    expect(legacy.status).toBeLessThan(500);
    expect(legacy.body.data ?? null).toBeNull();
    expect(legacy.body.errors.length).toBeGreaterThan(0);
    expect(mesh.received).toEqual([]);
  });
});
