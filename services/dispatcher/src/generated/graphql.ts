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
  /** Any JSON value: an entity's snapshot in the audit log. */
  JSON: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  federation__FieldSet: { input: unknown; output: unknown; }
  federation__Scope: { input: unknown; output: unknown; }
  federation__Policy: { input: unknown; output: unknown; }
  _Any: { input: unknown; output: unknown; }
};

/** What the dispatcher answers about deliveries. */
export type Query = {
  __typename?: 'Query';
  /** Who would be notified of this event, through which channel, and why each other person would not. Nothing is sent. Tenant admins, and owners of the event's project. */
  explainEvent: EventExplanation;
  /** One delivery of the caller's tenant; null when there is none, or the caller may not see it (tenant admins see every delivery, project owners those of their projects, anyone those addressed to them). */
  delivery: Maybe<Delivery>;
  /** What was sent about a ticket, newest first. Tenant admins see every delivery, project owners those of their projects, anyone else those addressed to them. */
  ticketDeliveries: DeliveryConnection;
  /** What was sent to a person, newest first. Anyone may read their own; tenant admins anyone's; project owners anyone's in their projects. */
  userDeliveries: DeliveryConnection;
  /** What was sent through a channel, newest first. Tenant admins see every delivery, project owners those of their projects, anyone else those addressed to them. */
  channelDeliveries: DeliveryConnection;
  /** The dead-letter queue: deliveries that are DEAD (retry budget spent) or FAILED (a permanent error), most recently failed first, with why (lastCode, lastReason, attemptHistory). Visible as for ticketDeliveries. */
  deadLetters: DeliveryConnection;
  /** The audit log of the caller's tenant: every configuration change (channels, connections, rules, templates, watches, people, platform ids, mutes, replays), newest first, with who made it and the entity before and after (secrets only as "set"/"not set"). Tenant admins only. */
  auditLog: AuditEntryConnection;
};


/** What the dispatcher answers about deliveries. */
export type QueryExplainEventArgs = {
  event: SampleEventInput;
};


/** What the dispatcher answers about deliveries. */
export type QueryDeliveryArgs = {
  id: Scalars['ID']['input'];
};


/** What the dispatcher answers about deliveries. */
export type QueryTicketDeliveriesArgs = {
  ticketId: Scalars['ID']['input'];
  statuses?: InputMaybe<Array<DeliveryStatus>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/** What the dispatcher answers about deliveries. */
export type QueryUserDeliveriesArgs = {
  userId?: InputMaybe<Scalars['ID']['input']>;
  statuses?: InputMaybe<Array<DeliveryStatus>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/** What the dispatcher answers about deliveries. */
export type QueryChannelDeliveriesArgs = {
  channelId: Scalars['ID']['input'];
  statuses?: InputMaybe<Array<DeliveryStatus>>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/** What the dispatcher answers about deliveries. */
export type QueryDeadLettersArgs = {
  filter?: InputMaybe<DeadLetterFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/** What the dispatcher answers about deliveries. */
export type QueryAuditLogArgs = {
  filter?: InputMaybe<AuditLogFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** Replaying dead letters: handing them back to their senders with a fresh retry budget. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Sends one DEAD or FAILED delivery again, with a fresh retry budget (tenant admins, and owners of its project). An unknown id, a delivery in another status or one without a stored job is an InputError naming `deliveryId`. */
  replayDeadLetter: ReplayDeadLetterPayload;
  /** Sends the dead letters matching a filter again, each with a fresh retry budget, at most 10000 per call (tenant admins; project owners replay only their projects' dead letters). When more match, the oldest 10000 are replayed and `moreMatch` says to call again. */
  replayDeadLetters: ReplayDeadLettersPayload;
};


/** Replaying dead letters: handing them back to their senders with a fresh retry budget. */
export type MutationReplayDeadLetterArgs = {
  input: ReplayDeadLetterInput;
};


/** Replaying dead letters: handing them back to their senders with a fresh retry budget. */
export type MutationReplayDeadLettersArgs = {
  input: ReplayDeadLettersInput;
};

/** One message to one target (a group, an endpoint, or one person) about one event through one channel: a row of the delivery ledger. */
export type Delivery = {
  __typename?: 'Delivery';
  /** The delivery's id, derived from the event, channel and target. */
  id: Scalars['ID']['output'];
  /** The producer's event id. */
  eventId: Scalars['ID']['output'];
  /** The event type as rules see it, e.g. commentAdded or custom:pipeline.failed. */
  eventType: Scalars['String']['output'];
  /** The producer's ticket id. */
  ticketId: Scalars['ID']['output'];
  /** The project the ticket belongs to. */
  projectId: Scalars['ID']['output'];
  /** The channel it went through. */
  channel: Channel;
  /** What it went to: group (a group robot or endpoint) or user:<user id> (one person). */
  target: Scalars['String']['output'];
  /** The people it is for (mentioned in a group message; the one person otherwise). */
  recipients: Array<User>;
  /** Where the delivery is. */
  status: DeliveryStatus;
  /** Attempts made so far, over the delivery's whole life (replays included). */
  attempts: Scalars['Int']['output'];
  /** The platform's (or Tidings') code of the last failed attempt, e.g. 310000 or identity-not-found; null once delivered. */
  lastCode: Maybe<Scalars['String']['output']>;
  /** The last failed attempt's reason in words; null once delivered. */
  lastReason: Maybe<Scalars['String']['output']>;
  /** The platform's id of the message, when delivered and the platform gives one. */
  providerMessageId: Maybe<Scalars['String']['output']>;
  /** RETRYING or QUEUED: when it is due to be tried next. */
  nextAttemptAt: Maybe<Scalars['DateTime']['output']>;
  /** When it was first tried. */
  createdAt: Scalars['DateTime']['output'];
  /** When its status last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** When it was delivered. */
  deliveredAt: Maybe<Scalars['DateTime']['output']>;
  /** Whether replayDeadLetter can send it again: DEAD or FAILED, with its job kept. */
  replayable: Scalars['Boolean']['output'];
  /** Every attempt, first to last. */
  attemptHistory: Array<DeliveryAttempt>;
};

/** Where a delivery is. */
export type DeliveryStatus =
  /** Waiting behind a rate limit or an open circuit, to go out with others in one digest message. */
  | 'QUEUED'
  /** Part of a digest message being sent now. */
  | 'DIGESTING'
  /** Being sent now (or the sender stopped mid-send; it is sent again). */
  | 'SENDING'
  /** A retryable failure: tried again at nextAttemptAt. */
  | 'RETRYING'
  /** The platform accepted it. */
  | 'DELIVERED'
  /** A permanent failure (a wrong secret, a person not on the platform): not tried again unless replayed. */
  | 'FAILED'
  /** Every attempt of its retry budget failed: not tried again unless replayed. */
  | 'DEAD';

/** One attempt to send a delivery. */
export type DeliveryAttempt = {
  __typename?: 'DeliveryAttempt';
  /** 1 for the first attempt; numbering goes on across replays. */
  number: Scalars['Int']['output'];
  /** What the platform's answer meant. */
  outcome: AttemptOutcome;
  /** The platform's (or Tidings') code; null when delivered. */
  code: Maybe<Scalars['String']['output']>;
  /** The failure in words; null when delivered. */
  reason: Maybe<Scalars['String']['output']>;
  /** The HTTP status the platform answered with, when there was one. */
  httpStatus: Maybe<Scalars['Int']['output']>;
  /** How long the attempt took. */
  durationMs: Scalars['Int']['output'];
  /** When it started. */
  startedAt: Scalars['DateTime']['output'];
};

/** What an attempt's answer meant. */
export type AttemptOutcome =
  /** The platform accepted the message. */
  | 'DELIVERED'
  /** A retryable failure (rate limit, timeout, server error). */
  | 'RETRY'
  /** The credentials' token was refused: fetched again and retried. */
  | 'REAUTHENTICATE'
  /** A permanent failure: trying again would not help. */
  | 'PERMANENT';

/** Which dead letters (DEAD or FAILED deliveries); every field narrows, null fields do not. */
export type DeadLetterFilter = {
  /** Only those through this channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
  /** Only those about this ticket. */
  ticketId?: InputMaybe<Scalars['ID']['input']>;
  /** Only those of this project. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** Only those whose last code is this, e.g. 310000 or identity-not-found. */
  code?: InputMaybe<Scalars['String']['input']>;
  /** Only those that failed at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only those that failed before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** A page of deliveries. */
export type DeliveryConnection = {
  __typename?: 'DeliveryConnection';
  /** The deliveries of this page. */
  edges: Array<DeliveryEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** One delivery in a page. */
export type DeliveryEdge = {
  __typename?: 'DeliveryEdge';
  /** The delivery. */
  node: Delivery;
  /** Pass as `after` to continue after this delivery. */
  cursor: Scalars['String']['output'];
};

/** What replayDeadLetter needs. */
export type ReplayDeadLetterInput = {
  /** The DEAD or FAILED delivery to send again. */
  deliveryId: Scalars['ID']['input'];
};

/** The result of replayDeadLetter. */
export type ReplayDeadLetterPayload = {
  __typename?: 'ReplayDeadLetterPayload';
  /** The delivery, now RETRYING; null when there are errors. */
  delivery: Maybe<Delivery>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** What replayDeadLetters needs. */
export type ReplayDeadLettersInput = {
  /** Which dead letters to replay; null: all the caller may replay. */
  filter?: InputMaybe<DeadLetterFilter>;
};

/** The result of replayDeadLetters. */
export type ReplayDeadLettersPayload = {
  __typename?: 'ReplayDeadLettersPayload';
  /** How many dead letters were handed back to their senders (now RETRYING). */
  replayed: Scalars['Int']['output'];
  /** More than 10000 matched: call again to replay the rest (those replayed no longer match). */
  moreMatch: Scalars['Boolean']['output'];
  /** Problems with the filter, dead letters that match but cannot be replayed (no stored job; each named), and a note when more matched than one call replays. */
  errors: Array<InputError>;
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

/** How the dispatcher would route one event: the same decision it takes when the event really arrives. */
export type EventExplanation = {
  __typename?: 'EventExplanation';
  /** The event type as rules see it, e.g. commentAdded or custom:pipeline.failed. */
  eventType: Scalars['String']['output'];
  /** Every rule of the tenant covering the event's project, matched or not. */
  rules: Array<RuleExplanation>;
  /** One entry per channel message that would go out (a group post, or one per person). */
  notifications: Array<ExplainedNotification>;
  /** People named by the ticket or a rule who would not be told through some channel, and why. */
  skippedPeople: Array<SkippedPerson>;
  /** Channels of matching rules that would send nothing, and why. */
  skippedChannels: Array<SkippedChannel>;
};

/** Whether one rule matches the event. */
export type RuleExplanation = {
  __typename?: 'RuleExplanation';
  /** The rule. */
  rule: Rule;
  /** Whether the rule matches the event. */
  matched: Scalars['Boolean']['output'];
  /** Why not, when not matched. */
  reason: Maybe<RuleMismatch>;
  /** The mismatch in words, e.g. which status the rule wants. */
  detail: Maybe<Scalars['String']['output']>;
};

/** Why a rule does not match an event. */
export type RuleMismatch =
  /** The rule is switched off. */
  | 'DISABLED'
  /** The rule is for other event types. */
  | 'EVENT_TYPE'
  /** The ticket's status after the change is not one the rule filters on. */
  | 'STATUS_FILTER'
  /** The ticket's current workflow step is not one the rule filters on. */
  | 'STEP_FILTER';

/** A message that would go out. */
export type ExplainedNotification = {
  __typename?: 'ExplainedNotification';
  /** The channel it goes through. */
  channel: Channel;
  /** GROUP: one post to a group or endpoint; PERSON: a message to one person. */
  audience: NotificationAudience;
  /** PERSON: who receives it. */
  user: Maybe<User>;
  /** PERSON: their id on the platform (DingTalk userid, Lark open_id, WeCom userid, email). */
  platformUserId: Maybe<Scalars['String']['output']>;
  /** GROUP: people @-mentioned by phone. */
  mentioned: Array<User>;
  /** GROUP: whether @all is added. */
  mentionAll: Scalars['Boolean']['output'];
  /** The matching rules that send through this channel. */
  rules: Array<Rule>;
};

/** Whom a notification is addressed to. */
export type NotificationAudience =
  /** One post to a group or endpoint. */
  | 'GROUP'
  /** A message to one person. */
  | 'PERSON';

/** A person who would not be told, through one channel or at all. */
export type SkippedPerson = {
  __typename?: 'SkippedPerson';
  /** The person's id, also when Tidings has no profile for it. */
  userId: Scalars['ID']['output'];
  /** The person; null when the id names nobody in Tidings. */
  user: Maybe<User>;
  /** null when the person is skipped on every channel (e.g. the actor). */
  channel: Maybe<Channel>;
  /** Why they are not told. */
  reason: PersonSkipReason;
  /** For people, e.g. +84901234567 is not registered in DingTalk for this app; contact your project owner. */
  detail: Scalars['String']['output'];
};

/** Why a person is not told. */
export type PersonSkipReason =
  /** They caused the event, and the rule does not notify the actor. */
  | 'IS_ACTOR'
  /** They muted the event's project. */
  | 'MUTED_PROJECT'
  /** They muted this event type. */
  | 'MUTED_EVENT_TYPE'
  /** They muted this channel. */
  | 'MUTED_CHANNEL'
  /** They unfollowed the ticket or its project, so are not one of its watchers. */
  | 'UNFOLLOWED'
  /** Named, but not in Tidings: no profile. */
  | 'UNKNOWN_USER'
  /** The channel's platform does not know their phone or email. */
  | 'NOT_ON_PLATFORM'
  /** Their profile lacks the phone or email the channel needs (to reach them, or to @-mention them). */
  | 'NO_CONTACT_POINT'
  /** Looking them up on the platform failed (credentials, permissions, rate limit). */
  | 'PLATFORM_ERROR';

/** A channel of a matching rule that would send nothing. */
export type SkippedChannel = {
  __typename?: 'SkippedChannel';
  /** The channel id the rule names. */
  channelId: Scalars['ID']['output'];
  /** The channel; null when the id names no channel of the tenant. */
  channel: Maybe<Channel>;
  /** The matching rule naming the channel (directly or through a notification service). */
  rule: Rule;
  /** Why it sends nothing. */
  reason: ChannelSkipReason;
  /** The reason in words. */
  detail: Scalars['String']['output'];
};

/** Why a channel of a matching rule sends nothing. */
export type ChannelSkipReason =
  /** No channel of the tenant has this id. */
  | 'UNKNOWN_CHANNEL'
  /** The channel is configured but not enabled. */
  | 'CHANNEL_DISABLED'
  /** The tenant switched off this kind of channel. */
  | 'KIND_DISABLED'
  /** The channel is not connected to the event's project. */
  | 'PROJECT_NOT_CONNECTED'
  /** The channel comes from a notification service that is not enabled. */
  | 'SERVICE_DISABLED'
  /** A per-person channel with nobody left to message. */
  | 'NO_RECIPIENTS';

/** A notification rule (owned by the subscriptions subgraph). */
export type Rule = {
  __typename?: 'Rule';
  /** The rule's id. */
  id: Scalars['ID']['output'];
};

/** A channel (owned by the channels subgraph). */
export type Channel = {
  __typename?: 'Channel';
  /** The channel's id. */
  id: Scalars['ID']['output'];
};

/** A person (owned by the identity subgraph). */
export type User = {
  __typename?: 'User';
  /** The person's id. */
  id: Scalars['ID']['output'];
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

/** Which audit entries: every field set narrows. */
export type AuditLogFilter = {
  /** Only changes of this kind of entity, e.g. Channel, Rule, Template, User, ProjectChannel, Watch, Delivery. */
  entityType?: InputMaybe<Scalars['String']['input']>;
  /** Only changes of this entity (with entityType, or of any type with this id). */
  entityId?: InputMaybe<Scalars['ID']['input']>;
  /** Only changes made by this person. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only changes made at or after this instant. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only changes made before this instant. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** One configuration change of one entity. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The entry's id. */
  id: Scalars['ID']['output'];
  /** When the change was made. */
  at: Scalars['DateTime']['output'];
  /** Who made it: the signed-in person's id. */
  actorId: Scalars['ID']['output'];
  /** Who made it, as a person of the tenant (null when they have no profile). */
  actor: Maybe<User>;
  /** The roles the person had when they made it, e.g. tenant-admin. */
  actorRoles: Array<Scalars['String']['output']>;
  /** The mutation that made it, e.g. createWebhookChannel. */
  mutation: Scalars['String']['output'];
  /** The kind of entity changed, e.g. Channel. */
  entityType: Scalars['String']['output'];
  /** The entity's id (for links and watches, the ids it joins, separated by /). */
  entityId: Scalars['ID']['output'];
  /** The entity before the change; null when it was created. Secrets appear only as "set" or "not set". */
  before: Maybe<Scalars['JSON']['output']>;
  /** The entity after the change; null when it was deleted. Secrets appear only as "set" or "not set". */
  after: Maybe<Scalars['JSON']['output']>;
};

/** A page of audit entries. */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The entries of this page, newest first. */
  edges: Array<AuditEntryEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** One audit entry in a page. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** The entry. */
  node: AuditEntry;
  /** Where it is in the list, for `after`. */
  cursor: Scalars['String']['output'];
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
  Delivery: Delivery;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Delivery:
    ( { __typename: 'Delivery' }
    & GraphQLRecursivePick<FederationTypes['Delivery'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Delivery: ResolverTypeWrapper<Delivery>;
  DeliveryStatus: DeliveryStatus;
  DeliveryAttempt: ResolverTypeWrapper<DeliveryAttempt>;
  AttemptOutcome: AttemptOutcome;
  DeadLetterFilter: DeadLetterFilter;
  DeliveryConnection: ResolverTypeWrapper<DeliveryConnection>;
  DeliveryEdge: ResolverTypeWrapper<DeliveryEdge>;
  ReplayDeadLetterInput: ReplayDeadLetterInput;
  ReplayDeadLetterPayload: ResolverTypeWrapper<ReplayDeadLetterPayload>;
  ReplayDeadLettersInput: ReplayDeadLettersInput;
  ReplayDeadLettersPayload: ResolverTypeWrapper<ReplayDeadLettersPayload>;
  InputError: ResolverTypeWrapper<InputError>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  EventExplanation: ResolverTypeWrapper<EventExplanation>;
  RuleExplanation: ResolverTypeWrapper<RuleExplanation>;
  RuleMismatch: RuleMismatch;
  ExplainedNotification: ResolverTypeWrapper<ExplainedNotification>;
  NotificationAudience: NotificationAudience;
  SkippedPerson: ResolverTypeWrapper<SkippedPerson>;
  PersonSkipReason: PersonSkipReason;
  SkippedChannel: ResolverTypeWrapper<SkippedChannel>;
  ChannelSkipReason: ChannelSkipReason;
  Rule: ResolverTypeWrapper<Rule>;
  Channel: ResolverTypeWrapper<Channel>;
  User: ResolverTypeWrapper<User>;
  EventType: EventType;
  SampleEventInput: SampleEventInput;
  SampleTicketInput: SampleTicketInput;
  AttributeInput: AttributeInput;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  AuditLogFilter: AuditLogFilter;
  AuditEntry: ResolverTypeWrapper<AuditEntry>;
  AuditEntryConnection: ResolverTypeWrapper<AuditEntryConnection>;
  AuditEntryEdge: ResolverTypeWrapper<AuditEntryEdge>;
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
  Delivery: Delivery | FederationReferenceTypes['Delivery'];
  DeliveryAttempt: DeliveryAttempt;
  DeadLetterFilter: DeadLetterFilter;
  DeliveryConnection: DeliveryConnection;
  DeliveryEdge: DeliveryEdge;
  ReplayDeadLetterInput: ReplayDeadLetterInput;
  ReplayDeadLetterPayload: ReplayDeadLetterPayload;
  ReplayDeadLettersInput: ReplayDeadLettersInput;
  ReplayDeadLettersPayload: ReplayDeadLettersPayload;
  InputError: InputError;
  PageInfo: PageInfo;
  EventExplanation: EventExplanation;
  RuleExplanation: RuleExplanation;
  ExplainedNotification: ExplainedNotification;
  SkippedPerson: SkippedPerson;
  SkippedChannel: SkippedChannel;
  Rule: Rule;
  Channel: Channel;
  User: User;
  SampleEventInput: SampleEventInput;
  SampleTicketInput: SampleTicketInput;
  AttributeInput: AttributeInput;
  JSON: Scalars['JSON']['output'];
  AuditLogFilter: AuditLogFilter;
  AuditEntry: AuditEntry;
  AuditEntryConnection: AuditEntryConnection;
  AuditEntryEdge: AuditEntryEdge;
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
  explainEvent?: Resolver<ResolversTypes['EventExplanation'], ParentType, ContextType, RequireFields<QueryExplainEventArgs, 'event'>>;
  delivery?: Resolver<Maybe<ResolversTypes['Delivery']>, ParentType, ContextType, RequireFields<QueryDeliveryArgs, 'id'>>;
  ticketDeliveries?: Resolver<ResolversTypes['DeliveryConnection'], ParentType, ContextType, RequireFields<QueryTicketDeliveriesArgs, 'ticketId' | 'first'>>;
  userDeliveries?: Resolver<ResolversTypes['DeliveryConnection'], ParentType, ContextType, RequireFields<QueryUserDeliveriesArgs, 'first'>>;
  channelDeliveries?: Resolver<ResolversTypes['DeliveryConnection'], ParentType, ContextType, RequireFields<QueryChannelDeliveriesArgs, 'channelId' | 'first'>>;
  deadLetters?: Resolver<ResolversTypes['DeliveryConnection'], ParentType, ContextType, RequireFields<QueryDeadLettersArgs, 'first'>>;
  auditLog?: Resolver<ResolversTypes['AuditEntryConnection'], ParentType, ContextType, RequireFields<QueryAuditLogArgs, 'first'>>;
};

export type MutationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  replayDeadLetter?: Resolver<ResolversTypes['ReplayDeadLetterPayload'], ParentType, ContextType, RequireFields<MutationReplayDeadLetterArgs, 'input'>>;
  replayDeadLetters?: Resolver<ResolversTypes['ReplayDeadLettersPayload'], ParentType, ContextType, RequireFields<MutationReplayDeadLettersArgs, 'input'>>;
};

export type DeliveryResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Delivery'] = ResolversParentTypes['Delivery'], FederationReferenceType extends FederationReferenceTypes['Delivery'] = FederationReferenceTypes['Delivery']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Delivery']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  ticketId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  projectId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recipients?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DeliveryStatus'], ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  providerMessageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  replayable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  attemptHistory?: Resolver<Array<ResolversTypes['DeliveryAttempt']>, ParentType, ContextType>;
};

export type DeliveryAttemptResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeliveryAttempt'] = ResolversParentTypes['DeliveryAttempt']> = {
  number?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['AttemptOutcome'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  httpStatus?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  durationMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DeliveryConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeliveryConnection'] = ResolversParentTypes['DeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type DeliveryEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeliveryEdge'] = ResolversParentTypes['DeliveryEdge']> = {
  node?: Resolver<ResolversTypes['Delivery'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReplayDeadLetterPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ReplayDeadLetterPayload'] = ResolversParentTypes['ReplayDeadLetterPayload']> = {
  delivery?: Resolver<Maybe<ResolversTypes['Delivery']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ReplayDeadLettersPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ReplayDeadLettersPayload'] = ResolversParentTypes['ReplayDeadLettersPayload']> = {
  replayed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  moreMatch?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
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

export type EventExplanationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['EventExplanation'] = ResolversParentTypes['EventExplanation']> = {
  eventType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['RuleExplanation']>, ParentType, ContextType>;
  notifications?: Resolver<Array<ResolversTypes['ExplainedNotification']>, ParentType, ContextType>;
  skippedPeople?: Resolver<Array<ResolversTypes['SkippedPerson']>, ParentType, ContextType>;
  skippedChannels?: Resolver<Array<ResolversTypes['SkippedChannel']>, ParentType, ContextType>;
};

export type RuleExplanationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['RuleExplanation'] = ResolversParentTypes['RuleExplanation']> = {
  rule?: Resolver<ResolversTypes['Rule'], ParentType, ContextType>;
  matched?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['RuleMismatch']>, ParentType, ContextType>;
  detail?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ExplainedNotificationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ExplainedNotification'] = ResolversParentTypes['ExplainedNotification']> = {
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  audience?: Resolver<ResolversTypes['NotificationAudience'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  platformUserId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  mentioned?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  mentionAll?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['Rule']>, ParentType, ContextType>;
};

export type SkippedPersonResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['SkippedPerson'] = ResolversParentTypes['SkippedPerson']> = {
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['PersonSkipReason'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SkippedChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['SkippedChannel'] = ResolversParentTypes['SkippedChannel']> = {
  channelId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['Rule'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['ChannelSkipReason'], ParentType, ContextType>;
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RuleResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Rule'] = ResolversParentTypes['Rule']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type AuditEntryResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  actorId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  actor?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  actorRoles?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  mutation?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entityType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  entityId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
};

export type AuditEntryConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['AuditEntryConnection'] = ResolversParentTypes['AuditEntryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  Delivery?: DeliveryResolvers<ContextType>;
  DeliveryAttempt?: DeliveryAttemptResolvers<ContextType>;
  DeliveryConnection?: DeliveryConnectionResolvers<ContextType>;
  DeliveryEdge?: DeliveryEdgeResolvers<ContextType>;
  ReplayDeadLetterPayload?: ReplayDeadLetterPayloadResolvers<ContextType>;
  ReplayDeadLettersPayload?: ReplayDeadLettersPayloadResolvers<ContextType>;
  InputError?: InputErrorResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  EventExplanation?: EventExplanationResolvers<ContextType>;
  RuleExplanation?: RuleExplanationResolvers<ContextType>;
  ExplainedNotification?: ExplainedNotificationResolvers<ContextType>;
  SkippedPerson?: SkippedPersonResolvers<ContextType>;
  SkippedChannel?: SkippedChannelResolvers<ContextType>;
  Rule?: RuleResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryConnection?: AuditEntryConnectionResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
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
