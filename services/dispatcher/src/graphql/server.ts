import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createSubgraphServer,
  type RunningSubgraphServer,
  type SubgraphServerOptions,
} from '@tidings/graphql';
import type { IdentityResolver } from '../explain/explain.ts';
import type { StateStore } from '../state/store.ts';
import { type DeliveriesContext, resolvers } from './resolvers.ts';

export const DELIVERIES_SDL_PATH = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/** Serves the `deliveries` subgraph (explainEvent) from the dispatcher's own state. */
export function startDeliveriesSubgraph(options: {
  host: string;
  port: number;
  claimsSecret: string;
  state: StateStore;
  identities: IdentityResolver;
}): Promise<RunningSubgraphServer> {
  return createSubgraphServer<DeliveriesContext>({
    name: 'deliveries',
    typeDefs: readFileSync(DELIVERIES_SDL_PATH, 'utf8'),
    // The edge: codegen's resolver types and @apollo/subgraph's map differ only in federation details.
    resolvers: resolvers as SubgraphServerOptions<DeliveriesContext>['resolvers'],
    claimsSecret: options.claimsSecret,
    buildContext: (claims) => ({ claims, state: options.state, identities: options.identities }),
    host: options.host,
    port: options.port,
  });
}
