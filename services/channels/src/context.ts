import type { Claims } from '@tidings/auth';
import type { Keyring } from '@tidings/crypto';
import type { Database } from '@tidings/db';
import { createBatchLoader, requireClaims } from '@tidings/graphql';
import { ChannelRepository } from './channels/repository.ts';
import type { ChannelRow } from './db/schema.ts';
import { ProjectChannelRepository } from './projects/repository.ts';
import type { TestSender } from './test-send/index.ts';

/** A caller signed in to a tenant, with repositories bound to that tenant. */
export interface TenantScope {
  claims: Claims;
  channels: ChannelRepository;
  projectChannels: ProjectChannelRepository;
  loadChannel(id: string): Promise<ChannelRow | null>;
}

export interface ChannelsContext {
  claims: Claims | null;
  scope: TenantScope | null;
  /** Seals credentials before they are stored or published. */
  keyring: Keyring;
  /** Sends the "Test" button's messages. */
  testSender: TestSender;
}

export function createContextBuilder(
  db: Database,
  keyring: Keyring,
  testSender: TestSender,
  published: () => void,
) {
  return (claims: Claims | null): ChannelsContext => {
    if (!claims) return { claims: null, scope: null, keyring, testSender };
    const channels = new ChannelRepository(db, claims.tenantId, published);
    return {
      claims,
      keyring,
      testSender,
      scope: {
        claims,
        channels,
        projectChannels: new ProjectChannelRepository(db, claims.tenantId, published),
        loadChannel: createBatchLoader((ids: string[]) => channels.findByIds(ids)),
      },
    };
  };
}

/** The caller's tenant scope, or UNAUTHENTICATED. */
export function tenantScope(context: ChannelsContext): TenantScope {
  requireClaims(context.claims);
  return context.scope!;
}
