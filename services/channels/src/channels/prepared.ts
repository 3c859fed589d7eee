import type { ChannelConfig, ChannelKind } from '@tidings/state';

/** The state-topic config of one kind. */
export type ConfigOf<K extends ChannelKind> = Extract<ChannelConfig, { kind: K }>;

/** A channel's validated settings: credentials sealed, ready for the database and the state topic. */
export interface Prepared<K extends ChannelKind = ChannelKind> {
  config: ConfigOf<K>;
  /** What the API shows of a URL that holds a credential (or of a tenant's own URL), or null. */
  webhookUrlMasked: string | null;
}
