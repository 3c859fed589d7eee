import { type AuditCause, type AuditLog, auditCause } from '@tidings/audit';
import type { Claims } from '@tidings/auth';
import type { Keyring } from '@tidings/crypto';
import type { Database } from '@tidings/db';
import { createBatchLoader, requireClaims } from '@tidings/graphql';
import { ChannelRepository } from './channels/repository.ts';
import type { ChannelRow, NotificationServiceRow } from './db/schema.ts';
import { ChannelKindRepository, type KindSetting } from './kinds/repository.ts';
import { NotificationServiceRepository } from './notification-services/repository.ts';
import { ProjectChannelRepository } from './projects/repository.ts';
import type { TestSender } from './test-send/index.ts';

/** A caller signed in to a tenant, with repositories bound to that tenant. */
export interface TenantScope {
  claims: Claims;
  channels: ChannelRepository;
  projectChannels: ProjectChannelRepository;
  kinds: ChannelKindRepository;
  notificationServices: NotificationServiceRepository;
  loadChannel(id: string): Promise<ChannelRow | null>;
  loadNotificationService(id: string): Promise<NotificationServiceRow | null>;
  /** Whether the channel has the all-projects link; batched like loadChannel. */
  loadConnectedToAll(channelId: string): Promise<boolean>;
  /** The tenant's kind switches, read once per request however many channels ask. */
  kindSettings(): Promise<KindSetting[]>;
  /** What a write records in the audit log about who asked for it, through which mutation. */
  cause(mutation: string): AuditCause;
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
  audit: AuditLog,
) {
  return (claims: Claims | null): ChannelsContext => {
    if (!claims) return { claims: null, scope: null, keyring, testSender };
    const channels = new ChannelRepository(db, claims.tenantId, published, audit);
    const projectChannels = new ProjectChannelRepository(db, claims.tenantId, published, audit);
    const kinds = new ChannelKindRepository(db, claims.tenantId, published, audit);
    const notificationServices = new NotificationServiceRepository(db, claims.tenantId, published, audit);
    let kindSettings: Promise<KindSetting[]> | null = null;
    const loadConnectedToAll = createBatchLoader((ids: string[]) => projectChannels.connectedToAll(ids));
    return {
      claims,
      keyring,
      testSender,
      scope: {
        claims,
        channels,
        projectChannels,
        kinds,
        notificationServices,
        loadChannel: createBatchLoader((ids: string[]) => channels.findByIds(ids)),
        loadNotificationService: createBatchLoader((ids: string[]) => notificationServices.findByIds(ids)),
        loadConnectedToAll: async (channelId) => (await loadConnectedToAll(channelId)) ?? false,
        kindSettings: () => {
          kindSettings ??= kinds.list();
          return kindSettings;
        },
        cause: (mutation) => auditCause(claims, mutation),
      },
    };
  };
}

/** The caller's tenant scope, or UNAUTHENTICATED. */
export function tenantScope(context: ChannelsContext): TenantScope {
  requireClaims(context.claims);
  return context.scope!;
}
