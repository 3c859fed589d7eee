import {
  ALL_PROJECTS,
  type ChannelKind,
  type ChannelKindState,
  type ChannelState,
  type IdentityPlatform,
  type IdentityState,
  identityPlatforms,
  identityStateKey,
  type NotificationServiceState,
  type PreferencesState,
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

/**
 * A rule as the store keeps it: what routing reads. Its name and updatedAt are the subscriptions subgraph's
 * (nothing here reads them), and its lists are shared, frozen arrays when equal (see Interner).
 */
export type StoredRule = Readonly<
  Omit<
    RuleState,
    | 'name'
    | 'updatedAt'
    | 'projectIds'
    | 'eventTypes'
    | 'roles'
    | 'userIds'
    | 'channelIds'
    | 'serviceIds'
    | 'statuses'
    | 'steps'
  > & {
    projectIds: readonly string[] | null;
    eventTypes: readonly RuleState['eventTypes'][number][];
    roles: readonly RuleState['roles'][number][];
    userIds: readonly string[];
    channelIds: readonly string[];
    serviceIds: readonly string[];
    statuses: readonly string[];
    steps: readonly string[];
  }
>;

/** A watch as routing reads it. */
export type StoredWatch = Readonly<Pick<WatchState, 'userId' | 'targetKind' | 'following'>>;

/** A person's id on a platform as the senders read it. */
export type StoredIdentity = Pick<IdentityState, 'platformUserId' | 'source'>;

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * One copy of each value that repeats across the state: tenant and project ids, locales, time zones, event
 * types, roles and filters, and the lists of event types, roles and filters rules name. JSON.parse makes a
 * new string (and array) for every occurrence, which at 100,000 people and 50,000 rules is tens of
 * megabytes of copies. Only values from small, slowly growing sets go through here, so the pool stays small
 * although it never forgets.
 */
class Interner {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();

  string<T extends string | null>(value: T): T {
    if (value === null) return value;
    const known = this.strings.get(value);
    if (known !== undefined) return known as T;
    this.strings.set(value, value);
    return value;
  }

  /** A frozen array shared by every list with these elements in this order. */
  list<T extends string>(values: readonly T[]): readonly T[] {
    if (values.length === 0) return EMPTY;
    const key = values.join('\u0000');
    const known = this.lists.get(key);
    if (known !== undefined) return known as readonly T[];
    const list = Object.freeze(values.map((value) => this.string(value)));
    this.lists.set(key, list);
    return list;
  }
}

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
 * Something per person: tenant → user id → value. The inner keys are the people's own id strings, so
 * 100,000 people cost no `tenant/user` key strings (a map keyed by those would hold one per person).
 */
class People<V> {
  private readonly tenants = new Map<string, Map<string, V>>();
  size = 0;

  get(tenantId: string, userId: string): V | undefined {
    return this.tenants.get(tenantId)?.get(userId);
  }

  set(tenantId: string, userId: string, value: V): void {
    let entries = this.tenants.get(tenantId);
    if (!entries) {
      entries = new Map();
      this.tenants.set(tenantId, entries);
    }
    if (!entries.has(userId)) this.size++;
    entries.set(userId, value);
  }

  /**
   * Forgets the person of a `tenant/user` key (a tombstone's). Ids may hold slashes, so each split is tried
   * against the tenants and people known.
   */
  deleteKey(key: string): void {
    for (let slash = key.indexOf('/'); slash !== -1; slash = key.indexOf('/', slash + 1)) {
      const entries = this.tenants.get(key.slice(0, slash));
      if (entries?.delete(key.slice(slash + 1))) {
        this.size--;
        if (entries.size === 0) this.tenants.delete(key.slice(0, slash));
        return;
      }
    }
  }
}

/**
 * The dispatcher's in-memory copy of the configuration the subgraphs publish (ARCHITECTURE §3). Pure: the
 * materialiser feeds it state-topic messages; routing, explain and sending read it. Indexed for the
 * questions the router asks per event, so routing cost does not grow with other tenants' or projects' data.
 */
export class StateStore {
  private readonly intern = new Interner();
  private readonly users = new People<UserState>();
  /** platform → the person's id there (the bulk of the identities: one string each) */
  private readonly platformIds: Record<IdentityPlatform, People<string>> = {
    dingtalk: new People(),
    lark: new People(),
    wecom: new People(),
  };
  /** Keys (`tenant/user/platform`) of the ids set by hand; the others were imported. */
  private readonly handSet = new Set<string>();
  private readonly preferenceEntries = new Map<string, PreferencesState>();
  private readonly channels = new Map<string, ChannelState>();
  /** Keys (`tenant/project/channel`) of the project–channel links: routing only asks whether one exists. */
  private readonly links = new Set<string>();
  private readonly channelKinds = new Map<string, ChannelKindState>();
  private readonly services = new Map<string, NotificationServiceState>();
  private readonly rules = new Map<string, StoredRule>();
  private readonly watches = new Map<string, StoredWatch & Pick<WatchState, 'tenantId' | 'targetId'>>();
  private readonly templates = new Map<string, TemplateState>();
  private readonly settings = new Map<string, TenantSettingsState>();
  /** `tenant/project` (ALL_PROJECTS for all-project rules) → rules */
  private readonly rulesByProject = new Index<StoredRule>();
  /** `tenant/kind/target` → watches on that ticket or project */
  private readonly watchesByTarget = new Index<StoredWatch>();
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
    const intern = this.intern;
    switch (entity) {
      case 'users': {
        const user = parsed.data as UserState;
        const tenantId = intern.string(user.tenantId);
        this.users.set(tenantId, user.id, {
          tenantId,
          id: user.id,
          name: user.name,
          email: user.email,
          phone: user.phone,
          locale: intern.string(user.locale),
          timeZone: intern.string(user.timeZone),
          updatedAt: user.updatedAt,
        });
        break;
      }
      case 'identities': {
        const identity = parsed.data as IdentityState;
        const tenantId = intern.string(identity.tenantId);
        // The person's own id string when they are known already, rather than a copy per platform.
        const userId = this.users.get(tenantId, identity.userId)?.id ?? identity.userId;
        this.platformIds[identity.platform].set(tenantId, userId, identity.platformUserId);
        if (identity.source === 'manual') this.handSet.add(key);
        break;
      }
      case 'preferences':
        this.preferenceEntries.set(key, parsed.data as PreferencesState);
        break;
      case 'channels': {
        const channel = parsed.data as ChannelState;
        this.channels.set(key, { ...channel, tenantId: intern.string(channel.tenantId) });
        break;
      }
      case 'projectChannels':
        this.links.add(key);
        break;
      case 'channelKinds':
        this.channelKinds.set(key, parsed.data as ChannelKindState);
        break;
      case 'notificationServices':
        this.services.set(key, parsed.data as NotificationServiceState);
        break;
      case 'rules': {
        const rule = this.storedRule(parsed.data as RuleState);
        this.rules.set(key, rule);
        for (const project of rule.projectIds ?? [ALL_PROJECTS])
          this.rulesByProject.add(`${rule.tenantId}/${project}`, key, rule);
        break;
      }
      case 'watches': {
        const watch = parsed.data as WatchState;
        const stored = {
          tenantId: intern.string(watch.tenantId),
          userId: watch.userId,
          targetKind: watch.targetKind,
          targetId: watch.targetId,
          following: watch.following,
        };
        this.watches.set(key, stored);
        this.watchesByTarget.add(
          watchTarget(stored.tenantId, stored.targetKind, stored.targetId),
          key,
          stored,
        );
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

  private storedRule(rule: RuleState): StoredRule {
    const intern = this.intern;
    return {
      tenantId: intern.string(rule.tenantId),
      id: rule.id,
      projectIds: rule.projectIds === null ? null : rule.projectIds.map((id) => intern.string(id)),
      eventTypes: intern.list(rule.eventTypes),
      roles: intern.list(rule.roles),
      // Per rule rather than shared: projects, people and channels are many, and a pool of their lists
      // would keep every list ever seen.
      userIds: rule.userIds.length > 0 ? rule.userIds : EMPTY,
      channelIds: rule.channelIds.length > 0 ? rule.channelIds : EMPTY,
      serviceIds: rule.serviceIds.length > 0 ? rule.serviceIds : EMPTY,
      statuses: intern.list(rule.statuses),
      steps: intern.list(rule.steps),
      templateId: rule.templateId,
      mentionAll: rule.mentionAll,
      excludeActor: rule.excludeActor,
      enabled: rule.enabled,
    };
  }

  user(tenantId: string, userId: string): UserState | undefined {
    return this.users.get(tenantId, userId);
  }

  /** A person's hand-set or imported id on a platform. */
  identity(tenantId: string, userId: string, platform: IdentityPlatform): StoredIdentity | undefined {
    const platformUserId = this.platformIds[platform].get(tenantId, userId);
    if (platformUserId === undefined) return undefined;
    const key = identityStateKey({ tenantId, userId, platform });
    return { platformUserId, source: this.handSet.has(key) ? 'manual' : 'import' };
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

  rule(ruleId: string): StoredRule | undefined {
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
  rulesForProject(tenantId: string, projectId: string): StoredRule[] {
    const listed = this.rulesByProject.values(`${tenantId}/${projectId}`);
    const everywhere =
      projectId === ALL_PROJECTS ? [] : this.rulesByProject.values(`${tenantId}/${ALL_PROJECTS}`);
    return [...listed, ...everywhere];
  }

  /** Watches, following or not, on this ticket and on its project. */
  watchesFor(tenantId: string, ticketId: string, projectId: string): StoredWatch[] {
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
      identities: identityPlatforms.reduce((sum, platform) => sum + this.platformIds[platform].size, 0),
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
        this.users.deleteKey(key);
        break;
      case 'identities':
        for (const platform of identityPlatforms) {
          const person = personKeyOf(key, platform);
          if (person !== undefined) this.platformIds[platform].deleteKey(person);
        }
        this.handSet.delete(key);
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

/**
 * The person part (`tenant/user`) of an identity key `tenant/user/platform`. Read from the key's end, whose
 * platform is one of three known names, so ids holding a slash do not confuse it.
 */
function personKeyOf(key: string, platform: IdentityPlatform): string | undefined {
  const suffix = `/${platform}`;
  return key.endsWith(suffix) ? key.slice(0, -suffix.length) : undefined;
}

function watchTarget(tenantId: string, kind: string, targetId: string): string {
  return `${tenantId}/${kind}/${targetId}`;
}
