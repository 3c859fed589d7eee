import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { type Claims, type ForwardedClaimsResult, readForwardedClaims } from '@tidings/auth';
import { GraphQLError, parse } from 'graphql';

/** What one subgraph received: the headers, the operation, and the claims it read from the headers. */
export interface ReceivedRequest {
  subgraph: string;
  headers: Record<string, string>;
  query: string;
  claims: ForwardedClaimsResult;
}

interface Context {
  forwarded: ForwardedClaimsResult;
  claims: Claims | null;
}

const fixture = (name: string) =>
  parse(readFileSync(new URL(`fixtures/${name}.graphql`, import.meta.url), 'utf8'));

const CHANNELS = [
  { id: 'c1', name: 'ops-robot' },
  { id: 'c2', name: 'ci-lark' },
];

const resolvers: Record<'users' | 'channels', GraphQLResolverMap<Context>> = {
  // `me` is the caller as the users subgraph sees it through the forwarded claims.
  users: {
    Query: {
      me: (_: unknown, __: unknown, context: Context) =>
        context.claims ? { id: context.claims.userId, name: `user ${context.claims.userId}` } : null,
      myTenant: (_: unknown, __: unknown, context: Context) => {
        if (!context.claims)
          throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
        return context.claims.tenantId;
      },
    },
    Mutation: {
      rename: (_: unknown, args: { name: string }, context: Context) => {
        if (!context.claims)
          throw new GraphQLError('Sign in first', { extensions: { code: 'UNAUTHENTICATED' } });
        return { id: context.claims.userId, name: args.name };
      },
    },
    User: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id, name: `user ${reference.id}` }),
    },
  },
  channels: {
    Query: {
      channels: () => CHANNELS,
      channelPage: (_: unknown, args: { first: number }) => CHANNELS.slice(0, args.first),
    },
    User: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      channels: () => CHANNELS,
    },
  },
};

export interface FixtureSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Starts the `users` and `channels` fixture subgraphs on free ports; every request lands in `received`. */
export async function startFixtureSubgraphs(claimsSecret: string, received: ReceivedRequest[]) {
  const started: FixtureSubgraph[] = [];
  for (const name of ['users', 'channels'] as const) {
    const server = new ApolloServer<Context>({
      includeStacktraceInErrorResponses: false,
      schema: buildSubgraphSchema([{ typeDefs: fixture(name), resolvers: resolvers[name] }]),
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        {
          async requestDidStart({ request, contextValue }) {
            received.push({
              subgraph: name,
              headers: Object.fromEntries(request.http?.headers ?? []),
              query: request.query ?? '',
              claims: contextValue.forwarded,
            });
          },
        },
      ],
    });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      // Reads the gateway's header as createSubgraphServer does (for this subgraph's name); the tests assert on it.
      context: async ({ req }) => {
        const forwarded = readForwardedClaims(
          (header) => {
            const value = req.headers[header];
            return Array.isArray(value) ? value.join(',') : value;
          },
          claimsSecret,
          { audience: name },
        );
        return { forwarded, claims: forwarded.ok ? forwarded.claims : null };
      },
    });
    started.push({ name, url, stop: () => server.stop() });
  }
  return started;
}
