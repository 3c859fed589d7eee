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
};


export type QueryRuleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRulesArgs = {
  projectId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Creates a rule. A tenant admin can create any rule; a project owner one that lists only projects they
   * own (a rule for every project needs a tenant admin).
   */
  createRule: RulePayload;
  /** Turns a rule on or off (tenant admins, and owners of every project of the rule). */
  setRuleEnabled: RulePayload;
  /** Deletes a rule (tenant admins, and owners of every project of the rule). */
  deleteRule: DeleteRulePayload;
};


export type MutationCreateRuleArgs = {
  input: CreateRuleInput;
};


export type MutationSetRuleEnabledArgs = {
  input: SetRuleEnabledInput;
};


export type MutationDeleteRuleArgs = {
  input: DeleteRuleInput;
};

/** Ticket events a rule can match. */
export type EventType =
  | 'TICKET_CREATED'
  | 'COMMENT_ADDED'
  | 'ASSIGNEES_CHANGED'
  | 'STATUS_CHANGED'
  | 'WORKFLOW_STEP_CHANGED';

/** People on the ticket a rule notifies. */
export type RecipientRole =
  | 'CREATOR'
  | 'ASSIGNEES'
  | 'WATCHERS'
  /** Assignees of the ticket's current workflow step. */
  | 'STEP_ASSIGNEES';

/** Who hears about which events of which projects, and on which channels. */
export type Rule = {
  __typename?: 'Rule';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** null: every project of the tenant. */
  projectIds: Maybe<Array<Scalars['ID']['output']>>;
  eventTypes: Array<EventType>;
  /** Custom change types producers emit (alarms, pipelines), e.g. pipeline.failed. */
  customEventTypes: Array<Scalars['String']['output']>;
  roles: Array<RecipientRole>;
  /** People notified whatever their role on the ticket. */
  userIds: Array<Scalars['ID']['output']>;
  users: Array<User>;
  channelIds: Array<Scalars['ID']['output']>;
  channels: Array<Channel>;
  /** Whether the person who caused an event is left out of its notifications. */
  excludeActor: Scalars['Boolean']['output'];
  enabled: Scalars['Boolean']['output'];
  /** ISO 8601. */
  createdAt: Scalars['String']['output'];
  /** ISO 8601. */
  updatedAt: Scalars['String']['output'];
};

export type Channel = {
  __typename?: 'Channel';
  id: Scalars['ID']['output'];
};

export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type CreateRuleInput = {
  name: Scalars['String']['input'];
  /** Leave null for every project of the tenant. */
  projectIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  eventTypes?: InputMaybe<Array<EventType>>;
  /** Custom change types: 1-100 letters, digits, _ . - */
  customEventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  roles?: InputMaybe<Array<RecipientRole>>;
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** At least one channel. */
  channelIds: Array<Scalars['ID']['input']>;
  excludeActor?: InputMaybe<Scalars['Boolean']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
};

export type SetRuleEnabledInput = {
  id: Scalars['ID']['input'];
  enabled: Scalars['Boolean']['input'];
};

export type DeleteRuleInput = {
  id: Scalars['ID']['input'];
};

export type RulePayload = {
  __typename?: 'RulePayload';
  rule: Maybe<Rule>;
  errors: Array<InputError>;
};

export type DeleteRulePayload = {
  __typename?: 'DeleteRulePayload';
  deletedRuleId: Maybe<Scalars['ID']['output']>;
  errors: Array<InputError>;
};

export type RuleConnection = {
  __typename?: 'RuleConnection';
  edges: Array<RuleEdge>;
  pageInfo: PageInfo;
};

export type RuleEdge = {
  __typename?: 'RuleEdge';
  node: Rule;
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
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Rule:
    ( { __typename: 'Rule' }
    & GraphQLRecursivePick<FederationTypes['Rule'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  EventType: EventType;
  RecipientRole: RecipientRole;
  Rule: ResolverTypeWrapper<Rule>;
  Channel: ResolverTypeWrapper<Channel>;
  User: ResolverTypeWrapper<User>;
  CreateRuleInput: CreateRuleInput;
  SetRuleEnabledInput: SetRuleEnabledInput;
  DeleteRuleInput: DeleteRuleInput;
  RulePayload: ResolverTypeWrapper<RulePayload>;
  DeleteRulePayload: ResolverTypeWrapper<DeleteRulePayload>;
  RuleConnection: ResolverTypeWrapper<RuleConnection>;
  RuleEdge: ResolverTypeWrapper<RuleEdge>;
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
  Query: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Mutation: Record<PropertyKey, never>;
  Rule: Rule | FederationReferenceTypes['Rule'];
  Channel: Channel;
  User: User;
  CreateRuleInput: CreateRuleInput;
  SetRuleEnabledInput: SetRuleEnabledInput;
  DeleteRuleInput: DeleteRuleInput;
  RulePayload: RulePayload;
  DeleteRulePayload: DeleteRulePayload;
  RuleConnection: RuleConnection;
  RuleEdge: RuleEdge;
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

export type QueryResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  rule?: Resolver<Maybe<ResolversTypes['Rule']>, ParentType, ContextType, RequireFields<QueryRuleArgs, 'id'>>;
  rules?: Resolver<ResolversTypes['RuleConnection'], ParentType, ContextType, RequireFields<QueryRulesArgs, 'first'>>;
};

export type MutationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  createRule?: Resolver<ResolversTypes['RulePayload'], ParentType, ContextType, RequireFields<MutationCreateRuleArgs, 'input'>>;
  setRuleEnabled?: Resolver<ResolversTypes['RulePayload'], ParentType, ContextType, RequireFields<MutationSetRuleEnabledArgs, 'input'>>;
  deleteRule?: Resolver<ResolversTypes['DeleteRulePayload'], ParentType, ContextType, RequireFields<MutationDeleteRuleArgs, 'input'>>;
};

export type RuleResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Rule'] = ResolversParentTypes['Rule'], FederationReferenceType extends FederationReferenceTypes['Rule'] = FederationReferenceTypes['Rule']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Rule']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  projectIds?: Resolver<Maybe<Array<ResolversTypes['ID']>>, ParentType, ContextType>;
  eventTypes?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  customEventTypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['RecipientRole']>, ParentType, ContextType>;
  userIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  users?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  channelIds?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  excludeActor?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
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
  Query?: QueryResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Rule?: RuleResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  RulePayload?: RulePayloadResolvers<ContextType>;
  DeleteRulePayload?: DeleteRulePayloadResolvers<ContextType>;
  RuleConnection?: RuleConnectionResolvers<ContextType>;
  RuleEdge?: RuleEdgeResolvers<ContextType>;
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
