import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '@tidings/db';
import {
  createSubgraphServer,
  type RunningSubgraphServer,
  type SubgraphServerOptions,
} from '@tidings/graphql';
import type { IdentityResolver } from '../explain/explain.ts';
import { DeliveryQueries } from '../ledger/queries.ts';
import type { ReplayDependencies } from '../ledger/replay.ts';
import type { StateStore } from '../state/store.ts';
import { ledgerLoaders } from './deliveries.ts';
import { type DeliveriesContext, resolvers } from './resolvers.ts';

export const DELIVERIES_SDL_PATH = fileURLToPath(new URL('../../schema.graphql', import.meta.url));

/**
 * Serves the `deliveries` subgraph: explainEvent from the dispatcher's own state, the ledger's deliveries
 * and dead letters from `db`, and replays through `replay` (a producer onto the vendors' retry topics).
 */
export function startDeliveriesSubgraph(options: {
  host: string;
  port: number;
  claimsSecret: string;
  state: StateStore;
  identities: IdentityResolver;
  /** The ledger's database. */
  db: Database;
  /** Where replayed dead letters go: the producer and the topic names the senders read. */
  replay: Omit<ReplayDependencies, 'db'>;
}): Promise<RunningSubgraphServer> {
  const ledger = new DeliveryQueries(options.db);
  const replay: ReplayDependencies = { ...options.replay, db: options.db };
  return createSubgraphServer<DeliveriesContext>({
    name: 'deliveries',
    typeDefs: readFileSync(DELIVERIES_SDL_PATH, 'utf8'),
    // The edge: codegen's resolver types and @apollo/subgraph's map differ only in federation details.
    resolvers: resolvers as SubgraphServerOptions<DeliveriesContext>['resolvers'],
    claimsSecret: options.claimsSecret,
    buildContext: (claims) => ({
      claims,
      state: options.state,
      identities: options.identities,
      ledger,
      replay,
      auditDb: options.db,
      ...ledgerLoaders(ledger, claims),
    }),
    host: options.host,
    port: options.port,
  });
}
