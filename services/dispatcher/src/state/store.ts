import {
  ALL_PROJECTS,
  type ChannelKind,
  type ChannelKindState,
  type ChannelState,
  type IdentityPlatform,
  type IdentityState,
  identityStateKey,
  type NotificationServiceState,
  type PreferencesState,
  type ProjectChannelState,
  preferencesStateKey,
  type RuleState,
  type StateTopicName,
  stateSchemas,
  type TemplateState,
  type TenantSettingsState,
  type UserState,
  type WatchState,
} from '@tidings/state';

export type ApplyResult = { ok: true } | { ok: false; reason: string };

/** A multimap whose buckets disappear when emptied, so removed entities leave no trace behind. */
class Index<V> {
  private readonly buckets = new Map<string, Map<string, V>>();

  add(bucket: string, key: string, value: V): void {
    let entries = this.buckets.get(bucket);
    if (!entries) {
      entries = new Map();
      this.buckets.set(bucket, entries);
    }
    entries.set(key, value);
  }

  delete(bucket: string, key: string): void {
    const entries = this.buckets.get(bucket);
    if (!entries) return;
    entries.delete(key);
    if (entries.size === 0) this.buckets.delete(bucket);
  }

  values(bucket: string): V[] {
    return [...(this.buckets.get(bucket)?.values() ?? [])];
  }
}

/**
 * The dispatcher's in-memory copy of the configuration the subgraphs publish (ARCHITECTURE §3). Pure: the
 * materialiser feeds it state-topic messages; routing, explain and sending read it. Indexed for the
 * questions the router asks per event, so routing cost does not grow with other tenants' or projects' data.
 */
export class StateStore {
  private readonly users = new Map<string, UserState>();
  private readonly identities = new Map<string, IdentityState>();
  private readonly preferenceEntries = new Map<string, PreferencesState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly links = new Map<string, ProjectChannelState>();
  private readonly channelKinds = new Map<string, ChannelKindState>();
  private readonly services = new Map<string, NotificationServiceState>();
  private readonly rules = new Map<string, RuleState>();
  private readonly watches = new Map<string, WatchState>();
  private readonly templates = new Map<string, TemplateState>();
  private readonly settings = new Map<string, TenantSettingsState>();
  /** `tenant/project` (ALL_PROJECTS for all-project rules) → rules */
  private readonly rulesByProject = new Index<RuleState>();
  /** `tenant/kind/target` → watches on that ticket or project */
  private readonly watchesByTarget = new Index<WatchState>();
  /** tenant → templates */
  private readonly templatesByTenant = new Index<TemplateState>();
  /** Bumps on every applied change; lets tests and probes wait for a change to arrive. */
  version = 0;

  /** Applies one state-topic message: a JSON snapshot, or null for a tombstone. */
  apply(entity: StateTopicName, key: string, value: string | null): ApplyResult {
    this.version++;
    if (value === null) {
      this.remove(entity, key);
      return { ok: true };
    }
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      return { ok: false, reason: `${entity} ${key}: value is not JSON` };
    }
    const parsed = stateSchemas[entity].safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      return { ok: false, reason: `${entity} ${key}: ${problems}` };
    }
    // A snapshot replaces the previous one whole, indexes included (a rule may have changed projects).
    this.remove(entity, key);
    switch (entity) {
      case 'users':
        this.users.set(key, parsed.data as UserState);
        break;
      case 'identities':
        this.identities.set(key, parsed.data as IdentityState);
        break;
      case 'preferences':
        this.preferenceEntries.set(key, parsed.data as PreferencesState);
        break;
      case 'channels':
        this.channels.set(key, parsed.data as ChannelState);
        break;
      case 'projectChannels':
        this.links.set(key, parsed.data as ProjectChannelState);
        break;
      case 'channelKinds':
        this.channelKinds.set(key, parsed.data as ChannelKindState);
        break;
      case 'notificationServices':
        this.services.set(key, parsed.data as NotificationServiceState);
        break;
      case 'rules': {
        const rule = parsed.data as RuleState;
        this.rules.set(key, rule);
        for (const project of rule.projectIds ?? [ALL_PROJECTS])
          this.rulesByProject.add(`${rule.tenantId}/${project}`, key, rule);
        break;
      }
      case 'watches': {
        const watch = parsed.data as WatchState;
        this.watches.set(key, watch);
        this.watchesByTarget.add(watchTarget(watch.tenantId, watch.targetKind, watch.targetId), key, watch);
        break;
      }
      case 'templates': {
        const template = parsed.data as TemplateState;
        this.templates.set(key, template);
        this.templatesByTenant.add(template.tenantId, key, template);
        break;
      }
      case 'tenantSettings':
        this.settings.set(key, parsed.data as TenantSettingsState);
        break;
    }
    return { ok: true };
  }

  user(tenantId: string, userId: string): UserState | undefined {
    return this.users.get(`${tenantId}/${userId}`);
  }

  /** A person's hand-set or imported id on a platform. */
  identity(tenantId: string, userId: string, platform: IdentityPlatform): IdentityState | undefined {
    return this.identities.get(identityStateKey({ tenantId, userId, platform }));
  }

  /** What the person muted; undefined: nothing. */
  preferences(tenantId: string, userId: string): PreferencesState | undefined {
    return this.preferenceEntries.get(preferencesStateKey({ tenantId, userId }));
  }

  /** Whether the tenant left this channel kind switched on (no message: on). */
  channelKindEnabled(tenantId: string, kind: ChannelKind): boolean {
    return this.channelKinds.get(`${tenantId}/${kind}`)?.enabled ?? true;
  }

  channel(channelId: string): ChannelState | undefined {
    return this.channels.get(channelId);
  }

  notificationService(id: string): NotificationServiceState | undefined {
    return this.services.get(id);
  }

  rule(ruleId: string): RuleState | undefined {
    return this.rules.get(ruleId);
  }

  /** Whether the channel is connected to the project, directly or through the tenant's "all projects" link. */
  isConnected(tenantId: string, projectId: string, channelId: string): boolean {
    return (
      this.links.has(`${tenantId}/${projectId}/${channelId}`) ||
      this.links.has(`${tenantId}/${ALL_PROJECTS}/${channelId}`)
    );
  }

  /** Rules of the tenant that cover this project (listed or all-project rules). */
  rulesForProject(tenantId: string, projectId: string): RuleState[] {
    const listed = this.rulesByProject.values(`${tenantId}/${projectId}`);
    const everywhere =
      projectId === ALL_PROJECTS ? [] : this.rulesByProject.values(`${tenantId}/${ALL_PROJECTS}`);
    return [...listed, ...everywhere];
  }

  /** Watches, following or not, on this ticket and on its project. */
  watchesFor(tenantId: string, ticketId: string, projectId: string): WatchState[] {
    return [
      ...this.watchesByTarget.values(watchTarget(tenantId, 'ticket', ticketId)),
      ...this.watchesByTarget.values(watchTarget(tenantId, 'project', projectId)),
    ];
  }

  template(id: string): TemplateState | undefined {
    return this.templates.get(id);
  }

  tenantTemplates(tenantId: string): TemplateState[] {
    return this.templatesByTenant.values(tenantId);
  }

  /** undefined: never set (en, UTC, no URL prefix). */
  tenantSettings(tenantId: string): TenantSettingsState | undefined {
    return this.settings.get(tenantId);
  }

  counts() {
    return {
      users: this.users.size,
      identities: this.identities.size,
      preferences: this.preferenceEntries.size,
      channels: this.channels.size,
      links: this.links.size,
      channelKinds: this.channelKinds.size,
      notificationServices: this.services.size,
      rules: this.rules.size,
      watches: this.watches.size,
      templates: this.templates.size,
      tenantSettings: this.settings.size,
    };
  }

  private remove(entity: StateTopicName, key: string): void {
    switch (entity) {
      case 'users':
        this.users.delete(key);
        break;
      case 'identities':
        this.identities.delete(key);
        break;
      case 'preferences':
        this.preferenceEntries.delete(key);
        break;
      case 'channels':
        this.channels.delete(key);
        break;
      case 'projectChannels':
        this.links.delete(key);
        break;
      case 'channelKinds':
        this.channelKinds.delete(key);
        break;
      case 'notificationServices':
        this.services.delete(key);
        break;
      case 'rules': {
        const rule = this.rules.get(key);
        if (!rule) return;
        this.rules.delete(key);
        for (const project of rule.projectIds ?? [ALL_PROJECTS])
          this.rulesByProject.delete(`${rule.tenantId}/${project}`, key);
        break;
      }
      case 'watches': {
        const watch = this.watches.get(key);
        if (!watch) return;
        this.watches.delete(key);
        this.watchesByTarget.delete(watchTarget(watch.tenantId, watch.targetKind, watch.targetId), key);
        break;
      }
      case 'templates': {
        const template = this.templates.get(key);
        if (!template) return;
        this.templates.delete(key);
        this.templatesByTenant.delete(template.tenantId, key);
        break;
      }
      case 'tenantSettings':
        this.settings.delete(key);
        break;
    }
  }
}

function watchTarget(tenantId: string, kind: string, targetId: string): string {
  return `${tenantId}/${kind}/${targetId}`;
}
