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
  /** The channel with this id in the caller's tenant, or null. */
  channel: Maybe<Channel>;
  /** The caller's tenant's channels, ordered by id. */
  channels: ChannelConnection;
  /** Every channel kind with the fields of its settings, declared once per kind: what a frontend builds its forms from. */
  channelKinds: Array<ChannelKindInfo>;
};


export type QueryChannelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryChannelsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** A channel kind and its settings fields. */
export type ChannelKindInfo = {
  __typename?: 'ChannelKindInfo';
  kind: ChannelKind;
  /** A human-readable name, such as "DingTalk group robot". */
  label: Scalars['String']['output'];
  /** In the order they are validated and shown. */
  fields: Array<CredentialField>;
};

/**
 * One field of a channel kind's stored settings. Secret fields are write-only: they are stored encrypted and
 * the API shows only whether they are set (`<key>Set`) or a masked URL.
 */
export type CredentialField = {
  __typename?: 'CredentialField';
  /** The field's key in the stored settings (for a secret, the API shows `<key>Set`). */
  key: Scalars['String']['output'];
  /** The create…Channel input field that carries it (a webhook URL carries some credentials). */
  input: Scalars['String']['output'];
  label: Scalars['String']['output'];
  /** Whether the input must carry a value. */
  required: Scalars['Boolean']['output'];
  /** Whether it is a credential: stored encrypted, never returned. */
  secret: Scalars['Boolean']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Sends a test message through the channel now and answers with what the platform said (tenant admins
   * only): the seeds' "Test" button. A target the channel cannot reach is an InputError naming `target`.
   */
  testChannel: TestChannelPayload;
  /**
   * Adds a DingTalk custom group robot (tenant admins only). Its access token and signing secret are
   * stored encrypted and are never returned: the channel shows a masked URL and whether a secret is set.
   */
  createDingTalkRobotChannel: CreateChannelPayload;
  /** Adds a DingTalk enterprise internal app (tenant admins only). Its client secret is stored encrypted and never returned. */
  createDingTalkAppChannel: CreateChannelPayload;
  /**
   * Adds a Lark/Feishu custom group bot (tenant admins only). The hook id in its webhook URL and its signing
   * secret are stored encrypted and never returned: the channel shows a masked URL and whether a secret is set.
   */
  createLarkBotChannel: CreateChannelPayload;
  /** Adds a Lark/Feishu app (tenant admins only). Its app secret is stored encrypted and never returned. */
  createLarkAppChannel: CreateChannelPayload;
  /** Adds a WeCom self-built app (tenant admins only). Its secret is stored encrypted and never returned. */
  createWeComAppChannel: CreateChannelPayload;
  /**
   * Adds a WeCom group robot (tenant admins only). The key in its webhook URL is stored encrypted and never
   * returned: the channel shows a masked URL.
   */
  createWeComRobotChannel: CreateChannelPayload;
  /** Adds an SMTP mailbox (tenant admins only). Its password is stored encrypted and never returned. */
  createSmtpChannel: CreateChannelPayload;
  /**
   * Adds a webhook to the tenant's own endpoint (tenant admins only). Its signing secret and bearer token are
   * stored encrypted and never returned.
   */
  createWebhookChannel: CreateChannelPayload;
  /** Lets a project's events reach a channel (tenant admins and the project's owners). Idempotent. */
  connectProjectToChannel: ProjectChannelPayload;
  /** Stops a project's events reaching a channel (tenant admins and the project's owners). Idempotent. */
  disconnectProjectFromChannel: ProjectChannelPayload;
};


export type MutationTestChannelArgs = {
  input: TestChannelInput;
};


export type MutationCreateDingTalkRobotChannelArgs = {
  input: CreateDingTalkRobotChannelInput;
};


export type MutationCreateDingTalkAppChannelArgs = {
  input: CreateDingTalkAppChannelInput;
};


export type MutationCreateLarkBotChannelArgs = {
  input: CreateLarkBotChannelInput;
};


export type MutationCreateLarkAppChannelArgs = {
  input: CreateLarkAppChannelInput;
};


export type MutationCreateWeComAppChannelArgs = {
  input: CreateWeComAppChannelInput;
};


export type MutationCreateWeComRobotChannelArgs = {
  input: CreateWeComRobotChannelInput;
};


export type MutationCreateSmtpChannelArgs = {
  input: CreateSmtpChannelInput;
};


export type MutationCreateWebhookChannelArgs = {
  input: CreateWebhookChannelInput;
};


export type MutationConnectProjectToChannelArgs = {
  input: ProjectChannelInput;
};


export type MutationDisconnectProjectFromChannelArgs = {
  input: ProjectChannelInput;
};

export type ChannelKind =
  /** A DingTalk custom group robot (webhook with optional signing). */
  | 'DINGTALK_ROBOT'
  /** A DingTalk enterprise internal app: work notifications or one-to-one robot messages to each person. */
  | 'DINGTALK_APP'
  /** A Lark/Feishu custom group bot (webhook with optional signing). */
  | 'LARK_BOT'
  /** A Lark/Feishu app sending to each person. */
  | 'LARK_APP'
  /** A WeCom self-built app sending to each member. */
  | 'WECOM_APP'
  /** A WeCom group robot (webhook). */
  | 'WECOM_ROBOT'
  /** An SMTP mailbox. */
  | 'SMTP'
  /** A signed JSON POST to the tenant's own endpoint. */
  | 'WEBHOOK';

/** How a DingTalk app delivers. */
export type DingTalkAppMode =
  /** Work notifications (工作通知) from the app's agent. */
  | 'WORK_NOTIFICATION'
  /** One-to-one messages from the app's robot. */
  | 'ROBOT_OTO';

/** Which Lark/Feishu cloud an app lives in. */
export type LarkHost =
  /** Feishu (China): https://open.feishu.cn */
  | 'FEISHU'
  /** Lark (international): https://open.larksuite.com */
  | 'LARK';

/** How an SMTP connection is secured. */
export type SmtpSecurity =
  /** Implicit TLS from the first byte (usually port 465). */
  | 'TLS'
  /** Plaintext greeting, then STARTTLS, required (usually port 587). */
  | 'STARTTLS'
  /** No TLS: only for loopback test servers when a password is set. */
  | 'NONE';

/** Somewhere notifications are delivered: a robot, an app or a mailbox, with its credentials. */
export type Channel = {
  __typename?: 'Channel';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  description: Maybe<Scalars['String']['output']>;
  kind: ChannelKind;
  enabled: Scalars['Boolean']['output'];
  /** Set when kind is DINGTALK_ROBOT. */
  dingTalkRobot: Maybe<DingTalkRobotSettings>;
  /** Set when kind is DINGTALK_APP. */
  dingTalkApp: Maybe<DingTalkAppSettings>;
  /** Set when kind is LARK_BOT. */
  larkBot: Maybe<LarkBotSettings>;
  /** Set when kind is LARK_APP. */
  larkApp: Maybe<LarkAppSettings>;
  /** Set when kind is WECOM_APP. */
  weComApp: Maybe<WeComAppSettings>;
  /** Set when kind is WECOM_ROBOT. */
  weComRobot: Maybe<WeComRobotSettings>;
  /** Set when kind is SMTP. */
  smtp: Maybe<SmtpSettings>;
  /** Set when kind is WEBHOOK. */
  webhook: Maybe<WebhookSettings>;
  /** ISO 8601. */
  createdAt: Scalars['String']['output'];
  /** ISO 8601. */
  updatedAt: Scalars['String']['output'];
};

/** A DingTalk robot's settings as the API shows them: credentials are write-only. */
export type DingTalkRobotSettings = {
  __typename?: 'DingTalkRobotSettings';
  /** The webhook URL with its access token masked. */
  webhookUrlMasked: Scalars['String']['output'];
  /** Whether messages are signed (a SEC… secret was given). */
  signingSecretSet: Scalars['Boolean']['output'];
  /** Security keywords; each message must contain one of them. */
  keywords: Array<Scalars['String']['output']>;
};

/** A DingTalk app's settings as the API shows them: the client secret is write-only. */
export type DingTalkAppSettings = {
  __typename?: 'DingTalkAppSettings';
  /** AppKey (Client ID). */
  clientId: Scalars['String']['output'];
  /** Always true: a client secret is required. */
  clientSecretSet: Scalars['Boolean']['output'];
  agentId: Scalars['Int']['output'];
  robotCode: Scalars['String']['output'];
  mode: DingTalkAppMode;
};

/** A Lark/Feishu bot's settings as the API shows them: credentials are write-only. */
export type LarkBotSettings = {
  __typename?: 'LarkBotSettings';
  /** https://open.feishu.cn or https://open.larksuite.com. */
  host: Scalars['String']['output'];
  /** The webhook URL with its hook id masked. */
  webhookUrlMasked: Scalars['String']['output'];
  /** Whether messages are signed. */
  signingSecretSet: Scalars['Boolean']['output'];
  /** Security keywords; each message must contain one of them. */
  keywords: Array<Scalars['String']['output']>;
};

/** A Lark/Feishu app's settings as the API shows them: the app secret is write-only. */
export type LarkAppSettings = {
  __typename?: 'LarkAppSettings';
  /** https://open.feishu.cn or https://open.larksuite.com. */
  host: Scalars['String']['output'];
  appId: Scalars['String']['output'];
  /** Always true: an app secret is required. */
  appSecretSet: Scalars['Boolean']['output'];
};

/** A WeCom app's settings as the API shows them: the secret is write-only. */
export type WeComAppSettings = {
  __typename?: 'WeComAppSettings';
  corpId: Scalars['String']['output'];
  /** Always true: a secret is required. */
  corpSecretSet: Scalars['Boolean']['output'];
  agentId: Scalars['Int']['output'];
  /** Messages are sent as confidential (cannot be forwarded). */
  safe: Scalars['Boolean']['output'];
  /** The outbound proxy every call of this app goes through, if any. */
  proxyUrl: Maybe<Scalars['String']['output']>;
};

/** A WeCom robot's settings as the API shows them: the key is write-only. */
export type WeComRobotSettings = {
  __typename?: 'WeComRobotSettings';
  /** The webhook URL with its key masked. */
  webhookUrlMasked: Scalars['String']['output'];
};

/** An SMTP mailbox's settings as the API shows them: the password is write-only. */
export type SmtpSettings = {
  __typename?: 'SmtpSettings';
  host: Scalars['String']['output'];
  port: Scalars['Int']['output'];
  security: SmtpSecurity;
  user: Maybe<Scalars['String']['output']>;
  /** Whether a password is set. */
  passwordSet: Scalars['Boolean']['output'];
  /** The sender, addr@example.com or Name <addr@example.com>. */
  from: Scalars['String']['output'];
};

/** A webhook's settings as the API shows them: credentials are write-only. */
export type WebhookSettings = {
  __typename?: 'WebhookSettings';
  /** The URL with its query values masked. */
  urlMasked: Scalars['String']['output'];
  /** Always true: a signing secret is required. */
  secretSet: Scalars['Boolean']['output'];
  /** Whether an Authorization: Bearer token is sent. */
  bearerTokenSet: Scalars['Boolean']['output'];
};

/** A producer's project; its id is the producer's. */
export type Project = {
  __typename?: 'Project';
  id: Scalars['ID']['output'];
  /** Channels this project's notifications may go to. */
  channels: ChannelConnection;
};


/** A producer's project; its id is the producer's. */
export type ProjectChannelsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

export type CreateDingTalkRobotChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the robot's settings: https://oapi.dingtalk.com/robot/send?access_token=… */
  webhookUrl: Scalars['String']['input'];
  /** The robot's signing secret (starts with SEC), when signing is enabled. */
  signingSecret?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 security keywords. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateDingTalkAppChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** The app's AppKey (Client ID). */
  clientId: Scalars['String']['input'];
  /** The app's AppSecret (Client Secret). */
  clientSecret: Scalars['String']['input'];
  /** The app's AgentId (for work notifications). */
  agentId: Scalars['Int']['input'];
  /** The app robot's code (for one-to-one robot messages); defaults to the clientId. */
  robotCode?: InputMaybe<Scalars['String']['input']>;
  mode: DingTalkAppMode;
};

export type CreateLarkBotChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the bot's settings: https://open.feishu.cn/open-apis/bot/v2/hook/… (or open.larksuite.com). */
  webhookUrl: Scalars['String']['input'];
  /** The bot's signing secret, when signing is enabled. */
  signingSecret?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 security keywords. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateLarkAppChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  host: LarkHost;
  /** The app's App ID (cli_…). */
  appId: Scalars['String']['input'];
  appSecret: Scalars['String']['input'];
};

export type CreateWeComAppChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** The corp ID (企业ID). */
  corpId: Scalars['String']['input'];
  /** The app's Secret. */
  corpSecret: Scalars['String']['input'];
  /** The app's AgentId. */
  agentId: Scalars['Int']['input'];
  /** Send confidential messages that cannot be forwarded. */
  safe?: InputMaybe<Scalars['Boolean']['input']>;
  /** An outbound HTTP(S) proxy whose fixed IP is in the app's trusted IPs (WeCom refuses other IPs: 60020). */
  proxyUrl?: InputMaybe<Scalars['String']['input']>;
};

export type CreateWeComRobotChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the robot's settings: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… */
  webhookUrl: Scalars['String']['input'];
};

export type CreateSmtpChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** A bare host name or IP address. */
  host: Scalars['String']['input'];
  port: Scalars['Int']['input'];
  security: SmtpSecurity;
  /** The login, when the server needs one (then a password is required too). */
  user?: InputMaybe<Scalars['String']['input']>;
  /** The password or authorisation code (授权码). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** addr@example.com or Name <addr@example.com>. */
  from: Scalars['String']['input'];
};

export type CreateWebhookChannelInput = {
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** An https URL (plain http only to localhost or 127.0.0.1). */
  url: Scalars['String']['input'];
  /** At least 16 characters: the HMAC key of the x-tidings-signature header. */
  secret: Scalars['String']['input'];
  /** Sent as Authorization: Bearer <token> when set. */
  bearerToken?: InputMaybe<Scalars['String']['input']>;
};

export type ProjectChannelInput = {
  projectId: Scalars['ID']['input'];
  channelId: Scalars['ID']['input'];
};

export type CreateChannelPayload = {
  __typename?: 'CreateChannelPayload';
  channel: Maybe<Channel>;
  errors: Array<InputError>;
};

export type ProjectChannelPayload = {
  __typename?: 'ProjectChannelPayload';
  project: Maybe<Project>;
  channel: Maybe<Channel>;
  errors: Array<InputError>;
};

export type ChannelConnection = {
  __typename?: 'ChannelConnection';
  edges: Array<ChannelEdge>;
  pageInfo: PageInfo;
};

export type ChannelEdge = {
  __typename?: 'ChannelEdge';
  node: Channel;
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

/** Whom a test message goes to: exactly one of these. */
export type TestTargetInput = {
  /** The channel's group (group robots and bots, webhooks). */
  group?: InputMaybe<Scalars['Boolean']['input']>;
  /** E.164. For apps, the person is looked up by phone; for group robots, they are @mentioned. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Looked up in Lark/Feishu or WeCom apps; the recipient for email channels. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** A DingTalk userid, Lark/Feishu open_id or WeCom userid. */
  platformUserId?: InputMaybe<Scalars['String']['input']>;
};

export type TestChannelInput = {
  channelId: Scalars['ID']['input'];
  target: TestTargetInput;
};

export type TestOutcome =
  | 'DELIVERED'
  /** The person is not registered on the platform (or not visible to the app). */
  | 'NOT_FOUND'
  /** The platform asked to try later (rate limit, busy, unreachable). */
  | 'RETRY'
  /** The platform rejected the app's token twice. */
  | 'REAUTHENTICATE'
  /** The platform refused: wrong secret, robot removed, IP not trusted… */
  | 'PERMANENT';

export type TestChannelResult = {
  __typename?: 'TestChannelResult';
  delivered: Scalars['Boolean']['output'];
  outcome: TestOutcome;
  /** The platform's own code, when it gave one (e.g. 310000). */
  code: Maybe<Scalars['String']['output']>;
  /** One sentence a person can act on. */
  summary: Scalars['String']['output'];
  providerMessageId: Maybe<Scalars['String']['output']>;
};

export type TestChannelPayload = {
  __typename?: 'TestChannelPayload';
  result: Maybe<TestChannelResult>;
  errors: Array<InputError>;
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
  Channel: Channel;
  Project: Project;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Channel:
    ( { __typename: 'Channel' }
    & GraphQLRecursivePick<FederationTypes['Channel'], {"id":true}> );
  Project:
    ( { __typename: 'Project' }
    & GraphQLRecursivePick<FederationTypes['Project'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ChannelKindInfo: ResolverTypeWrapper<ChannelKindInfo>;
  CredentialField: ResolverTypeWrapper<CredentialField>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ChannelKind: ChannelKind;
  DingTalkAppMode: DingTalkAppMode;
  LarkHost: LarkHost;
  SmtpSecurity: SmtpSecurity;
  Channel: ResolverTypeWrapper<Channel>;
  DingTalkRobotSettings: ResolverTypeWrapper<DingTalkRobotSettings>;
  DingTalkAppSettings: ResolverTypeWrapper<DingTalkAppSettings>;
  LarkBotSettings: ResolverTypeWrapper<LarkBotSettings>;
  LarkAppSettings: ResolverTypeWrapper<LarkAppSettings>;
  WeComAppSettings: ResolverTypeWrapper<WeComAppSettings>;
  WeComRobotSettings: ResolverTypeWrapper<WeComRobotSettings>;
  SmtpSettings: ResolverTypeWrapper<SmtpSettings>;
  WebhookSettings: ResolverTypeWrapper<WebhookSettings>;
  Project: ResolverTypeWrapper<Project>;
  CreateDingTalkRobotChannelInput: CreateDingTalkRobotChannelInput;
  CreateDingTalkAppChannelInput: CreateDingTalkAppChannelInput;
  CreateLarkBotChannelInput: CreateLarkBotChannelInput;
  CreateLarkAppChannelInput: CreateLarkAppChannelInput;
  CreateWeComAppChannelInput: CreateWeComAppChannelInput;
  CreateWeComRobotChannelInput: CreateWeComRobotChannelInput;
  CreateSmtpChannelInput: CreateSmtpChannelInput;
  CreateWebhookChannelInput: CreateWebhookChannelInput;
  ProjectChannelInput: ProjectChannelInput;
  CreateChannelPayload: ResolverTypeWrapper<CreateChannelPayload>;
  ProjectChannelPayload: ResolverTypeWrapper<ProjectChannelPayload>;
  ChannelConnection: ResolverTypeWrapper<ChannelConnection>;
  ChannelEdge: ResolverTypeWrapper<ChannelEdge>;
  InputError: ResolverTypeWrapper<InputError>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  TestTargetInput: TestTargetInput;
  TestChannelInput: TestChannelInput;
  TestOutcome: TestOutcome;
  TestChannelResult: ResolverTypeWrapper<TestChannelResult>;
  TestChannelPayload: ResolverTypeWrapper<TestChannelPayload>;
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
  ChannelKindInfo: ChannelKindInfo;
  CredentialField: CredentialField;
  Mutation: Record<PropertyKey, never>;
  Channel: Channel | FederationReferenceTypes['Channel'];
  DingTalkRobotSettings: DingTalkRobotSettings;
  DingTalkAppSettings: DingTalkAppSettings;
  LarkBotSettings: LarkBotSettings;
  LarkAppSettings: LarkAppSettings;
  WeComAppSettings: WeComAppSettings;
  WeComRobotSettings: WeComRobotSettings;
  SmtpSettings: SmtpSettings;
  WebhookSettings: WebhookSettings;
  Project: Project | FederationReferenceTypes['Project'];
  CreateDingTalkRobotChannelInput: CreateDingTalkRobotChannelInput;
  CreateDingTalkAppChannelInput: CreateDingTalkAppChannelInput;
  CreateLarkBotChannelInput: CreateLarkBotChannelInput;
  CreateLarkAppChannelInput: CreateLarkAppChannelInput;
  CreateWeComAppChannelInput: CreateWeComAppChannelInput;
  CreateWeComRobotChannelInput: CreateWeComRobotChannelInput;
  CreateSmtpChannelInput: CreateSmtpChannelInput;
  CreateWebhookChannelInput: CreateWebhookChannelInput;
  ProjectChannelInput: ProjectChannelInput;
  CreateChannelPayload: CreateChannelPayload;
  ProjectChannelPayload: ProjectChannelPayload;
  ChannelConnection: ChannelConnection;
  ChannelEdge: ChannelEdge;
  InputError: InputError;
  PageInfo: PageInfo;
  TestTargetInput: TestTargetInput;
  TestChannelInput: TestChannelInput;
  TestChannelResult: TestChannelResult;
  TestChannelPayload: TestChannelPayload;
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
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType, RequireFields<QueryChannelArgs, 'id'>>;
  channels?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<QueryChannelsArgs, 'first'>>;
  channelKinds?: Resolver<Array<ResolversTypes['ChannelKindInfo']>, ParentType, ContextType>;
};

export type ChannelKindInfoResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelKindInfo'] = ResolversParentTypes['ChannelKindInfo']> = {
  kind?: Resolver<ResolversTypes['ChannelKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fields?: Resolver<Array<ResolversTypes['CredentialField']>, ParentType, ContextType>;
};

export type CredentialFieldResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['CredentialField'] = ResolversParentTypes['CredentialField']> = {
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  required?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  secret?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  testChannel?: Resolver<ResolversTypes['TestChannelPayload'], ParentType, ContextType, RequireFields<MutationTestChannelArgs, 'input'>>;
  createDingTalkRobotChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateDingTalkRobotChannelArgs, 'input'>>;
  createDingTalkAppChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateDingTalkAppChannelArgs, 'input'>>;
  createLarkBotChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateLarkBotChannelArgs, 'input'>>;
  createLarkAppChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateLarkAppChannelArgs, 'input'>>;
  createWeComAppChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateWeComAppChannelArgs, 'input'>>;
  createWeComRobotChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateWeComRobotChannelArgs, 'input'>>;
  createSmtpChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateSmtpChannelArgs, 'input'>>;
  createWebhookChannel?: Resolver<ResolversTypes['CreateChannelPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookChannelArgs, 'input'>>;
  connectProjectToChannel?: Resolver<ResolversTypes['ProjectChannelPayload'], ParentType, ContextType, RequireFields<MutationConnectProjectToChannelArgs, 'input'>>;
  disconnectProjectFromChannel?: Resolver<ResolversTypes['ProjectChannelPayload'], ParentType, ContextType, RequireFields<MutationDisconnectProjectFromChannelArgs, 'input'>>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel'], FederationReferenceType extends FederationReferenceTypes['Channel'] = FederationReferenceTypes['Channel']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Channel']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChannelKind'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dingTalkRobot?: Resolver<Maybe<ResolversTypes['DingTalkRobotSettings']>, ParentType, ContextType>;
  dingTalkApp?: Resolver<Maybe<ResolversTypes['DingTalkAppSettings']>, ParentType, ContextType>;
  larkBot?: Resolver<Maybe<ResolversTypes['LarkBotSettings']>, ParentType, ContextType>;
  larkApp?: Resolver<Maybe<ResolversTypes['LarkAppSettings']>, ParentType, ContextType>;
  weComApp?: Resolver<Maybe<ResolversTypes['WeComAppSettings']>, ParentType, ContextType>;
  weComRobot?: Resolver<Maybe<ResolversTypes['WeComRobotSettings']>, ParentType, ContextType>;
  smtp?: Resolver<Maybe<ResolversTypes['SmtpSettings']>, ParentType, ContextType>;
  webhook?: Resolver<Maybe<ResolversTypes['WebhookSettings']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DingTalkRobotSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DingTalkRobotSettings'] = ResolversParentTypes['DingTalkRobotSettings']> = {
  webhookUrlMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signingSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  keywords?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type DingTalkAppSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DingTalkAppSettings'] = ResolversParentTypes['DingTalkAppSettings']> = {
  clientId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clientSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  agentId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  robotCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mode?: Resolver<ResolversTypes['DingTalkAppMode'], ParentType, ContextType>;
};

export type LarkBotSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['LarkBotSettings'] = ResolversParentTypes['LarkBotSettings']> = {
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  webhookUrlMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  signingSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  keywords?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type LarkAppSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['LarkAppSettings'] = ResolversParentTypes['LarkAppSettings']> = {
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  appId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  appSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type WeComAppSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['WeComAppSettings'] = ResolversParentTypes['WeComAppSettings']> = {
  corpId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  corpSecretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  agentId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  safe?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  proxyUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WeComRobotSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['WeComRobotSettings'] = ResolversParentTypes['WeComRobotSettings']> = {
  webhookUrlMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SmtpSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['SmtpSettings'] = ResolversParentTypes['SmtpSettings']> = {
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  port?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  security?: Resolver<ResolversTypes['SmtpSecurity'], ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  passwordSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type WebhookSettingsResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['WebhookSettings'] = ResolversParentTypes['WebhookSettings']> = {
  urlMasked?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  secretSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  bearerTokenSet?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ProjectResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Project'] = ResolversParentTypes['Project'], FederationReferenceType extends FederationReferenceTypes['Project'] = FederationReferenceTypes['Project']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Project']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  channels?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<ProjectChannelsArgs, 'first'>>;
};

export type CreateChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['CreateChannelPayload'] = ResolversParentTypes['CreateChannelPayload']> = {
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ProjectChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ProjectChannelPayload'] = ResolversParentTypes['ProjectChannelPayload']> = {
  project?: Resolver<Maybe<ResolversTypes['Project']>, ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ChannelConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelConnection'] = ResolversParentTypes['ChannelConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ChannelEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ChannelEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelEdge'] = ResolversParentTypes['ChannelEdge']> = {
  node?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
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

export type TestChannelResultResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TestChannelResult'] = ResolversParentTypes['TestChannelResult']> = {
  delivered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['TestOutcome'], ParentType, ContextType>;
  code?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  summary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  providerMessageId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TestChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['TestChannelPayload'] = ResolversParentTypes['TestChannelPayload']> = {
  result?: Resolver<Maybe<ResolversTypes['TestChannelResult']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
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
  ChannelKindInfo?: ChannelKindInfoResolvers<ContextType>;
  CredentialField?: CredentialFieldResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  DingTalkRobotSettings?: DingTalkRobotSettingsResolvers<ContextType>;
  DingTalkAppSettings?: DingTalkAppSettingsResolvers<ContextType>;
  LarkBotSettings?: LarkBotSettingsResolvers<ContextType>;
  LarkAppSettings?: LarkAppSettingsResolvers<ContextType>;
  WeComAppSettings?: WeComAppSettingsResolvers<ContextType>;
  WeComRobotSettings?: WeComRobotSettingsResolvers<ContextType>;
  SmtpSettings?: SmtpSettingsResolvers<ContextType>;
  WebhookSettings?: WebhookSettingsResolvers<ContextType>;
  Project?: ProjectResolvers<ContextType>;
  CreateChannelPayload?: CreateChannelPayloadResolvers<ContextType>;
  ProjectChannelPayload?: ProjectChannelPayloadResolvers<ContextType>;
  ChannelConnection?: ChannelConnectionResolvers<ContextType>;
  ChannelEdge?: ChannelEdgeResolvers<ContextType>;
  InputError?: InputErrorResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  TestChannelResult?: TestChannelResultResolvers<ContextType>;
  TestChannelPayload?: TestChannelPayloadResolvers<ContextType>;
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
