import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** ISO 8601 with a time zone, e.g. 2026-11-22T08:30:00.000Z. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function toIso(value: unknown, where: string): string {
  const date =
    value instanceof Date
      ? value
      : typeof value === 'string' && ISO_DATE_TIME.test(value)
        ? new Date(value)
        : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(
      `${where}: expected an ISO 8601 date-time with a time zone, got ${JSON.stringify(value)}`,
    );
  }
  return date.toISOString();
}

/**
 * `scalar DateTime` of every subgraph: an ISO 8601 instant. Resolvers may return a Date or an ISO string;
 * clients always get UTC with milliseconds, and inputs without a time zone are refused rather than guessed.
 */
export const dateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant, as ISO 8601 with a time zone (2026-11-22T08:30:00.000Z).',
  serialize: (value) => toIso(value, 'DateTime'),
  parseValue: (value) => toIso(value, 'DateTime'),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime: expected a string literal');
    return toIso(ast.value, 'DateTime');
  },
});
