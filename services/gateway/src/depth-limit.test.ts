import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule } from './depth-limit.ts';

const schema = buildSchema(`
  type Query { user: User }
  type User { id: ID! friends: [User!]! }
`);

function errors(query: string, maxDepth: number): string[] {
  return validate(schema, parse(query), [depthLimitRule(maxDepth)]).map((error) => error.message);
}

describe('depthLimitRule', () => {
  it('counts nested fields, with `{ user { id } }` at depth 2', () => {
    expect(errors('{ user { id } }', 2)).toEqual([]);
    expect(errors('{ user { friends { id } } }', 2)).toEqual([
      'The operation is nested deeper than the maximum depth of 2.',
    ]);
  });

  it('follows fragment spreads and inline fragments', () => {
    const query = `
      query Deep { user { ...F } }
      fragment F on User { friends { ... on User { friends { id } } } }
    `;
    expect(errors(query, 4)).toEqual([]);
    expect(errors(query, 3)).toEqual(['"Deep" is nested deeper than the maximum depth of 3.']);
  });

  it('does not loop on cyclic fragments (graphql reports those itself)', () => {
    const query = 'query Q { user { ...A } } fragment A on User { friends { ...A } }';
    expect(errors(query, 10)).toEqual([]);
  });

  it('ignores introspection fields', () => {
    expect(errors('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 2)).toEqual(
      [],
    );
  });
});
