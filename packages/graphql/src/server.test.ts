import { readFileSync } from 'node:fs';
import { type Claims, forwardedClaimsHeaders } from '@tidings/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBatchLoader,
  createSubgraphServer,
  INPUT_ERROR_SDL,
  InputProblems,
  PAGE_INFO_SDL,
  type RunningSubgraphServer,
  readPage,
  requireClaims,
  stringKey,
  toConnection,
} from './index.ts';
import { subgraphClient } from './testing.ts';

const SECRET = 'test-claims-secret';
const typeDefs = readFileSync(new URL('../test/fixtures/things.graphql', import.meta.url), 'utf8');
const things = new Map(['a', 'b', 'c', 'd', 'e'].map((id) => [id, { id, name: `thing ${id}` }]));
const alice: Claims = { userId: 'alice', tenantId: 't1', roles: [], ownedProjectIds: [] };

interface Context {
  claims: Claims | null;
  loadThing(id: string): Promise<{ id: string; name: string } | null>;
}

let server: RunningSubgraphServer;
let batches: string[][];

beforeAll(async () => {
  batches = [];
  server = await createSubgraphServer<Context>({
    name: 'things',
    typeDefs,
    claimsSecret: SECRET,
    host: '127.0.0.1',
    port: 0,
    logger: { info() {}, warn() {}, error() {} },
    buildContext: (claims) => ({
      claims,
      loadThing: createBatchLoader(async (ids: string[]) => {
        batches.push(ids);
        return new Map(ids.flatMap((id) => (things.has(id) ? [[id, things.get(id)!] as const] : [])));
      }),
    }),
    resolvers: {
      Query: {
        me: (_: unknown, __: unknown, ctx: Context) => requireClaims(ctx.claims).userId,
        thing: (_: unknown, args: { id: string }, ctx: Context) => {
          requireClaims(ctx.claims);
          return ctx.loadThing(args.id);
        },
        things: (_: unknown, args: { first?: number; after?: string }) => {
          const page = readPage(args, stringKey);
          const rows = [...things.values()].filter((t) => page.after === null || t.id > page.after);
          return toConnection(rows.slice(0, page.limit + 1), page, (t) => t.id);
        },
        explode: () => {
          throw new Error('connection refused: password=hunter2');
        },
      },
      Mutation: {
        renameThing: (_: unknown, args: { id: string; name: string }) => {
          const problems = new InputProblems();
          if (args.name.trim() === '') problems.add(['name'], 'name must not be empty', 'REQUIRED');
          if (problems.any) return { thing: null, errors: problems.list };
          return { thing: { id: args.id, name: args.name }, errors: [] };
        },
      },
      Thing: {
        __resolveReference: (ref: { id: string }, ctx: Context) => ctx.loadThing(ref.id),
      },
    },
  });
});

afterAll(async () => {
  await server?.stop();
});

/** The headers the gateway sends this subgraph: the caller's claims, or the anonymous marker. */
const viaGateway = (caller: Claims | null = null) => forwardedClaimsHeaders(caller, SECRET, 'things');

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = viaGateway(),
) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: test responses are checked field by field.
  return { status: response.status, body: (await response.json()) as any };
}

describe('createSubgraphServer', () => {
  it('passes verified claims to the context', async () => {
    const { status, body } = await post('{ me }', {}, viaGateway(alice));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: 'alice' } });
  });

  it("treats the gateway's signed anonymous marker as an anonymous caller", async () => {
    const { status, body } = await post('{ me }');
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers a request that did not come through the gateway with 401, naming why', async () => {
    const direct = await post('{ me }', {}, {});
    expect(direct.status).toBe(401);
    expect(direct.body.errors).toEqual([
      {
        message: expect.stringMatching(/only answer requests forwarded by the gateway/),
        extensions: { code: 'UNAUTHENTICATED', reason: 'not-via-gateway' },
      },
    ]);
  });

  it.each([
    ['bad-signature', () => forwardedClaimsHeaders(alice, 'not-the-secret', 'things')],
    ['wrong-audience', () => forwardedClaimsHeaders(alice, SECRET, 'channels')],
    ['expired', () => forwardedClaimsHeaders(alice, SECRET, 'things', Date.now() - 301_000)],
    ['from-the-future', () => forwardedClaimsHeaders(alice, SECRET, 'things', Date.now() + 120_000)],
    ['missing-signature', () => ({ 'x-tidings-claims': viaGateway(alice)['x-tidings-claims']! })],
  ])('answers %s claims with 401 before any resolver runs', async (reason, headers) => {
    const { status, body } = await post('{ me }', {}, headers());
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  });

  it('masks unexpected errors', async () => {
    const { body } = await post('{ explode }', {}, viaGateway(alice));
    expect(body.errors[0]).toEqual({
      message: 'internal error',
      path: ['explode'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('returns typed input errors in the payload', async () => {
    const { body } = await post(
      'mutation { renameThing(id: "a", name: " ") { thing { id } errors { field code } } }',
    );
    expect(body.data.renameThing).toEqual({ thing: null, errors: [{ field: ['name'], code: 'REQUIRED' }] });
  });

  it('resolves entity references in one batch', async () => {
    batches.length = 0;
    const { body } = await post(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Thing { id name } } }',
      { r: ['a', 'zz', 'c'].map((id) => ({ __typename: 'Thing', id })) },
      viaGateway(alice),
    );
    expect(body.data._entities).toEqual([{ id: 'a', name: 'thing a' }, null, { id: 'c', name: 'thing c' }]);
    expect(batches).toEqual([['a', 'zz', 'c']]);
  });

  it('pages with opaque cursors', async () => {
    const query =
      'query($after: String) { things(first: 2, after: $after) { edges { node { id } cursor } pageInfo { hasNextPage endCursor } } }';
    const first = await post(query);
    expect(first.body.data.things.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['a', 'b']);
    expect(first.body.data.things.pageInfo.hasNextPage).toBe(true);
    const second = await post(query, { after: first.body.data.things.pageInfo.endCursor });
    expect(second.body.data.things.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(['c', 'd']);
    const bad = await post(query, { after: 'bm9wZQ' });
    expect(bad.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('serves a health check and refuses other paths', async () => {
    const base = new URL(server.url);
    // No gateway header needed: probes do not pass the gateway.
    const health = await fetch(new URL('/healthz', base));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', subgraph: 'things' });
    expect((await fetch(new URL('/other', base))).status).toBe(404);
  });

  it("signs the test client's requests as the gateway would, for the subgraph /healthz names", async () => {
    const request = subgraphClient(server.url, SECRET);
    expect(await request(alice, '{ me }')).toEqual({ status: 200, data: { me: 'alice' } });
    expect((await request('anonymous', '{ me }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await request('unsigned', '{ me }')).toMatchObject({
      status: 401,
      errors: [{ extensions: { reason: 'not-via-gateway' } }],
    });
    expect(await request({ forgedFor: alice }, '{ me }')).toMatchObject({
      status: 401,
      errors: [{ extensions: { reason: 'bad-signature' } }],
    });
  });

  it('refuses introspection unless switched on', async () => {
    const { body } = await post('{ __schema { queryType { name } } }');
    expect(body.errors[0].message).toMatch(/introspection/i);
  });

  it('keeps the shared SDL in the fixture identical to the exported text', () => {
    expect(typeDefs).toContain(INPUT_ERROR_SDL);
    expect(typeDefs).toContain(PAGE_INFO_SDL);
  });
});
