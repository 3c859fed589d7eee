import { buildSchema, getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { aliasCount, operationCost } from './query-limits.ts';
import { mutationFieldCount, takeTokens } from './rate-limit.ts';

const schema = buildSchema(`
  type Query { me: User, users(first: Int = 20): UserConnection!, tags: [String!]! }
  type Mutation { rename(name: String!): User }
  type User { id: ID!, friends: [User!]!, projects(first: Int = 5): ProjectConnection! }
  type UserConnection { edges: [UserEdge!]!, pageInfo: PageInfo! }
  type UserEdge { node: User!, cursor: String! }
  type ProjectConnection { edges: [ProjectEdge!]! }
  type ProjectEdge { node: Project! }
  type Project { id: ID! }
  type PageInfo { hasNextPage: Boolean! }
`);

function cost(query: string, variables: Record<string, unknown> = {}, listSize = 10): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, variables, { listSize });
}

describe('operationCost', () => {
  it('counts each field once, and lists of scalars as one field', () => {
    expect(cost('{ me { id } }')).toBe(2);
    expect(cost('{ tags }')).toBe(1);
    expect(cost('{ __typename me { __typename id } }')).toBe(2);
  });

  it('multiplies an unpaginated list of objects by the list size', () => {
    expect(cost('{ me { friends { id } } }')).toBe(1 + 10 * 2);
    expect(cost('{ me { friends { friends { id } } } }', {}, 3)).toBe(1 + 3 * (1 + 3 * 2));
  });

  it('multiplies a page by first (literal, variable or default) and not again at its edges', () => {
    // users × (1 + edges (1 + node (1 + id)))
    expect(cost('{ users(first: 2) { edges { node { id } } } }')).toBe(2 * 4);
    expect(cost('query($n: Int) { users(first: $n) { edges { node { id } } } }', { n: 50 })).toBe(50 * 4);
    expect(cost('{ users { edges { node { id } } } }')).toBe(20 * 4);
    expect(cost('query($n: Int) { users(first: $n) { edges { node { id } } } }', { n: 'x' })).toBe(20 * 4);
  });

  it('makes nested pages grow multiplicatively', () => {
    const nested =
      '{ users(first: 100) { edges { node { projects(first: 100) { edges { node { id } } } } } } }';
    expect(cost(nested)).toBe(100 * (1 + 1 + 1 + 100 * (1 + 1 + 1 + 1)));
  });

  it('follows fragments and inline fragments', () => {
    expect(cost('{ me { ...F } } fragment F on User { id ... on User { friends { id } } }')).toBe(
      1 + 1 + 10 * 2,
    );
  });
});

describe('aliasCount and mutationFieldCount', () => {
  it('counts aliases through fragments', () => {
    const document = parse('{ a: me { b: id } ...F } fragment F on Query { c: me { id } }');
    expect(aliasCount(document, getOperationAST(document)!)).toBe(3);
  });

  it('counts root mutation fields', () => {
    const document = parse('mutation { a: rename(name: "a") { id } b: rename(name: "b") { id } __typename }');
    expect(mutationFieldCount(getOperationAST(document)!, new Map())).toBe(2);
  });
});

describe('takeTokens', () => {
  it('starts full, refills at the rate, and says when enough will be there', () => {
    const first = takeTokens(undefined, 60, 60, 0);
    expect(first).toMatchObject({ ok: true, bucket: { tokens: 0 } });
    const refused = takeTokens(first.bucket, 2, 60, 500);
    expect(refused).toMatchObject({ ok: false, retryAfterSeconds: 2 });
    expect(takeTokens(first.bucket, 2, 60, 2_000)).toMatchObject({ ok: true });
    // Never more than a minute's worth, however long the bucket was idle.
    expect(takeTokens({ tokens: 0, updatedAtMs: 0 }, 1, 60, 3_600_000).bucket.tokens).toBe(59);
  });

  it('bounds Retry-After for a cost above the whole bucket', () => {
    expect(takeTokens({ tokens: 0, updatedAtMs: 0 }, 1000, 60, 0)).toMatchObject({
      ok: false,
      retryAfterSeconds: 60,
    });
  });
});
