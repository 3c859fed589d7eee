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

/** Reads of the people in the caller's tenant. */
export type Query = {
  __typename?: 'Query';
  /** The user with this id in the caller's tenant, or null. */
  user: Maybe<User>;
  /** The caller's own profile, or null until it is created. */
  me: Maybe<User>;
  /** The caller's tenant's users, ordered by id. */
  users: UserConnection;
};


/** Reads of the people in the caller's tenant. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** Reads of the people in the caller's tenant. */
export type QueryUsersArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to people, their platform ids and what they muted. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Creates a person. A tenant admin can create anyone; anyone can create their own profile (id = their
   * user id). Invalid fields come back in `errors`, naming the field (e.g. ["phone"]).
   */
  createUser: CreateUserPayload;
  /**
   * Changes a person's profile: a person can edit themselves, a tenant admin anyone. Fields left out are
   * unchanged; null removes email or phone, and returns locale and timeZone to the tenant's defaults.
   */
  updateUser: UpdateUserPayload;
  /**
   * Sets a person's id on a platform by hand; it wins over looking them up by phone or email. The person
   * themselves or a tenant admin.
   */
  setPlatformIdentity: SetPlatformIdentityPayload;
  /** Removes a hand-set or imported platform id, so the person is looked up again. The person themselves or a tenant admin. */
  clearPlatformIdentity: ClearPlatformIdentityPayload;
  /**
   * Imports platform ids from a platform's member export (e.g. DingTalk "Contacts → Member management"),
   * at most 5000 members per call. Each member is matched to a person by userId, else phone, else email;
   * rows that match nobody, match several people or are invalid come back in `errors` as
   * ["members", "<index>", "<field>"], and the other rows are imported anyway. Tenant admins only.
   */
  importPlatformIdentities: ImportPlatformIdentitiesPayload;
  /** Mutes one project, event type, custom event type or channel for a person: themselves, or anyone for a tenant admin. */
  muteNotifications: PreferencesPayload;
  /** Unmutes what muteNotifications muted; unmuting something not muted changes nothing. */
  unmuteNotifications: PreferencesPayload;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationUpdateUserArgs = {
  id: Scalars['ID']['input'];
  input: UpdateUserInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationSetPlatformIdentityArgs = {
  input: SetPlatformIdentityInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationClearPlatformIdentityArgs = {
  input: ClearPlatformIdentityInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationImportPlatformIdentitiesArgs = {
  input: ImportPlatformIdentitiesInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationMuteNotificationsArgs = {
  input: MuteInput;
};


/** Changes to people, their platform ids and what they muted. */
export type MutationUnmuteNotificationsArgs = {
  input: MuteInput;
};

/** A person who can be notified, known to producers by `id` (the producer's user id, unique per tenant). */
export type User = {
  __typename?: 'User';
  /** The producer's user id, unique in the tenant. */
  id: Scalars['ID']['output'];
  /** The person's display name. */
  name: Scalars['String']['output'];
  /** The person's email address. */
  email: Maybe<Scalars['String']['output']>;
  /** E.164, e.g. +8613800138000. On DingTalk and WeCom it must be the phone the person registered there. */
  phone: Maybe<Scalars['String']['output']>;
  /** BCP 47 language tag messages are rendered in, e.g. zh-CN; null: the tenant's default locale. */
  locale: Maybe<Scalars['String']['output']>;
  /** IANA time zone times in this person's messages are shown in, e.g. Asia/Ho_Chi_Minh; null: the tenant's default. */
  timeZone: Maybe<Scalars['String']['output']>;
  /** Whether and how Tidings reaches this person on each platform: ids set by hand or imported, and what the lookups through each per-person channel found. */
  identities: Array<PlatformIdentity>;
  /** What this person muted. */
  preferences: Preferences;
  /** When the person was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the person last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A platform Tidings finds people on one by one. */
export type IdentityPlatform =
  /** DingTalk, through an enterprise internal app. */
  | 'DINGTALK'
  /** Lark / Feishu, through an app. */
  | 'LARK'
  /** WeCom (WeChat Work), through a self-built app. */
  | 'WECOM';

/** Whether Tidings can reach a person on a platform. */
export type IdentityStatus =
  /** The person was found; messages reach them. */
  | 'LINKED'
  /** The platform does not know the person's phone or email. */
  | 'NOT_FOUND'
  /** The lookup failed on the platform's side (credentials, permissions, rate limit). */
  | 'PLATFORM_ERROR'
  /** The person has no phone or email to look up. */
  | 'NO_CONTACT_POINT'
  /** The phone or email changed since the last lookup; it is looked up again at the next notification. */
  | 'PENDING';

/** Where a platform id came from. */
export type IdentitySource =
  /** Looked up by phone or email through a per-person channel. */
  | 'LOOKUP'
  /** Set by hand. */
  | 'MANUAL'
  /** Imported from a platform's member export. */
  | 'IMPORT';

/** A person's id on one platform, or why there is none. */
export type PlatformIdentity = {
  __typename?: 'PlatformIdentity';
  /** The platform. */
  platform: IdentityPlatform;
  /** The per-person channel (app) the lookup went through; null for ids set by hand or imported. */
  channel: Maybe<Channel>;
  /** Whether Tidings can reach the person there. */
  status: IdentityStatus;
  /** Where the id came from. */
  source: IdentitySource;
  /** The person's id on the platform (DingTalk userid, Lark open_id, WeCom userid), when known. */
  platformUserId: Maybe<Scalars['String']['output']>;
  /** The phone or email that was looked up. */
  contact: Maybe<Scalars['String']['output']>;
  /** Why, when not LINKED — for people: e.g. +8613800000009 is not registered in DingTalk for this app; ask your project owner. */
  reason: Maybe<Scalars['String']['output']>;
  /** When the lookup ran, or the id was set or imported. */
  checkedAt: Maybe<Scalars['DateTime']['output']>;
};

/** What a person muted: notifications matching any of these are not sent to them. */
export type Preferences = {
  __typename?: 'Preferences';
  /** Projects whose notifications are muted. */
  mutedProjects: Array<Project>;
  /** Ticket event types that are muted. */
  mutedEventTypes: Array<EventType>;
  /** Custom change types (alarms, pipelines) that are muted, e.g. pipeline.failed. */
  mutedCustomEventTypes: Array<Scalars['String']['output']>;
  /** Channels the person gets nothing through. */
  mutedChannels: Array<Channel>;
  /** When the mutes last changed; null if never. */
  updatedAt: Maybe<Scalars['DateTime']['output']>;
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

/** A channel, owned by the channels subgraph. */
export type Channel = {
  __typename?: 'Channel';
  /** The channel's id. */
  id: Scalars['ID']['output'];
};

/** A project of the producer's; people mute its notifications. */
export type Project = {
  __typename?: 'Project';
  /** The producer's project id. */
  id: Scalars['ID']['output'];
};

/** A new person. */
export type CreateUserInput = {
  /** The producer's user id for this person. */
  id: Scalars['ID']['input'];
  /** The person's display name. */
  name: Scalars['String']['input'];
  /** The person's email address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** E.164 (+86 138 0013 8000), or a national number together with phoneRegion. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2 region (e.g. CN, US) of a national phone number. */
  phoneRegion?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47; default: the tenant's default locale (tenantSettings.defaultLocale). */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone (e.g. Asia/Ho_Chi_Minh); default: the tenant's (tenantSettings.defaultTimeZone). */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a person; fields left out are unchanged. */
export type UpdateUserInput = {
  /** The person's display name; cannot be removed. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The person's email address; null removes it. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** E.164, or a national number together with phoneRegion; null removes it. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** ISO 3166-1 alpha-2 region (e.g. CN, US) of a national phone number. */
  phoneRegion?: InputMaybe<Scalars['String']['input']>;
  /** BCP 47; null returns it to the tenant's default locale. */
  locale?: InputMaybe<Scalars['String']['input']>;
  /** IANA time zone (e.g. Asia/Ho_Chi_Minh); null returns it to the tenant's default. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
};

/** The result of createUser. */
export type CreateUserPayload = {
  __typename?: 'CreateUserPayload';
  /** The new person; null when there are errors. */
  user: Maybe<User>;
  /** What is wrong with the input, per field. */
  errors: Array<InputError>;
};

/** The result of updateUser. */
export type UpdateUserPayload = {
  __typename?: 'UpdateUserPayload';
  /** The changed person; null when there are errors. */
  user: Maybe<User>;
  /** What is wrong with the input, per field. */
  errors: Array<InputError>;
};

/** A person's id on a platform, set by hand. */
export type SetPlatformIdentityInput = {
  /** The person. */
  userId: Scalars['ID']['input'];
  /** The platform. */
  platform: IdentityPlatform;
  /** The person's id there: DingTalk userid, Lark open_id (for the tenant's Lark app), WeCom userid. */
  platformUserId: Scalars['String']['input'];
};

/** The result of setPlatformIdentity. */
export type SetPlatformIdentityPayload = {
  __typename?: 'SetPlatformIdentityPayload';
  /** The person, with their identities; null when there are errors. */
  user: Maybe<User>;
  /** What is wrong with the input, per field. */
  errors: Array<InputError>;
};

/** Which hand-set or imported platform id to remove. */
export type ClearPlatformIdentityInput = {
  /** The person. */
  userId: Scalars['ID']['input'];
  /** The platform. */
  platform: IdentityPlatform;
};

/** The result of clearPlatformIdentity. */
export type ClearPlatformIdentityPayload = {
  __typename?: 'ClearPlatformIdentityPayload';
  /** The person, with their identities; null when there are errors. */
  user: Maybe<User>;
  /** What is wrong with the input, per field. */
  errors: Array<InputError>;
};

/** A platform's member export to import. */
export type ImportPlatformIdentitiesInput = {
  /** The platform the ids are on. */
  platform: IdentityPlatform;
  /** The members, at most 5000. */
  members: Array<ImportedMemberInput>;
};

/** One member of a platform's export. */
export type ImportedMemberInput = {
  /** The member's id on the platform. */
  platformUserId: Scalars['String']['input'];
  /** The Tidings user id, when known; it decides the match. */
  userId?: InputMaybe<Scalars['ID']['input']>;
  /** The member's phone: E.164, or a national number of mainland China. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** The member's email. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** The member's name on the platform, for error messages. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** The result of importPlatformIdentities. */
export type ImportPlatformIdentitiesPayload = {
  __typename?: 'ImportPlatformIdentitiesPayload';
  /** How many members were matched and imported. */
  imported: Scalars['Int']['output'];
  /** The people whose ids were imported. */
  users: Array<User>;
  /** Rows that were not imported, as ["members", "<index>", "<field>"]. */
  errors: Array<InputError>;
};

/** What to mute or unmute: exactly one of projectId, eventType, customEventType and channelId. */
export type MuteInput = {
  /** Default: the caller. */
  userId?: InputMaybe<Scalars['ID']['input']>;
  /** A project. */
  projectId?: InputMaybe<Scalars['ID']['input']>;
  /** A ticket event type. */
  eventType?: InputMaybe<EventType>;
  /** A custom change type, e.g. pipeline.failed. */
  customEventType?: InputMaybe<Scalars['String']['input']>;
  /** A channel. */
  channelId?: InputMaybe<Scalars['ID']['input']>;
};

/** The result of muteNotifications and unmuteNotifications. */
export type PreferencesPayload = {
  __typename?: 'PreferencesPayload';
  /** The person's mutes after the change; null when there are errors. */
  preferences: Maybe<Preferences>;
  /** What is wrong with the input, per field. */
  errors: Array<InputError>;
};

/** A page of users. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users on this page. */
  edges: Array<UserEdge>;
  /** Where this page is in the list. */
  pageInfo: PageInfo;
};

/** A user and its cursor. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** The user. */
  node: User;
  /** Pass as `after` to continue after this user. */
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
  User: User;
  Project: Project;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<User>;
  IdentityPlatform: IdentityPlatform;
  IdentityStatus: IdentityStatus;
  IdentitySource: IdentitySource;
  PlatformIdentity: ResolverTypeWrapper<PlatformIdentity>;
  Preferences: ResolverTypeWrapper<Preferences>;
  EventType: EventType;
  Channel: ResolverTypeWrapper<Channel>;
  Project: ResolverTypeWrapper<Project>;
  CreateUserInput: CreateUserInput;
  UpdateUserInput: UpdateUserInput;
  CreateUserPayload: ResolverTypeWrapper<CreateUserPayload>;
  UpdateUserPayload: ResolverTypeWrapper<UpdateUserPayload>;
  SetPlatformIdentityInput: SetPlatformIdentityInput;
  SetPlatformIdentityPayload: ResolverTypeWrapper<SetPlatformIdentityPayload>;
  ClearPlatformIdentityInput: ClearPlatformIdentityInput;
  ClearPlatformIdentityPayload: ResolverTypeWrapper<ClearPlatformIdentityPayload>;
  ImportPlatformIdentitiesInput: ImportPlatformIdentitiesInput;
  ImportedMemberInput: ImportedMemberInput;
  ImportPlatformIdentitiesPayload: ResolverTypeWrapper<ImportPlatformIdentitiesPayload>;
  MuteInput: MuteInput;
  PreferencesPayload: ResolverTypeWrapper<PreferencesPayload>;
  UserConnection: ResolverTypeWrapper<UserConnection>;
  UserEdge: ResolverTypeWrapper<UserEdge>;
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
  User: User | FederationReferenceTypes['User'];
  PlatformIdentity: PlatformIdentity;
  Preferences: Preferences;
  Channel: Channel;
  Project: Project | FederationReferenceTypes['Project'];
  CreateUserInput: CreateUserInput;
  UpdateUserInput: UpdateUserInput;
  CreateUserPayload: CreateUserPayload;
  UpdateUserPayload: UpdateUserPayload;
  SetPlatformIdentityInput: SetPlatformIdentityInput;
  SetPlatformIdentityPayload: SetPlatformIdentityPayload;
  ClearPlatformIdentityInput: ClearPlatformIdentityInput;
  ClearPlatformIdentityPayload: ClearPlatformIdentityPayload;
  ImportPlatformIdentitiesInput: ImportPlatformIdentitiesInput;
  ImportedMemberInput: ImportedMemberInput;
  ImportPlatformIdentitiesPayload: ImportPlatformIdentitiesPayload;
  MuteInput: MuteInput;
  PreferencesPayload: PreferencesPayload;
  UserConnection: UserConnection;
  UserEdge: UserEdge;
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
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType, RequireFields<QueryUserArgs, 'id'>>;
  me?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  users?: Resolver<ResolversTypes['UserConnection'], ParentType, ContextType, RequireFields<QueryUsersArgs, 'first'>>;
};

export type MutationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createUser?: Resolver<ResolversTypes['CreateUserPayload'], ParentType, ContextType, RequireFields<MutationCreateUserArgs, 'input'>>;
  updateUser?: Resolver<ResolversTypes['UpdateUserPayload'], ParentType, ContextType, RequireFields<MutationUpdateUserArgs, 'id' | 'input'>>;
  setPlatformIdentity?: Resolver<ResolversTypes['SetPlatformIdentityPayload'], ParentType, ContextType, RequireFields<MutationSetPlatformIdentityArgs, 'input'>>;
  clearPlatformIdentity?: Resolver<ResolversTypes['ClearPlatformIdentityPayload'], ParentType, ContextType, RequireFields<MutationClearPlatformIdentityArgs, 'input'>>;
  importPlatformIdentities?: Resolver<ResolversTypes['ImportPlatformIdentitiesPayload'], ParentType, ContextType, RequireFields<MutationImportPlatformIdentitiesArgs, 'input'>>;
  muteNotifications?: Resolver<ResolversTypes['PreferencesPayload'], ParentType, ContextType, RequireFields<MutationMuteNotificationsArgs, 'input'>>;
  unmuteNotifications?: Resolver<ResolversTypes['PreferencesPayload'], ParentType, ContextType, RequireFields<MutationUnmuteNotificationsArgs, 'input'>>;
};

export type UserResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  email?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  locale?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  timeZone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  identities?: Resolver<Array<ResolversTypes['PlatformIdentity']>, ParentType, ContextType>;
  preferences?: Resolver<ResolversTypes['Preferences'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PlatformIdentityResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['PlatformIdentity'] = ResolversParentTypes['PlatformIdentity']> = {
  platform?: Resolver<ResolversTypes['IdentityPlatform'], ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['IdentityStatus'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['IdentitySource'], ParentType, ContextType>;
  platformUserId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  contact?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  checkedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type PreferencesResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Preferences'] = ResolversParentTypes['Preferences']> = {
  mutedProjects?: Resolver<Array<ResolversTypes['Project']>, ParentType, ContextType>;
  mutedEventTypes?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  mutedCustomEventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  mutedChannels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ProjectResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type CreateUserPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['CreateUserPayload'] = ResolversParentTypes['CreateUserPayload']> = {
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type UpdateUserPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['UpdateUserPayload'] = ResolversParentTypes['UpdateUserPayload']> = {
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type SetPlatformIdentityPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['SetPlatformIdentityPayload'] = ResolversParentTypes['SetPlatformIdentityPayload']> = {
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ClearPlatformIdentityPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ClearPlatformIdentityPayload'] = ResolversParentTypes['ClearPlatformIdentityPayload']> = {
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ImportPlatformIdentitiesPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ImportPlatformIdentitiesPayload'] = ResolversParentTypes['ImportPlatformIdentitiesPayload']> = {
  imported?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type PreferencesPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['PreferencesPayload'] = ResolversParentTypes['PreferencesPayload']> = {
  preferences?: Resolver<Maybe<ResolversTypes['Preferences']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type UserConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['UserConnection'] = ResolversParentTypes['UserConnection']> = {
  edges?: Resolver<Array<ResolversTypes['UserEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type UserEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['UserEdge'] = ResolversParentTypes['UserEdge']> = {
  node?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
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
  User?: UserResolvers<ContextType>;
  PlatformIdentity?: PlatformIdentityResolvers<ContextType>;
  Preferences?: PreferencesResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  CreateUserPayload?: CreateUserPayloadResolvers<ContextType>;
  UpdateUserPayload?: UpdateUserPayloadResolvers<ContextType>;
  SetPlatformIdentityPayload?: SetPlatformIdentityPayloadResolvers<ContextType>;
  ClearPlatformIdentityPayload?: ClearPlatformIdentityPayloadResolvers<ContextType>;
  ImportPlatformIdentitiesPayload?: ImportPlatformIdentitiesPayloadResolvers<ContextType>;
  PreferencesPayload?: PreferencesPayloadResolvers<ContextType>;
  UserConnection?: UserConnectionResolvers<ContextType>;
  UserEdge?: UserEdgeResolvers<ContextType>;
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
