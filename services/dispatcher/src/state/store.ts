import {
  type ChannelState,
  type ProjectChannelState,
  type RuleState,
  type StateTopicName,
  stateSchemas,
  type UserState,
} from '@tidings/state';

export type ApplyResult = { ok: true } | { ok: false; reason: string };

/**
 * The dispatcher's in-memory copy of the configuration the subgraphs publish (ARCHITECTURE §3). Pure: the
 * materialiser feeds it state-topic messages; routing and sending read it. Indexed for the questions the
 * router asks per event, so routing cost does not grow with the number of rules in other projects.
 */
export class StateStore {
  private readonly users = new Map<string, UserState>();
  private readonly channels = new Map<string, ChannelState>();
  private readonly links = new Map<string, ProjectChannelState>();
  private readonly rules = new Map<string, RuleState>();
  /** tenant → project id ('*' for all-project rules) → rule ids */
  private readonly rulesByProject = new Map<string, Map<string, Set<string>>>();
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
    switch (entity) {
      case 'users':
        this.users.set(key, parsed.data as UserState);
        break;
      case 'channels':
        this.channels.set(key, parsed.data as ChannelState);
        break;
      case 'projectChannels':
        this.links.set(key, parsed.data as ProjectChannelState);
        break;
      case 'rules':
        this.removeRule(key);
        this.addRule(key, parsed.data as RuleState);
        break;
    }
    return { ok: true };
  }

  user(tenantId: string, userId: string): UserState | undefined {
    return this.users.get(`${tenantId}/${userId}`);
  }

  channel(channelId: string): ChannelState | undefined {
    return this.channels.get(channelId);
  }

  rule(ruleId: string): RuleState | undefined {
    return this.rules.get(ruleId);
  }

  isConnected(tenantId: string, projectId: string, channelId: string): boolean {
    return this.links.has(`${tenantId}/${projectId}/${channelId}`);
  }

  /** Rules of the tenant that cover this project (listed or all-project rules). */
  rulesForProject(tenantId: string, projectId: string): RuleState[] {
    const byProject = this.rulesByProject.get(tenantId);
    if (!byProject) return [];
    const ids = [...(byProject.get(projectId) ?? []), ...(byProject.get('*') ?? [])];
    return ids.map((id) => this.rules.get(id)).filter((rule): rule is RuleState => rule !== undefined);
  }

  counts() {
    return {
      users: this.users.size,
      channels: this.channels.size,
      links: this.links.size,
      rules: this.rules.size,
    };
  }

  private remove(entity: StateTopicName, key: string): void {
    if (entity === 'users') this.users.delete(key);
    else if (entity === 'channels') this.channels.delete(key);
    else if (entity === 'projectChannels') this.links.delete(key);
    else this.removeRule(key);
  }

  private addRule(id: string, rule: RuleState): void {
    this.rules.set(id, rule);
    let byProject = this.rulesByProject.get(rule.tenantId);
    if (!byProject) {
      byProject = new Map();
      this.rulesByProject.set(rule.tenantId, byProject);
    }
    for (const project of rule.projectIds ?? ['*']) {
      let ids = byProject.get(project);
      if (!ids) {
        ids = new Set();
        byProject.set(project, ids);
      }
      ids.add(id);
    }
  }

  private removeRule(id: string): void {
    const rule = this.rules.get(id);
    if (!rule) return;
    this.rules.delete(id);
    const byProject = this.rulesByProject.get(rule.tenantId);
    for (const project of rule.projectIds ?? ['*']) byProject?.get(project)?.delete(id);
  }
}
