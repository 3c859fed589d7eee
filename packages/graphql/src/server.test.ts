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

async function post(
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
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
    const { status, body } = await post('{ me }', {}, forwardedClaimsHeaders(alice, SECRET));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { me: 'alice' } });
  });

  it('treats a request without claims as anonymous', async () => {
    const { status, body } = await post('{ me }');
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers forged or unsigned claims with 401 before any resolver runs', async () => {
    const forged = await post('{ me }', {}, forwardedClaimsHeaders(alice, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(forged.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/signature is invalid/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const headers = forwardedClaimsHeaders(alice, SECRET);
    const unsigned = await post('{ me }', {}, { 'x-tidings-claims': headers['x-tidings-claims']! });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.errors[0].message).toMatch(/no signature/);
  });

  it('masks unexpected errors', async () => {
    const { body } = await post('{ explode }', {}, forwardedClaimsHeaders(alice, SECRET));
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
      forwardedClaimsHeaders(alice, SECRET),
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
    expect((await fetch(new URL('/healthz', base))).status).toBe(200);
    expect((await fetch(new URL('/other', base))).status).toBe(404);
  });

  it('keeps the shared SDL in the fixture identical to the exported text', () => {
    expect(typeDefs).toContain(INPUT_ERROR_SDL);
    expect(typeDefs).toContain(PAGE_INFO_SDL);
  });
});
