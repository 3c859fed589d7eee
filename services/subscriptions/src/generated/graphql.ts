// Generated from schema.graphql by scripts/generate-resolver-types.ts. Do not edit.
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, as ISO 8601 with a time zone (2026-11-22T08:30:00.000Z). */
  DateTime: { input: string; output: string; }
  link__Import: { input: unknown; output: unknown; }
  federation__FieldSet: { input: unknown; output: unknown; }
  federation__Scope: { input: unknown; output: unknown; }
  federation__Policy: { input: unknown; output: unknown; }
  _Any: { input: unknown; output: unknown; }
};

export type Query = {
  __typename?: 'Query';
  /** The rule with this id in the caller's tenant, or null. */
  rule: Maybe<Rule>;
  /**
   * The caller's tenant's rules, ordered by id. With projectId, only the rules that apply to that project:
   * those listing it and those covering every project.
   */
  rules: RuleConnection;
  /** The template with this id in the caller's tenant, or null. */
  template: Maybe<Template>;
  /** The caller's tenant's templates, ordered by id. */
  templates: TemplateConnection;
  /** The shipped wording, to start a custom template from. */
  defaultTemplate: TemplatePreview;
  /** Every variable a template may use, as `${name}`. */
  templateVariables: Array<TemplateVariable>;
  /** Renders a template for a sample event without sending anything. */
  previewTemplate: PreviewTemplatePayload;
  /** The caller's tenant's settings; defaults (en, UTC, no URL prefix) when never set. */
  tenantSettings: TenantSettings;
};


export type QueryRuleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRulesArgs = {
  projectId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTemplateArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTemplatesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


export type QueryDefaultTemplateArgs = {
  eventType?: InputMaybe<EventType>;
  customEventType?: InputMaybe<Scalars['String']['input']>;
  format: TemplateFormat;
  locale: Scalars['String']['input'];
};


export type QueryPreviewTemplateArgs = {
  input: PreviewTemplateInput;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Creates a rule. A tenant admin can create any rule; a project owner one that lists only projects they
   * own (a rule for every project needs a tenant admin).
   */
  createRule: RulePayload;
  /**
   * Changes a rule; fields left out keep their value. Allowed for tenant admins, and for owners of every
   * project of the rule who own every project it will list.
   */
  updateRule: RulePayload;
  /** Turns a rule on or off (tenant admins, and owners of every project of the rule). */
  setRuleEnabled: RulePayload;
  /** Deletes a rule (tenant admins, and owners of every project of the rule). */
  deleteRule: DeleteRulePayload;
  /** Follows a ticket: the person is notified as one of its watchers. */
  followTicket: WatchPayload;
  /** Explicitly unfollows a ticket: the person is not notified as a watcher even when the producer lists them. */
  unfollowTicket: WatchPayload;
  /** Follows every ticket of a project. */
  followProject: WatchPayload;
  /** Explicitly unfollows a project. */
  unfollowProject: WatchPayload;
  /** Forgets a follow or unfollow: the producer's watcher list decides again. */
  clearWatch: WatchPayload;
  /** Creates a template (tenant admins). */
  createTemplate: TemplatePayload;
  /** Changes a template; fields left out keep their value (tenant admins). */
  updateTemplate: TemplatePayload;
  /** Deletes a template no rule uses (tenant admins). */
  deleteTemplate: DeleteTemplatePayload;
  /** Changes the tenant's settings; fields left out keep their value (tenant admins). */
  updateTenantSettings: TenantSettingsPayload;
};


export type MutationCreateRuleArgs = {
  input: CreateRuleInput;
};


export type MutationUpdateRuleArgs = {
  input: UpdateRuleInput;
};


export type MutationSetRuleEnabledArgs = {
  input: SetRuleEnabledInput;
};


export type MutationDeleteRuleArgs = {
  input: DeleteRuleInput;
};


export type MutationFollowTicketArgs = {
  input: WatchInput;
};


export type MutationUnfollowTicketArgs = {
  input: WatchInput;
};


export type MutationFollowProjectArgs = {
  input: WatchInput;
};


export type MutationUnfollowProjectArgs = {
  input: WatchInput;
};


export type MutationClearWatchArgs = {
  input: ClearWatchInput;
};


export type MutationCreateTemplateArgs = {
  input: CreateTemplateInput;
};


export type MutationUpdateTemplateArgs = {
  input: UpdateTemplateInput;
};


export type MutationDeleteTemplateArgs = {
  input: DeleteTemplateInput;
};


export type MutationUpdateTenantSettingsArgs = {
  input: UpdateTenantSettingsInput;
};

/** Ticket events rules match, people mute and sample events name. Custom change types (alarms, pipelines) are strings beside it, e.g. pipeline.failed. */
export type EventType =
  /** A ticket was created. */
  | 'TICKET_CREATED'
  /** A comment was added to a ticket. */
  | 'COMMENT_ADDED'
  /** Assignees were added to or removed from a ticket. */
  | 'ASSIGNEES_CHANGED'
  /** A ticket's status changed. */
  | 'STATUS_CHANGED'
  /** A ticket moved to another workflow step. */
  | 'WORKFLOW_STEP_CHANGED';

/** People on the ticket a rule notifies. */
export type RecipientRole =
  /** The ticket's creator. */
  | 'CREATOR'
  /** The ticket's current assignees. */
  | 'ASSIGNEES'
  /** The ticket's watchers: the producer's list, plus followers in Tidings, minus explicit unfollows. */
  | 'WATCHERS'
  /** Assignees of the ticket's current workflow step. */
  | 'STEP_ASSIGNEES';

/** Who hears about which events of which projects, and on which channels and services. */
export type Rule = {
  __typename?: 'Rule';
  /** The rule's id. */
  id: Scalars['ID']['output'];
  /** The rule's name. */
  name: Scalars['String']['output'];
  /** null: every project of the tenant. */
  projectIds: Maybe<Array<Scalars['ID']['output']>>;
  /** Built-in events the rule matches. */
  eventTypes: Array<EventType>;
  /** Custom change types producers emit (alarms, pipelines), e.g. pipeline.failed. */
  customEventTypes: Array<Scalars['String']['output']>;
  /** Only events whose ticket is, after the change, in one of these statuses; empty: any status. */
  statuses: Array<Scalars['String']['output']>;
  /** Only events whose ticket's current workflow step id or name is one of these; empty: any step. */
  steps: Array<Scalars['String']['output']>;
  /** People on the ticket the rule notifies. */
  roles: Array<RecipientRole>;
  /** People notified whatever their role on the ticket. */
  userIds: Array<Scalars['ID']['output']>;
  /** The people of userIds. */
  users: Array<User>;
  /** Channels the rule notifies through. */
  channelIds: Array<Scalars['ID']['output']>;
  /** The channels of channelIds. */
  channels: Array<Channel>;
  /** Notification services whose channels and members the rule also notifies. */
  serviceIds: Array<Scalars['ID']['output']>;
  /** The services of serviceIds. */
  services: Array<NotificationService>;
  /** The template of templateId. */
  template: Maybe<Template>;
  /** The tenant template this rule's messages use; null: the tenant's or the shipped default per event type. */
  templateId: Maybe<Scalars['ID']['output']>;
  /** Whether group robots also mention everyone (@all). */
  mentionAll: Scalars['Boolean']['output'];
  /** Whether the person who caused an event is left out of its notifications. */
  excludeActor: Scalars['Boolean']['output'];
  /** Whether the rule is matched at all. */
  enabled: Scalars['Boolean']['output'];
  /** When the rule was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the rule last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A channel of the channels subgraph. */
export type Channel = {
  __typename?: 'Channel';
  /** The channel's id. */
  id: Scalars['ID']['output'];
};

/** A named group of channels and members, owned by the channels subgraph. */
export type NotificationService = {
  __typename?: 'NotificationService';
  /** The service's id. */
  id: Scalars['ID']['output'];
};

/** A person of the tenant. */
export type User = {
  __typename?: 'User';
  /** The person's id. */
  id: Scalars['ID']['output'];
  /** The person's follows and explicit unfollows. */
  watches: Array<Watch>;
};

/** A producer's ticket; its id is the producer's. */
export type Ticket = {
  __typename?: 'Ticket';
  /** The producer's ticket id. */
  id: Scalars['ID']['output'];
  /** People following it in Tidings (not the producer's own watcher list). */
  followers: Array<User>;
  /** Watches on it, following or not. */
  watches: Array<Watch>;
};

/** A producer's project; its id is the producer's. */
export type Project = {
  __typename?: 'Project';
  /** The producer's project id. */
  id: Scalars['ID']['output'];
  /** Rules that apply to this project: those listing it and those covering every project. */
  rules: RuleConnection;
  /** People following every ticket of the project. */
  followers: Array<User>;
};


/** A producer's project; its id is the producer's. */
export type ProjectRulesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** A person following, or explicitly not following, a ticket or a whole project. Followers are notified as the ticket's watchers; unfollowing removes a person the producer lists as a watcher. */
export type Watch = {
  __typename?: 'Watch';
  /** The person. */
  user: User;
  /** What is followed: a ticket or a project. */
  target: WatchTarget;
  /** The ticket's or project's id. */
  targetId: Scalars['ID']['output'];
  /** true: following; false: explicitly not following. */
  following: Scalars['Boolean']['output'];
  /** When the person last followed or unfollowed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** What a watch is on. */
export type WatchTarget =
  /** One ticket. */
  | 'TICKET'
  /** Every ticket of a project. */
  | 'PROJECT';

/** A message format a template is written in. */
export type TemplateFormat =
  /** DingTalk and WeCom markdown. */
  | 'MARKDOWN'
  /** The markdown body of a Lark/Feishu card. */
  | 'LARK_CARD'
  /** An HTML email. */
  | 'EMAIL'
  /** Plain text (WeCom robot text, webhooks). */
  | 'TEXT';

/**
 * A tenant's own wording. With eventType or customEventType set, it replaces the shipped default for that
 * event type, format and locale tenant-wide; a rule naming it uses it whatever the event type.
 */
export type Template = {
  __typename?: 'Template';
  /** The template's id. */
  id: Scalars['ID']['output'];
  /** The template's name. */
  name: Scalars['String']['output'];
  /** The built-in event type it overrides the default for; null otherwise. */
  eventType: Maybe<EventType>;
  /** The custom change type it overrides the default for, e.g. pipeline.failed; null otherwise. */
  customEventType: Maybe<Scalars['String']['output']>;
  /** The message format it is written in. */
  format: TemplateFormat;
  /** BCP 47; the template serves people whose locale matches its language. */
  locale: Scalars['String']['output'];
  /** Chat-list preview, card header or email subject, with `${…}` variables. */
  title: Scalars['String']['output'];
  /** The message, with `${…}` variables. */
  body: Scalars['String']['output'];
  /** When the template was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the template last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A variable templates may use as `${name}`. */
export type TemplateVariable = {
  __typename?: 'TemplateVariable';
  /** The variable's name, e.g. ticket.title; attributes.<NAME> stands for any attribute. */
  name: Scalars['String']['output'];
  /** What it holds. */
  description: Scalars['String']['output'];
};

/** A template rendered for a sample event, or the shipped wording. */
export type TemplatePreview = {
  __typename?: 'TemplatePreview';
  /** The rendered (or default) title. */
  title: Scalars['String']['output'];
  /** The rendered (or default) body. */
  body: Scalars['String']['output'];
  /** The format it is written in. */
  format: TemplateFormat;
  /** The locale of the wording used. */
  locale: Scalars['String']['output'];
  /** rule, tenant or default */
  source: Scalars['String']['output'];
};

/** An event to try rules or templates on, shaped like the TicketEvent producers send. Nothing is sent. */
export type SampleEventInput = {
  /** The change, for built-in events; leave null for a custom event. */
  eventType?: InputMaybe<EventType>;
  /** The custom change type (alarms, pipelines), e.g. pipeline.failed; leave null for built-in events. */
  customType?: InputMaybe<Scalars['String']['input']>;
  /** The project the ticket belongs to. */
  projectId: Scalars['ID']['input'];
  /** Who caused the event. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** The actor's display name; default: their Tidings name. */
  actorName?: InputMaybe<Scalars['String']['input']>;
  /** The ticket as the producer would snapshot it. */
  ticket: SampleTicketInput;
  /** The comment, for COMMENT_ADDED. */
  commentBody?: InputMaybe<Scalars['String']['input']>;
  /** The previous status, for STATUS_CHANGED. */
  fromStatus?: InputMaybe<Scalars['String']['input']>;
  /** The new status, for STATUS_CHANGED. */
  toStatus?: InputMaybe<Scalars['String']['input']>;
  /** The previous workflow step's name, for WORKFLOW_STEP_CHANGED. */
  fromStep?: InputMaybe<Scalars['String']['input']>;
  /** People added, for ASSIGNEES_CHANGED. */
  addedAssigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** People removed, for ASSIGNEES_CHANGED. */
  removedAssigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Free-form attributes templates can show, e.g. PIPELINE_NAME. */
  attributes?: InputMaybe<Array<AttributeInput>>;
  /** When it happened; default now. */
  occurredAt?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A ticket snapshot in a sample event. */
export type SampleTicketInput = {
  /** The producer's ticket id. */
  id: Scalars['ID']['input'];
  /** Human key, e.g. OPS-12. */
  key?: InputMaybe<Scalars['String']['input']>;
  /** The ticket's title. */
  title: Scalars['String']['input'];
  /** Absolute link to the ticket. */
  url?: InputMaybe<Scalars['String']['input']>;
  /** Path appended to the tenant's ticket URL prefix when there is no url. */
  path?: InputMaybe<Scalars['String']['input']>;
  /** Status after the change. */
  status?: InputMaybe<Scalars['String']['input']>;
  /** Priority. */
  priority?: InputMaybe<Scalars['String']['input']>;
  /** Who created the ticket. */
  creatorId?: InputMaybe<Scalars['ID']['input']>;
  /** Current assignees. */
  assigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The producer's watchers. */
  watcherIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Current workflow step id. */
  stepId?: InputMaybe<Scalars['String']['input']>;
  /** Current workflow step name. */
  stepName?: InputMaybe<Scalars['String']['input']>;
  /** Assignees of the current workflow step. */
  stepAssigneeIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A free-form attribute of an event. */
export type AttributeInput = {
  /** Attribute name, e.g. PIPELINE_NAME. */
  key: Scalars['String']['input'];
  /** Attribute value. */
  value: Scalars['String']['input'];
};

/** What to preview: a saved template, one being written, or (with neither) the template a message would use. */
export type PreviewTemplateInput = {
  /** A saved template of the tenant. */
  templateId?: InputMaybe<Scalars['ID']['input']>;
  /** The format of the template being written (required with title and body, or without templateId). */
  format?: InputMaybe<TemplateFormat>;
  /** The title of a template being written. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** The body of a template being written. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** For defaults: the reader's locale. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** The sample event to render. */
  event: SampleEventInput;
  /** Whose locale and time zone to render for (a user id); default en/UTC or the tenant settings. */
  recipientId?: InputMaybe<Scalars['ID']['input']>;
};

/** The result of previewTemplate. */
export type PreviewTemplatePayload = {
  __typename?: 'PreviewTemplatePayload';
  /** The rendering; null when the input had problems. */
  preview: Maybe<TemplatePreview>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** Per-tenant settings the messages need. */
export type TenantSettings = {
  __typename?: 'TenantSettings';
  /** Prefix making ticket paths into links (seed 002's global URL prefix). */
  ticketUrlPrefix: Maybe<Scalars['String']['output']>;
  /** Locale of messages to groups and of people without one (BCP 47). */
  defaultLocale: Scalars['String']['output'];
  /** IANA time zone of times shown in group messages. */
  defaultTimeZone: Scalars['String']['output'];
  /**
   * The tenant's outbound allowlist: private addresses its webhook and SMTP targets may resolve to.
   * Each entry is a CIDR range (10.20.0.0/16, fd12:3456::/32), a single address (10.20.30.40) or a host
   * name (hooks.corp.example, or *.corp.example for its subdomains), in canonical form. Targets resolving
   * to private, link-local or other non-public addresses are refused unless listed here; loopback and
   * cloud metadata addresses are refused whatever this says.
   */
  outboundAllow: Array<Scalars['String']['output']>;
  /** When the settings last changed; null when never set. */
  updatedAt: Maybe<Scalars['DateTime']['output']>;
};

/** Changes to the tenant's settings; a field left out keeps its value. */
export type UpdateTenantSettingsInput = {
  /** An http(s) URL; null removes the prefix. */
  ticketUrlPrefix?: InputMaybe<Scalars['String']['input']>;
  /** A BCP 47 locale; null goes back to en. */
  defaultLocale?: InputMaybe<Scalars['String']['input']>;
  /** An IANA time zone (Asia/Ho_Chi_Minh); null goes back to UTC. */
  defaultTimeZone?: InputMaybe<Scalars['String']['input']>;
  /**
   * Replaces the outbound allowlist (see TenantSettings.outboundAllow); null or [] empties it. A bad
   * entry is reported at outboundAllow.<index>, naming the entry.
   */
  outboundAllow?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** The result of updateTenantSettings. */
export type TenantSettingsPayload = {
  __typename?: 'TenantSettingsPayload';
  /** The settings after the change; null when the input had problems. */
  settings: Maybe<TenantSettings>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** A new rule. */
export type CreateRuleInput = {
  /** The rule's name. */
  name: Scalars['String']['input'];
  /** Leave null for every project of the tenant. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Built-in events to match. */
  eventTypes?: InputMaybe<Array<EventType>>;
  /** Custom change types: 1-100 letters, digits, _ . - */
  customEventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only tickets in these statuses after the change; empty or null: any. */
  statuses?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only tickets at these workflow steps (id or name); empty or null: any. */
  steps?: InputMaybe<Array<Scalars['String']['input']>>;
  /** People on the ticket to notify. */
  roles?: InputMaybe<Array<RecipientRole>>;
  /** People to notify whatever their role. */
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Channels to notify through; with serviceIds, at least one of the two. */
  channelIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Notification services (ids of the channels subgraph) to notify; with channelIds, at least one of the two. */
  serviceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A template of the tenant for this rule's messages. */
  templateId?: InputMaybe<Scalars['ID']['input']>;
  /** Whether group robots also mention everyone (@all). */
  mentionAll?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether the person who caused an event is left out. */
  excludeActor?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether the rule is matched at all. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Changes to a rule; a field left out keeps its value. */
export type UpdateRuleInput = {
  /** The rule to change. */
  id: Scalars['ID']['input'];
  /** The rule's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Projects to cover; null covers every project (tenant admins only). */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Built-in events to match. */
  eventTypes?: InputMaybe<Array<EventType>>;
  /** Custom change types: 1-100 letters, digits, _ . - */
  customEventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only tickets in these statuses after the change; empty: any. */
  statuses?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Only tickets at these workflow steps (id or name); empty: any. */
  steps?: InputMaybe<Array<Scalars['String']['input']>>;
  /** People on the ticket to notify. */
  roles?: InputMaybe<Array<RecipientRole>>;
  /** People to notify whatever their role. */
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Channels to notify through. */
  channelIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Notification services to notify. */
  serviceIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** A template of the tenant; null: back to the tenant's or shipped default. */
  templateId?: InputMaybe<Scalars['ID']['input']>;
  /** Whether group robots also mention everyone (@all). */
  mentionAll?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether the person who caused an event is left out. */
  excludeActor?: InputMaybe<Scalars['Boolean']['input']>;
  /** Whether the rule is matched at all. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Turns a rule on or off. */
export type SetRuleEnabledInput = {
  /** The rule. */
  id: Scalars['ID']['input'];
  /** On or off. */
  enabled: Scalars['Boolean']['input'];
};

/** The rule to delete. */
export type DeleteRuleInput = {
  /** The rule. */
  id: Scalars['ID']['input'];
};

/** The result of a rule mutation. */
export type RulePayload = {
  __typename?: 'RulePayload';
  /** The rule after the change; null when the input had problems. */
  rule: Maybe<Rule>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** The result of deleteRule. */
export type DeleteRulePayload = {
  __typename?: 'DeleteRulePayload';
  /** The deleted rule's id; null when nothing was deleted. */
  deletedRuleId: Maybe<Scalars['ID']['output']>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** A page of rules. */
export type RuleConnection = {
  __typename?: 'RuleConnection';
  /** The rules of this page. */
  edges: Array<RuleEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A rule in a page. */
export type RuleEdge = {
  __typename?: 'RuleEdge';
  /** The rule. */
  node: Rule;
  /** Where it is in the list. */
  cursor: Scalars['String']['output'];
};

/** Who follows (or unfollows) what. */
export type WatchInput = {
  /** The ticket's or project's id. */
  targetId: Scalars['ID']['input'];
  /** Default: the caller; others need a tenant admin. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** The watch to forget. */
export type ClearWatchInput = {
  /** A ticket or a project. */
  target: WatchTarget;
  /** The ticket's or project's id. */
  targetId: Scalars['ID']['input'];
  /** Default: the caller; others need a tenant admin. */
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** The result of a watch mutation. */
export type WatchPayload = {
  __typename?: 'WatchPayload';
  /** The watch after the change; null when cleared or when the input had problems. */
  watch: Maybe<Watch>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** A new template. */
export type CreateTemplateInput = {
  /** The template's name. */
  name: Scalars['String']['input'];
  /** Override the shipped default of this built-in event type; at most one of eventType and customEventType. */
  eventType?: InputMaybe<EventType>;
  /** Override the default of this custom change type, e.g. pipeline.failed. */
  customEventType?: InputMaybe<Scalars['String']['input']>;
  /** The message format. */
  format: TemplateFormat;
  /** BCP 47, e.g. en, zh-CN, vi, ru. */
  locale: Scalars['String']['input'];
  /** Chat-list preview, card header or email subject. */
  title: Scalars['String']['input'];
  /** The message. */
  body: Scalars['String']['input'];
};

/** Changes to a template; a field left out keeps its value. */
export type UpdateTemplateInput = {
  /** The template to change. */
  id: Scalars['ID']['input'];
  /** The template's name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Override this built-in event type's default; null: no longer an override. */
  eventType?: InputMaybe<EventType>;
  /** Override this custom change type's default; null: no longer an override. */
  customEventType?: InputMaybe<Scalars['String']['input']>;
  /** The message format. */
  format?: InputMaybe<TemplateFormat>;
  /** BCP 47 locale. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Chat-list preview, card header or email subject. */
  title?: InputMaybe<Scalars['String']['input']>;
  /** The message. */
  body?: InputMaybe<Scalars['String']['input']>;
};

/** The template to delete. */
export type DeleteTemplateInput = {
  /** The template. */
  id: Scalars['ID']['input'];
};

/** The result of a template mutation. */
export type TemplatePayload = {
  __typename?: 'TemplatePayload';
  /** The template after the change; null when the input had problems. */
  template: Maybe<Template>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** The result of deleteTemplate. */
export type DeleteTemplatePayload = {
  __typename?: 'DeleteTemplatePayload';
  /** The deleted template's id; null when nothing was deleted. */
  deletedTemplateId: Maybe<Scalars['ID']['output']>;
  /** Problems with the input, by field. */
  errors: Array<InputError>;
};

/** A page of templates. */
export type TemplateConnection = {
  __typename?: 'TemplateConnection';
  /** The templates of this page. */
  edges: Array<TemplateEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A template in a page. */
export type TemplateEdge = {
  __typename?: 'TemplateEdge';
  /** The template. */
  node: Template;
  /** Where it is in the list. */
  cursor: Scalars['String']['output'];
};

/**
 * A problem with one input field of a mutation. `field` is the path to it inside the mutation's input
 * (for example ["webhookUrl"] or ["keywords", "2"]); `code` is machine-readable, `message` is for people.
 */
export type InputError = {
  __typename?: 'InputError';
  field: Array<Scalars['String']['output']>;
  message: Scalars['String']['output'];
  code: Scalars['String']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
  endCursor: Maybe<Scalars['String']['output']>;
};

export type Link__Purpose =
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY'
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION';



export type ResolverTypeWrapper<T> = T | Promise<T>;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Rule: Rule;
  User: User;
  Ticket: Ticket;
  Project: Project;
  Template: Template;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Rule:
    ( { __typename: 'Rule' }
    & GraphQLRecursivePick<FederationTypes['Rule'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Ticket:
    ( { __typename: 'Ticket' }
    & GraphQLRecursivePick<FederationTypes['Ticket'], {"id":true}> );
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
  Template:
    ( { __typename: 'Template' }
    & GraphQLRecursivePick<FederationTypes['Template'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  EventType: EventType;
  RecipientRole: RecipientRole;
  Rule: ResolverTypeWrapper<Rule>;
  Channel: ResolverTypeWrapper<Channel>;
  NotificationService: ResolverTypeWrapper<NotificationService>;
  User: ResolverTypeWrapper<User>;
  Ticket: ResolverTypeWrapper<Ticket>;
  Project: ResolverTypeWrapper<Project>;
  Watch: ResolverTypeWrapper<Watch>;
  WatchTarget: WatchTarget;
  TemplateFormat: TemplateFormat;
  Template: ResolverTypeWrapper<Template>;
  TemplateVariable: ResolverTypeWrapper<TemplateVariable>;
  TemplatePreview: ResolverTypeWrapper<TemplatePreview>;
  SampleEventInput: SampleEventInput;
  SampleTicketInput: SampleTicketInput;
  AttributeInput: AttributeInput;
  PreviewTemplateInput: PreviewTemplateInput;
  PreviewTemplatePayload: ResolverTypeWrapper<PreviewTemplatePayload>;
  TenantSettings: ResolverTypeWrapper<TenantSettings>;
  UpdateTenantSettingsInput: UpdateTenantSettingsInput;
  TenantSettingsPayload: ResolverTypeWrapper<TenantSettingsPayload>;
  CreateRuleInput: CreateRuleInput;
  UpdateRuleInput: UpdateRuleInput;
  SetRuleEnabledInput: SetRuleEnabledInput;
  DeleteRuleInput: DeleteRuleInput;
  RulePayload: ResolverTypeWrapper<RulePayload>;
  DeleteRulePayload: ResolverTypeWrapper<DeleteRulePayload>;
  RuleConnection: ResolverTypeWrapper<RuleConnection>;
  RuleEdge: ResolverTypeWrapper<RuleEdge>;
  WatchInput: WatchInput;
  ClearWatchInput: ClearWatchInput;
  WatchPayload: ResolverTypeWrapper<WatchPayload>;
  CreateTemplateInput: CreateTemplateInput;
  UpdateTemplateInput: UpdateTemplateInput;
  DeleteTemplateInput: DeleteTemplateInput;
  TemplatePayload: ResolverTypeWrapper<TemplatePayload>;
  DeleteTemplatePayload: ResolverTypeWrapper<DeleteTemplatePayload>;
  TemplateConnection: ResolverTypeWrapper<TemplateConnection>;
  TemplateEdge: ResolverTypeWrapper<TemplateEdge>;
  InputError: ResolverTypeWrapper<InputError>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  link__Purpose: Link__Purpose;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  federation__Scope: ResolverTypeWrapper<Scalars['federation__Scope']['output']>;
  federation__Policy: ResolverTypeWrapper<Scalars['federation__Policy']['output']>;
  _Any: ResolverTypeWrapper<Scalars['_Any']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  Query: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Rule: Rule | FederationReferenceTypes['Rule'];
  Channel: Channel;
  NotificationService: NotificationService;
  User: User | FederationReferenceTypes['User'];
  Ticket: Ticket | FederationReferenceTypes['Ticket'];
  Project: Project | FederationReferenceTypes['Project'];
  Watch: Watch;
  Template: Template | FederationReferenceTypes['Template'];
  TemplateVariable: TemplateVariable;
  TemplatePreview: TemplatePreview;
  SampleEventInput: SampleEventInput;
  SampleTicketInput: SampleTicketInput;
  AttributeInput: AttributeInput;
  PreviewTemplateInput: PreviewTemplateInput;
  PreviewTemplatePayload: PreviewTemplatePayload;
  TenantSettings: TenantSettings;
  UpdateTenantSettingsInput: UpdateTenantSettingsInput;
  TenantSettingsPayload: TenantSettingsPayload;
  CreateRuleInput: CreateRuleInput;
  UpdateRuleInput: UpdateRuleInput;
  SetRuleEnabledInput: SetRuleEnabledInput;
  DeleteRuleInput: DeleteRuleInput;
  RulePayload: RulePayload;
  DeleteRulePayload: DeleteRulePayload;
  RuleConnection: RuleConnection;
  RuleEdge: RuleEdge;
  WatchInput: WatchInput;
  ClearWatchInput: ClearWatchInput;
  WatchPayload: WatchPayload;
  CreateTemplateInput: CreateTemplateInput;
  UpdateTemplateInput: UpdateTemplateInput;
  DeleteTemplateInput: DeleteTemplateInput;
  TemplatePayload: TemplatePayload;
  DeleteTemplatePayload: DeleteTemplatePayload;
  TemplateConnection: TemplateConnection;
  TemplateEdge: TemplateEdge;
  InputError: InputError;
  PageInfo: PageInfo;
  link__Import: Scalars['link__Import']['output'];
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  federation__Scope: Scalars['federation__Scope']['output'];
  federation__Policy: Scalars['federation__Policy']['output'];
  _Any: Scalars['_Any']['output'];
  String: Scalars['String']['output'];
  Boolean: Scalars['Boolean']['output'];
};

export type LinkDirectiveArgs = {
  url?: Maybe<Scalars['String']['input']>;
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Link__Purpose>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
};

export type LinkDirectiveResolver<Result, Parent, ContextType = unknown, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__RequiresDirectiveArgs = {
  fields: Scalars['federation__FieldSet']['input'];
};

export type Federation__RequiresDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__RequiresDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__ProvidesDirectiveArgs = {
  fields: Scalars['federation__FieldSet']['input'];
};

export type Federation__ProvidesDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__ProvidesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__ExternalDirectiveArgs = { };

export type Federation__ExternalDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__ExternalDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__ExtendsDirectiveArgs = { };

export type Federation__ExtendsDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__ExtendsDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__InaccessibleDirectiveArgs = { };

export type Federation__InaccessibleDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = unknown, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type Federation__OverrideDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type Federation__TagDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__ComposeDirectiveDirectiveArgs = {
  name?: Maybe<Scalars['String']['input']>;
};

export type Federation__ComposeDirectiveDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__ComposeDirectiveDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__InterfaceObjectDirectiveArgs = { };

export type Federation__InterfaceObjectDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__AuthenticatedDirectiveArgs = { };

export type Federation__AuthenticatedDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__AuthenticatedDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__RequiresScopesDirectiveArgs = {
  scopes: Array<Array<Scalars['federation__Scope']['input']>>;
};

export type Federation__RequiresScopesDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__RequiresScopesDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type Federation__PolicyDirectiveArgs = {
  policies: Array<Array<Scalars['federation__Policy']['input']>>;
};

export type Federation__PolicyDirectiveResolver<Result, Parent, ContextType = unknown, Args = Federation__PolicyDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type QueryResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  rule?: Resolver<Maybe<ResolversTypes['Rule']>, ParentType, ContextType, RequireFields<QueryRuleArgs, 'id'>>;
  rules?: Resolver<ResolversTypes['RuleConnection'], ParentType, ContextType, RequireFields<QueryRulesArgs, 'first'>>;
  template?: Resolver<Maybe<ResolversTypes['Template']>, ParentType, ContextType, RequireFields<QueryTemplateArgs, 'id'>>;
  templates?: Resolver<ResolversTypes['TemplateConnection'], ParentType, ContextType, RequireFields<QueryTemplatesArgs, 'first'>>;
  defaultTemplate?: Resolver<ResolversTypes['TemplatePreview'], ParentType, ContextType, RequireFields<QueryDefaultTemplateArgs, 'format' | 'locale'>>;
  templateVariables?: Resolver<Array<ResolversTypes['TemplateVariable']>, ParentType, ContextType>;
  previewTemplate?: Resolver<ResolversTypes['PreviewTemplatePayload'], ParentType, ContextType, RequireFields<QueryPreviewTemplateArgs, 'input'>>;
  tenantSettings?: Resolver<ResolversTypes['TenantSettings'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createRule?: Resolver<ResolversTypes['RulePayload'], ParentType, ContextType, RequireFields<MutationCreateRuleArgs, 'input'>>;
  updateRule?: Resolver<ResolversTypes['RulePayload'], ParentType, ContextType, RequireFields<MutationUpdateRuleArgs, 'input'>>;
  setRuleEnabled?: Resolver<ResolversTypes['RulePayload'], ParentType, ContextType, RequireFields<MutationSetRuleEnabledArgs, 'input'>>;
  deleteRule?: Resolver<ResolversTypes['DeleteRulePayload'], ParentType, ContextType, RequireFields<MutationDeleteRuleArgs, 'input'>>;
  followTicket?: Resolver<ResolversTypes['WatchPayload'], ParentType, ContextType, RequireFields<MutationFollowTicketArgs, 'input'>>;
  unfollowTicket?: Resolver<ResolversTypes['WatchPayload'], ParentType, ContextType, RequireFields<MutationUnfollowTicketArgs, 'input'>>;
  followProject?: Resolver<ResolversTypes['WatchPayload'], ParentType, ContextType, RequireFields<MutationFollowProjectArgs, 'input'>>;
  unfollowProject?: Resolver<ResolversTypes['WatchPayload'], ParentType, ContextType, RequireFields<MutationUnfollowProjectArgs, 'input'>>;
  clearWatch?: Resolver<ResolversTypes['WatchPayload'], ParentType, ContextType, RequireFields<MutationClearWatchArgs, 'input'>>;
  createTemplate?: Resolver<ResolversTypes['TemplatePayload'], ParentType, ContextType, RequireFields<MutationCreateTemplateArgs, 'input'>>;
  updateTemplate?: Resolver<ResolversTypes['TemplatePayload'], ParentType, ContextType, RequireFields<MutationUpdateTemplateArgs, 'input'>>;
  deleteTemplate?: Resolver<ResolversTypes['DeleteTemplatePayload'], ParentType, ContextType, RequireFields<MutationDeleteTemplateArgs, 'input'>>;
  updateTenantSettings?: Resolver<ResolversTypes['TenantSettingsPayload'], ParentType, ContextType, RequireFields<MutationUpdateTenantSettingsArgs, 'input'>>;
};

export type RuleResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Rule'] = ResolversParentTypes['Rule'], FederationReferenceType extends FederationReferenceTypes['Rule'] = FederationReferenceTypes['Rule']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Rule']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  projectIds?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  customEventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  statuses?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['RecipientRole']>, ParentType, ContextType>;
  userIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  channelIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  serviceIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  services?: Resolver<Array<ResolversTypes['NotificationService']>, ParentType, ContextType>;
  template?: Resolver<Maybe<ResolversTypes['Template']>, ParentType, ContextType>;
  templateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  mentionAll?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  excludeActor?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type NotificationServiceResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['NotificationService'] = ResolversParentTypes['NotificationService']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  watches?: Resolver<Array<ResolversTypes['Watch']>, ParentType, ContextType>;
};

export type TicketResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Ticket'] = ResolversParentTypes['Ticket'], FederationReferenceType extends FederationReferenceTypes['Ticket'] = FederationReferenceTypes['Ticket']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Ticket']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  followers?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  watches?: Resolver<Array<ResolversTypes['Watch']>, ParentType, ContextType>;
};

export type ProjectResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rules?: Resolver<ResolversTypes['RuleConnection'], ParentType, ContextType, RequireFields<ProjectRulesArgs, 'first'>>;
  followers?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
};

export type WatchResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Watch'] = ResolversParentTypes['Watch']> = {
  user?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['WatchTarget'], ParentType, ContextType>;
  targetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  following?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TemplateResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Template'] = ResolversParentTypes['Template'], FederationReferenceType extends FederationReferenceTypes['Template'] = FederationReferenceTypes['Template']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Template']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventType?: Resolver<Maybe<ResolversTypes['EventType']>, ParentType, ContextType>;
  customEventType?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  format?: Resolver<ResolversTypes['TemplateFormat'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type TemplateVariableResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TemplateVariable'] = ResolversParentTypes['TemplateVariable']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TemplatePreviewResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TemplatePreview'] = ResolversParentTypes['TemplatePreview']> = {
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['TemplateFormat'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PreviewTemplatePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['PreviewTemplatePayload'] = ResolversParentTypes['PreviewTemplatePayload']> = {
  preview?: Resolver<Maybe<ResolversTypes['TemplatePreview']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type TenantSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TenantSettings'] = ResolversParentTypes['TenantSettings']> = {
  ticketUrlPrefix?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  defaultLocale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  defaultTimeZone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outboundAllow?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type TenantSettingsPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TenantSettingsPayload'] = ResolversParentTypes['TenantSettingsPayload']> = {
  settings?: Resolver<Maybe<ResolversTypes['TenantSettings']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type RulePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['RulePayload'] = ResolversParentTypes['RulePayload']> = {
  rule?: Resolver<Maybe<ResolversTypes['Rule']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type DeleteRulePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeleteRulePayload'] = ResolversParentTypes['DeleteRulePayload']> = {
  deletedRuleId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type RuleConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['RuleConnection'] = ResolversParentTypes['RuleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RuleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type RuleEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['RuleEdge'] = ResolversParentTypes['RuleEdge']> = {
  node?: Resolver<ResolversTypes['Rule'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WatchPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['WatchPayload'] = ResolversParentTypes['WatchPayload']> = {
  watch?: Resolver<Maybe<ResolversTypes['Watch']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type TemplatePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TemplatePayload'] = ResolversParentTypes['TemplatePayload']> = {
  template?: Resolver<Maybe<ResolversTypes['Template']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type DeleteTemplatePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeleteTemplatePayload'] = ResolversParentTypes['DeleteTemplatePayload']> = {
  deletedTemplateId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type TemplateConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TemplateConnection'] = ResolversParentTypes['TemplateConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TemplateEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type TemplateEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TemplateEdge'] = ResolversParentTypes['TemplateEdge']> = {
  node?: Resolver<ResolversTypes['Template'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type InputErrorResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['InputError'] = ResolversParentTypes['InputError']> = {
  field?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Federation__ScopeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__Scope'], any> {
  name: 'federation__Scope';
}

export interface Federation__PolicyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__Policy'], any> {
  name: 'federation__Policy';
}

export interface _AnyScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['_Any'], any> {
  name: '_Any';
}

export type Resolvers<ContextType = unknown> = {
  DateTime?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Rule?: RuleResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  NotificationService?: NotificationServiceResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  Ticket?: TicketResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  Watch?: WatchResolvers<ContextType>;
  Template?: TemplateResolvers<ContextType>;
  TemplateVariable?: TemplateVariableResolvers<ContextType>;
  TemplatePreview?: TemplatePreviewResolvers<ContextType>;
  PreviewTemplatePayload?: PreviewTemplatePayloadResolvers<ContextType>;
  TenantSettings?: TenantSettingsResolvers<ContextType>;
  TenantSettingsPayload?: TenantSettingsPayloadResolvers<ContextType>;
  RulePayload?: RulePayloadResolvers<ContextType>;
  DeleteRulePayload?: DeleteRulePayloadResolvers<ContextType>;
  RuleConnection?: RuleConnectionResolvers<ContextType>;
  RuleEdge?: RuleEdgeResolvers<ContextType>;
  WatchPayload?: WatchPayloadResolvers<ContextType>;
  TemplatePayload?: TemplatePayloadResolvers<ContextType>;
  DeleteTemplatePayload?: DeleteTemplatePayloadResolvers<ContextType>;
  TemplateConnection?: TemplateConnectionResolvers<ContextType>;
  TemplateEdge?: TemplateEdgeResolvers<ContextType>;
  InputError?: InputErrorResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  link__Import?: GraphQLScalarType;
  federation__FieldSet?: GraphQLScalarType;
  federation__Scope?: GraphQLScalarType;
  federation__Policy?: GraphQLScalarType;
  _Any?: GraphQLScalarType;
};

export type DirectiveResolvers<ContextType = unknown> = {
  link?: LinkDirectiveResolver<any, any, ContextType>;
  federation__requires?: Federation__RequiresDirectiveResolver<any, any, ContextType>;
  federation__provides?: Federation__ProvidesDirectiveResolver<any, any, ContextType>;
  federation__external?: Federation__ExternalDirectiveResolver<any, any, ContextType>;
  federation__extends?: Federation__ExtendsDirectiveResolver<any, any, ContextType>;
  federation__inaccessible?: Federation__InaccessibleDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  federation__override?: Federation__OverrideDirectiveResolver<any, any, ContextType>;
  federation__tag?: Federation__TagDirectiveResolver<any, any, ContextType>;
  federation__composeDirective?: Federation__ComposeDirectiveDirectiveResolver<any, any, ContextType>;
  federation__interfaceObject?: Federation__InterfaceObjectDirectiveResolver<any, any, ContextType>;
  federation__authenticated?: Federation__AuthenticatedDirectiveResolver<any, any, ContextType>;
  federation__requiresScopes?: Federation__RequiresScopesDirectiveResolver<any, any, ContextType>;
  federation__policy?: Federation__PolicyDirectiveResolver<any, any, ContextType>;
};
