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

/** What anyone signed in to a tenant can read of its channels, kind switches and notification services. */
export type Query = {
  __typename?: 'Query';
  /** The channel with this id in the caller's tenant, or null. */
  channel: Maybe<Channel>;
  /** The caller's tenant's channels, ordered by id. */
  channels: ChannelConnection;
  /** Every channel kind with the fields of its settings, declared once per kind: what a frontend builds its forms from. */
  channelKinds: Array<ChannelKindInfo>;
  /** Whether the caller's tenant uses each channel kind: one setting per kind, in the ChannelKind enum's order. */
  channelKindSettings: Array<ChannelKindSetting>;
  /** The notification service with this id in the caller's tenant, or null. */
  notificationService: Maybe<NotificationService>;
  /** The caller's tenant's notification services, ordered by id. */
  notificationServices: NotificationServiceConnection;
};


/** What anyone signed in to a tenant can read of its channels, kind switches and notification services. */
export type QueryChannelArgs = {
  id: Scalars['ID']['input'];
};


/** What anyone signed in to a tenant can read of its channels, kind switches and notification services. */
export type QueryChannelsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};


/** What anyone signed in to a tenant can read of its channels, kind switches and notification services. */
export type QueryNotificationServiceArgs = {
  id: Scalars['ID']['input'];
};


/** What anyone signed in to a tenant can read of its channels, kind switches and notification services. */
export type QueryNotificationServicesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** Whether a tenant uses a channel kind at all (seeds 002, 003). Kinds never switched are enabled. */
export type ChannelKindSetting = {
  __typename?: 'ChannelKindSetting';
  /** The channel kind this switch is for. */
  kind: ChannelKind;
  /** False: no channel of this kind delivers anything, whatever its own `enabled` says. */
  enabled: Scalars['Boolean']['output'];
  /** When the kind was last switched; null if it never was. */
  updatedAt: Maybe<Scalars['DateTime']['output']>;
};

/** A named group of targets: group channels (robots) and per-person channels (apps, email) with the members they reach. Rules can notify a service instead of listing channels. */
export type NotificationService = {
  __typename?: 'NotificationService';
  /** The service's id. */
  id: Scalars['ID']['output'];
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['output'];
  /** What the service is for. */
  description: Maybe<Scalars['String']['output']>;
  /** The channels it sends through, in the order given (at least one when created or updated). */
  channels: Array<Channel>;
  /** The people its per-person channels reach (producer user ids; group channels reach their group). */
  members: Array<User>;
  /** False: rules naming this service notify nobody through it. */
  enabled: Scalars['Boolean']['output'];
  /** When the service was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the service last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A person, owned by the identity subgraph; this subgraph only knows the id. */
export type User = {
  __typename?: 'User';
  /** The producer's user id. */
  id: Scalars['ID']['output'];
};

/** A page of notification services. */
export type NotificationServiceConnection = {
  __typename?: 'NotificationServiceConnection';
  /** The services of this page. */
  edges: Array<NotificationServiceEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** One notification service in a page. */
export type NotificationServiceEdge = {
  __typename?: 'NotificationServiceEdge';
  /** The service. */
  node: NotificationService;
  /** Pass as `after` to continue after this service. */
  cursor: Scalars['String']['output'];
};

/** A channel kind and its settings fields. */
export type ChannelKindInfo = {
  __typename?: 'ChannelKindInfo';
  /** The kind described. */
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
  /** What a form shows beside the field. */
  label: Scalars['String']['output'];
  /** Whether the input must carry a value. */
  required: Scalars['Boolean']['output'];
  /** Whether it is a credential: stored encrypted, never returned. */
  secret: Scalars['Boolean']['output'];
};

/** Changes to a tenant's channels, project connections, kind switches and notification services. */
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
  /**
   * Lets a project's events reach a channel (tenant admins and the project's owners). Idempotent. The
   * projectId `*` is refused: connecting every project is connectAllProjectsToChannel.
   */
  connectProjectToChannel: ProjectChannelPayload;
  /** Stops a project's events reaching a channel (tenant admins and the project's owners). Idempotent. */
  disconnectProjectFromChannel: ProjectChannelPayload;
  /**
   * "Kết nối tất cả" (seed 000). A tenant admin connects every project of the tenant, present and future,
   * with one link; a project owner connects each project they own. Idempotent; FORBIDDEN for anyone who is
   * neither an admin nor an owner of some project.
   */
  connectAllProjectsToChannel: ConnectAllProjectsPayload;
  /**
   * Undoes connect-all. A tenant admin removes every connection of the channel (the all-projects link and
   * each project's); a project owner disconnects the projects they own. Idempotent.
   */
  disconnectAllProjectsFromChannel: ConnectAllProjectsPayload;
  /**
   * Switches a whole channel kind on or off for the caller's tenant (tenant admins only) without touching
   * other kinds or the channels' own `enabled`. Idempotent.
   */
  setChannelKindEnabled: ChannelKindSettingPayload;
  /** Switches one channel on or off (tenant admins only). Idempotent. */
  setChannelEnabled: ChannelPayload;
  /**
   * Deletes a channel (tenant admins only) with its project connections, and removes it from every
   * notification service: each change is published (tombstones for the channel and its connections).
   */
  deleteChannel: DeleteChannelPayload;
  /** Creates a notification service (tenant admins only). */
  createNotificationService: NotificationServicePayload;
  /** Changes a notification service (tenant admins only); fields left out keep their values. */
  updateNotificationService: NotificationServicePayload;
  /** Deletes a notification service (tenant admins only); rules naming it stop notifying through it. */
  deleteNotificationService: DeleteNotificationServicePayload;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationTestChannelArgs = {
  input: TestChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateDingTalkRobotChannelArgs = {
  input: CreateDingTalkRobotChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateDingTalkAppChannelArgs = {
  input: CreateDingTalkAppChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateLarkBotChannelArgs = {
  input: CreateLarkBotChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateLarkAppChannelArgs = {
  input: CreateLarkAppChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateWeComAppChannelArgs = {
  input: CreateWeComAppChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateWeComRobotChannelArgs = {
  input: CreateWeComRobotChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateSmtpChannelArgs = {
  input: CreateSmtpChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateWebhookChannelArgs = {
  input: CreateWebhookChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationConnectProjectToChannelArgs = {
  input: ProjectChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationDisconnectProjectFromChannelArgs = {
  input: ProjectChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationConnectAllProjectsToChannelArgs = {
  input: ConnectAllProjectsInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationDisconnectAllProjectsFromChannelArgs = {
  input: ConnectAllProjectsInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationSetChannelKindEnabledArgs = {
  input: SetChannelKindEnabledInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationSetChannelEnabledArgs = {
  input: SetChannelEnabledInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationDeleteChannelArgs = {
  input: DeleteChannelInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationCreateNotificationServiceArgs = {
  input: CreateNotificationServiceInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationUpdateNotificationServiceArgs = {
  input: UpdateNotificationServiceInput;
};


/** Changes to a tenant's channels, project connections, kind switches and notification services. */
export type MutationDeleteNotificationServiceArgs = {
  input: DeleteNotificationServiceInput;
};

/** The kinds of channel: what a channel is, which decides its settings and how it delivers. */
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
  /** The channel's id. */
  id: Scalars['ID']['output'];
  /** A name people recognise. */
  name: Scalars['String']['output'];
  /** What the channel is for. */
  description: Maybe<Scalars['String']['output']>;
  /** What the channel is; decides which settings field is set. */
  kind: ChannelKind;
  /** The channel's own switch (setChannelEnabled). */
  enabled: Scalars['Boolean']['output'];
  /**
   * Whether the tenant has its kind switched on (setChannelKindEnabled). A channel delivers only when both
   * this and `enabled` are true: false here is "configured but the kind is switched off".
   */
  kindEnabled: Scalars['Boolean']['output'];
  /** Whether a tenant admin connected it to every project of the tenant, present and future. */
  connectedToAllProjects: Scalars['Boolean']['output'];
  /** The projects connected to it one by one, ordered by project id (the all-projects link is not listed). */
  projects: ProjectConnection;
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
  /** When the channel was created. */
  createdAt: Scalars['DateTime']['output'];
  /** When the channel last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** Somewhere notifications are delivered: a robot, an app or a mailbox, with its credentials. */
export type ChannelProjectsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
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
  /** The app's AgentId (for work notifications). */
  agentId: Scalars['Int']['output'];
  /** The app robot's code (for one-to-one robot messages). */
  robotCode: Scalars['String']['output'];
  /** How the app delivers. */
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
  /** The app's App ID (cli_…). */
  appId: Scalars['String']['output'];
  /** Always true: an app secret is required. */
  appSecretSet: Scalars['Boolean']['output'];
};

/** A WeCom app's settings as the API shows them: the secret is write-only. */
export type WeComAppSettings = {
  __typename?: 'WeComAppSettings';
  /** The corp ID (企业ID). */
  corpId: Scalars['String']['output'];
  /** Always true: a secret is required. */
  corpSecretSet: Scalars['Boolean']['output'];
  /** The app's AgentId. */
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
  /** The server's host name or IP address. */
  host: Scalars['String']['output'];
  /** The server's port. */
  port: Scalars['Int']['output'];
  /** How the connection is secured. */
  security: SmtpSecurity;
  /** The login, if the server needs one. */
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
  /** The producer's project id. */
  id: Scalars['ID']['output'];
  /** Channels this project's notifications may go to: those connected to it and those connected to every project. */
  channels: ChannelConnection;
};


/** A producer's project; its id is the producer's. */
export type ProjectChannelsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
};

/** A page of projects. */
export type ProjectConnection = {
  __typename?: 'ProjectConnection';
  /** The projects of this page. */
  edges: Array<ProjectEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** One project in a page. */
export type ProjectEdge = {
  __typename?: 'ProjectEdge';
  /** The project. */
  node: Project;
  /** Pass as `after` to continue after this project. */
  cursor: Scalars['String']['output'];
};

/** What createDingTalkRobotChannel needs. */
export type CreateDingTalkRobotChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the robot's settings: https://oapi.dingtalk.com/robot/send?access_token=… */
  webhookUrl: Scalars['String']['input'];
  /** The robot's signing secret (starts with SEC), when signing is enabled. */
  signingSecret?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 security keywords. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What createDingTalkAppChannel needs. */
export type CreateDingTalkAppChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The app's AppKey (Client ID). */
  clientId: Scalars['String']['input'];
  /** The app's AppSecret (Client Secret). */
  clientSecret: Scalars['String']['input'];
  /** The app's AgentId (for work notifications). */
  agentId: Scalars['Int']['input'];
  /** The app robot's code (for one-to-one robot messages); defaults to the clientId. */
  robotCode?: InputMaybe<Scalars['String']['input']>;
  /** How the app delivers. */
  mode: DingTalkAppMode;
};

/** What createLarkBotChannel needs. */
export type CreateLarkBotChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the bot's settings: https://open.feishu.cn/open-apis/bot/v2/hook/… (or open.larksuite.com). */
  webhookUrl: Scalars['String']['input'];
  /** The bot's signing secret, when signing is enabled. */
  signingSecret?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 security keywords. */
  keywords?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** What createLarkAppChannel needs. */
export type CreateLarkAppChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Which cloud the app lives in. */
  host: LarkHost;
  /** The app's App ID (cli_…). */
  appId: Scalars['String']['input'];
  /** The app's App Secret. */
  appSecret: Scalars['String']['input'];
};

/** What createWeComAppChannel needs. */
export type CreateWeComAppChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
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

/** What createWeComRobotChannel needs. */
export type CreateWeComRobotChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** As copied from the robot's settings: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=… */
  webhookUrl: Scalars['String']['input'];
};

/** What createSmtpChannel needs. */
export type CreateSmtpChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** A bare host name or IP address. */
  host: Scalars['String']['input'];
  /** The server's port. */
  port: Scalars['Int']['input'];
  /** How the connection is secured. */
  security: SmtpSecurity;
  /** The login, when the server needs one (then a password is required too). */
  user?: InputMaybe<Scalars['String']['input']>;
  /** The password or authorisation code (授权码). */
  password?: InputMaybe<Scalars['String']['input']>;
  /** addr@example.com or Name <addr@example.com>. */
  from: Scalars['String']['input'];
};

/** What createWebhookChannel needs. */
export type CreateWebhookChannelInput = {
  /** A name people recognise, 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the channel is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** An https URL (plain http only to localhost or 127.0.0.1). */
  url: Scalars['String']['input'];
  /** At least 16 characters: the HMAC key of the x-tidings-signature header. */
  secret: Scalars['String']['input'];
  /** Sent as Authorization: Bearer <token> when set. */
  bearerToken?: InputMaybe<Scalars['String']['input']>;
};

/** One project and one channel. */
export type ProjectChannelInput = {
  /** The producer's project id (not `*`). */
  projectId: Scalars['ID']['input'];
  /** The channel's id. */
  channelId: Scalars['ID']['input'];
};

/** Which channel to connect to or disconnect from every project. */
export type ConnectAllProjectsInput = {
  /** The channel's id. */
  channelId: Scalars['ID']['input'];
};

/** What setChannelKindEnabled needs. */
export type SetChannelKindEnabledInput = {
  /** The kind to switch. */
  kind: ChannelKind;
  /** True to use the kind, false to stop every channel of it delivering. */
  enabled: Scalars['Boolean']['input'];
};

/** What setChannelEnabled needs. */
export type SetChannelEnabledInput = {
  /** The channel's id. */
  id: Scalars['ID']['input'];
  /** True to let it deliver, false to stop it. */
  enabled: Scalars['Boolean']['input'];
};

/** What deleteChannel needs. */
export type DeleteChannelInput = {
  /** The channel's id. */
  id: Scalars['ID']['input'];
};

/** What createNotificationService needs. */
export type CreateNotificationServiceInput = {
  /** 1 to 200 characters. */
  name: Scalars['String']['input'];
  /** What the service is for, at most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The channels it sends through: at least one, each a channel of the tenant. */
  channelIds: Array<Scalars['ID']['input']>;
  /** The people its per-person channels reach: producer user ids, at most 1000. */
  memberUserIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Whether rules naming it notify through it. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What updateNotificationService needs: fields left out (or null) keep their values. */
export type UpdateNotificationServiceInput = {
  /** The service's id. */
  id: Scalars['ID']['input'];
  /** 1 to 200 characters. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** At most 2000 characters; an empty string removes it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Replaces the channels: at least one, each a channel of the tenant. */
  channelIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Replaces the members: producer user ids, at most 1000. */
  memberUserIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Whether rules naming it notify through it. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
};

/** What deleteNotificationService needs. */
export type DeleteNotificationServiceInput = {
  /** The service's id. */
  id: Scalars['ID']['input'];
};

/** The result of a create…Channel mutation. */
export type CreateChannelPayload = {
  __typename?: 'CreateChannelPayload';
  /** The new channel; null when there are errors. */
  channel: Maybe<Channel>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of a mutation changing one channel. */
export type ChannelPayload = {
  __typename?: 'ChannelPayload';
  /** The channel as it is now; null when there are errors. */
  channel: Maybe<Channel>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of deleteChannel. */
export type DeleteChannelPayload = {
  __typename?: 'DeleteChannelPayload';
  /** The id of the deleted channel; null when there are errors. */
  deletedChannelId: Maybe<Scalars['ID']['output']>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of connecting or disconnecting one project. */
export type ProjectChannelPayload = {
  __typename?: 'ProjectChannelPayload';
  /** The project; null when there are errors. */
  project: Maybe<Project>;
  /** The channel; null when there are errors. */
  channel: Maybe<Channel>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of connectAllProjectsToChannel or disconnectAllProjectsFromChannel. */
export type ConnectAllProjectsPayload = {
  __typename?: 'ConnectAllProjectsPayload';
  /** The channel as it is now; null when there are errors. */
  channel: Maybe<Channel>;
  /** true when the tenant admin connected every project, present and future */
  allProjects: Scalars['Boolean']['output'];
  /** the projects connected one by one (a project owner's own projects); for a disconnect, those disconnected */
  projects: Array<Project>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of setChannelKindEnabled. */
export type ChannelKindSettingPayload = {
  __typename?: 'ChannelKindSettingPayload';
  /** The kind's setting as it is now; null when there are errors. */
  setting: Maybe<ChannelKindSetting>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of creating or updating a notification service. */
export type NotificationServicePayload = {
  __typename?: 'NotificationServicePayload';
  /** The service as it is now; null when there are errors. */
  notificationService: Maybe<NotificationService>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** The result of deleteNotificationService. */
export type DeleteNotificationServicePayload = {
  __typename?: 'DeleteNotificationServicePayload';
  /** The id of the deleted service; null when there are errors. */
  deletedNotificationServiceId: Maybe<Scalars['ID']['output']>;
  /** What was wrong with the input, by field. */
  errors: Array<InputError>;
};

/** A page of channels. */
export type ChannelConnection = {
  __typename?: 'ChannelConnection';
  /** The channels of this page. */
  edges: Array<ChannelEdge>;
  /** Where this page is in the whole list. */
  pageInfo: PageInfo;
};

/** One channel in a page. */
export type ChannelEdge = {
  __typename?: 'ChannelEdge';
  /** The channel. */
  node: Channel;
  /** Pass as `after` to continue after this channel. */
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

/** What testChannel needs. */
export type TestChannelInput = {
  /** The channel to send through. */
  channelId: Scalars['ID']['input'];
  /** Whom the test message goes to. */
  target: TestTargetInput;
};

/** How a test send ended. */
export type TestOutcome =
  /** The platform accepted the message. */
  | 'DELIVERED'
  /** The person is not registered on the platform (or not visible to the app). */
  | 'NOT_FOUND'
  /** The platform asked to try later (rate limit, busy, unreachable). */
  | 'RETRY'
  /** The platform rejected the app's token twice. */
  | 'REAUTHENTICATE'
  /** The platform refused: wrong secret, robot removed, IP not trusted… */
  | 'PERMANENT';

/** What the platform said to a test send. */
export type TestChannelResult = {
  __typename?: 'TestChannelResult';
  /** Whether the platform accepted the message. */
  delivered: Scalars['Boolean']['output'];
  /** How the send ended. */
  outcome: TestOutcome;
  /** The platform's own code, when it gave one (e.g. 310000). */
  code: Maybe<Scalars['String']['output']>;
  /** One sentence a person can act on. */
  summary: Scalars['String']['output'];
  /** The platform's id of the message, when it gave one. */
  providerMessageId: Maybe<Scalars['String']['output']>;
};

/** The result of testChannel. */
export type TestChannelPayload = {
  __typename?: 'TestChannelPayload';
  /** What the platform said; null when there are errors. */
  result: Maybe<TestChannelResult>;
  /** What was wrong with the input, by field. */
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
  NotificationService: NotificationService;
  Channel: Channel;
  Project: Project;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  NotificationService:
    ( { __typename: 'NotificationService' }
    & GraphQLRecursivePick<FederationTypes['NotificationService'], {"id":true}> );
  Channel:
    ( { __typename: 'Channel' }
    & GraphQLRecursivePick<FederationTypes['Channel'], {"id":true}> );
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
  ChannelKindSetting: ResolverTypeWrapper<ChannelKindSetting>;
  NotificationService: ResolverTypeWrapper<NotificationService>;
  User: ResolverTypeWrapper<User>;
  NotificationServiceConnection: ResolverTypeWrapper<NotificationServiceConnection>;
  NotificationServiceEdge: ResolverTypeWrapper<NotificationServiceEdge>;
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
  ProjectConnection: ResolverTypeWrapper<ProjectConnection>;
  ProjectEdge: ResolverTypeWrapper<ProjectEdge>;
  CreateDingTalkRobotChannelInput: CreateDingTalkRobotChannelInput;
  CreateDingTalkAppChannelInput: CreateDingTalkAppChannelInput;
  CreateLarkBotChannelInput: CreateLarkBotChannelInput;
  CreateLarkAppChannelInput: CreateLarkAppChannelInput;
  CreateWeComAppChannelInput: CreateWeComAppChannelInput;
  CreateWeComRobotChannelInput: CreateWeComRobotChannelInput;
  CreateSmtpChannelInput: CreateSmtpChannelInput;
  CreateWebhookChannelInput: CreateWebhookChannelInput;
  ProjectChannelInput: ProjectChannelInput;
  ConnectAllProjectsInput: ConnectAllProjectsInput;
  SetChannelKindEnabledInput: SetChannelKindEnabledInput;
  SetChannelEnabledInput: SetChannelEnabledInput;
  DeleteChannelInput: DeleteChannelInput;
  CreateNotificationServiceInput: CreateNotificationServiceInput;
  UpdateNotificationServiceInput: UpdateNotificationServiceInput;
  DeleteNotificationServiceInput: DeleteNotificationServiceInput;
  CreateChannelPayload: ResolverTypeWrapper<CreateChannelPayload>;
  ChannelPayload: ResolverTypeWrapper<ChannelPayload>;
  DeleteChannelPayload: ResolverTypeWrapper<DeleteChannelPayload>;
  ProjectChannelPayload: ResolverTypeWrapper<ProjectChannelPayload>;
  ConnectAllProjectsPayload: ResolverTypeWrapper<ConnectAllProjectsPayload>;
  ChannelKindSettingPayload: ResolverTypeWrapper<ChannelKindSettingPayload>;
  NotificationServicePayload: ResolverTypeWrapper<NotificationServicePayload>;
  DeleteNotificationServicePayload: ResolverTypeWrapper<DeleteNotificationServicePayload>;
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
  DateTime: Scalars['DateTime']['output'];
  Query: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  ChannelKindSetting: ChannelKindSetting;
  NotificationService: NotificationService | FederationReferenceTypes['NotificationService'];
  User: User;
  NotificationServiceConnection: NotificationServiceConnection;
  NotificationServiceEdge: NotificationServiceEdge;
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
  ProjectConnection: ProjectConnection;
  ProjectEdge: ProjectEdge;
  CreateDingTalkRobotChannelInput: CreateDingTalkRobotChannelInput;
  CreateDingTalkAppChannelInput: CreateDingTalkAppChannelInput;
  CreateLarkBotChannelInput: CreateLarkBotChannelInput;
  CreateLarkAppChannelInput: CreateLarkAppChannelInput;
  CreateWeComAppChannelInput: CreateWeComAppChannelInput;
  CreateWeComRobotChannelInput: CreateWeComRobotChannelInput;
  CreateSmtpChannelInput: CreateSmtpChannelInput;
  CreateWebhookChannelInput: CreateWebhookChannelInput;
  ProjectChannelInput: ProjectChannelInput;
  ConnectAllProjectsInput: ConnectAllProjectsInput;
  SetChannelKindEnabledInput: SetChannelKindEnabledInput;
  SetChannelEnabledInput: SetChannelEnabledInput;
  DeleteChannelInput: DeleteChannelInput;
  CreateNotificationServiceInput: CreateNotificationServiceInput;
  UpdateNotificationServiceInput: UpdateNotificationServiceInput;
  DeleteNotificationServiceInput: DeleteNotificationServiceInput;
  CreateChannelPayload: CreateChannelPayload;
  ChannelPayload: ChannelPayload;
  DeleteChannelPayload: DeleteChannelPayload;
  ProjectChannelPayload: ProjectChannelPayload;
  ConnectAllProjectsPayload: ConnectAllProjectsPayload;
  ChannelKindSettingPayload: ChannelKindSettingPayload;
  NotificationServicePayload: NotificationServicePayload;
  DeleteNotificationServicePayload: DeleteNotificationServicePayload;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type QueryResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType, RequireFields<QueryChannelArgs, 'id'>>;
  channels?: Resolver<ResolversTypes['ChannelConnection'], ParentType, ContextType, RequireFields<QueryChannelsArgs, 'first'>>;
  channelKinds?: Resolver<Array<ResolversTypes['ChannelKindInfo']>, ParentType, ContextType>;
  channelKindSettings?: Resolver<Array<ResolversTypes['ChannelKindSetting']>, ParentType, ContextType>;
  notificationService?: Resolver<Maybe<ResolversTypes['NotificationService']>, ParentType, ContextType, RequireFields<QueryNotificationServiceArgs, 'id'>>;
  notificationServices?: Resolver<ResolversTypes['NotificationServiceConnection'], ParentType, ContextType, RequireFields<QueryNotificationServicesArgs, 'first'>>;
};

export type ChannelKindSettingResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelKindSetting'] = ResolversParentTypes['ChannelKindSetting']> = {
  kind?: Resolver<ResolversTypes['ChannelKind'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  updatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type NotificationServiceResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['NotificationService'] = ResolversParentTypes['NotificationService'], FederationReferenceType extends FederationReferenceTypes['NotificationService'] = FederationReferenceTypes['NotificationService']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['NotificationService']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType>;
  members?: Resolver<Array<ResolversTypes['User']>, ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type UserResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type NotificationServiceConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['NotificationServiceConnection'] = ResolversParentTypes['NotificationServiceConnection']> = {
  edges?: Resolver<Array<ResolversTypes['NotificationServiceEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type NotificationServiceEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['NotificationServiceEdge'] = ResolversParentTypes['NotificationServiceEdge']> = {
  node?: Resolver<ResolversTypes['NotificationService'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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
  connectAllProjectsToChannel?: Resolver<ResolversTypes['ConnectAllProjectsPayload'], ParentType, ContextType, RequireFields<MutationConnectAllProjectsToChannelArgs, 'input'>>;
  disconnectAllProjectsFromChannel?: Resolver<ResolversTypes['ConnectAllProjectsPayload'], ParentType, ContextType, RequireFields<MutationDisconnectAllProjectsFromChannelArgs, 'input'>>;
  setChannelKindEnabled?: Resolver<ResolversTypes['ChannelKindSettingPayload'], ParentType, ContextType, RequireFields<MutationSetChannelKindEnabledArgs, 'input'>>;
  setChannelEnabled?: Resolver<ResolversTypes['ChannelPayload'], ParentType, ContextType, RequireFields<MutationSetChannelEnabledArgs, 'input'>>;
  deleteChannel?: Resolver<ResolversTypes['DeleteChannelPayload'], ParentType, ContextType, RequireFields<MutationDeleteChannelArgs, 'input'>>;
  createNotificationService?: Resolver<ResolversTypes['NotificationServicePayload'], ParentType, ContextType, RequireFields<MutationCreateNotificationServiceArgs, 'input'>>;
  updateNotificationService?: Resolver<ResolversTypes['NotificationServicePayload'], ParentType, ContextType, RequireFields<MutationUpdateNotificationServiceArgs, 'input'>>;
  deleteNotificationService?: Resolver<ResolversTypes['DeleteNotificationServicePayload'], ParentType, ContextType, RequireFields<MutationDeleteNotificationServiceArgs, 'input'>>;
};

export type ChannelResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel'], FederationReferenceType extends FederationReferenceTypes['Channel'] = FederationReferenceTypes['Channel']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Channel']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['ChannelKind'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kindEnabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  connectedToAllProjects?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  projects?: Resolver<ResolversTypes['ProjectConnection'], ParentType, ContextType, RequireFields<ChannelProjectsArgs, 'first'>>;
  dingTalkRobot?: Resolver<Maybe<ResolversTypes['DingTalkRobotSettings']>, ParentType, ContextType>;
  dingTalkApp?: Resolver<Maybe<ResolversTypes['DingTalkAppSettings']>, ParentType, ContextType>;
  larkBot?: Resolver<Maybe<ResolversTypes['LarkBotSettings']>, ParentType, ContextType>;
  larkApp?: Resolver<Maybe<ResolversTypes['LarkAppSettings']>, ParentType, ContextType>;
  weComApp?: Resolver<Maybe<ResolversTypes['WeComAppSettings']>, ParentType, ContextType>;
  weComRobot?: Resolver<Maybe<ResolversTypes['WeComRobotSettings']>, ParentType, ContextType>;
  smtp?: Resolver<Maybe<ResolversTypes['SmtpSettings']>, ParentType, ContextType>;
  webhook?: Resolver<Maybe<ResolversTypes['WebhookSettings']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
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

export type ProjectConnectionResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ProjectConnection'] = ResolversParentTypes['ProjectConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ProjectEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ProjectEdgeResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ProjectEdge'] = ResolversParentTypes['ProjectEdge']> = {
  node?: Resolver<ResolversTypes['Project'], ParentType, ContextType>;
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CreateChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['CreateChannelPayload'] = ResolversParentTypes['CreateChannelPayload']> = {
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelPayload'] = ResolversParentTypes['ChannelPayload']> = {
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type DeleteChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeleteChannelPayload'] = ResolversParentTypes['DeleteChannelPayload']> = {
  deletedChannelId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ProjectChannelPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ProjectChannelPayload'] = ResolversParentTypes['ProjectChannelPayload']> = {
  project?: Resolver<Maybe<ResolversTypes['Project']>, ParentType, ContextType>;
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ConnectAllProjectsPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ConnectAllProjectsPayload'] = ResolversParentTypes['ConnectAllProjectsPayload']> = {
  channel?: Resolver<Maybe<ResolversTypes['Channel']>, ParentType, ContextType>;
  allProjects?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  projects?: Resolver<Array<ResolversTypes['Project']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type ChannelKindSettingPayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['ChannelKindSettingPayload'] = ResolversParentTypes['ChannelKindSettingPayload']> = {
  setting?: Resolver<Maybe<ResolversTypes['ChannelKindSetting']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type NotificationServicePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['NotificationServicePayload'] = ResolversParentTypes['NotificationServicePayload']> = {
  notificationService?: Resolver<Maybe<ResolversTypes['NotificationService']>, ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['InputError']>, ParentType, ContextType>;
};

export type DeleteNotificationServicePayloadResolvers<ContextType = unknown, ParentType extends ResolversParentTypes['DeleteNotificationServicePayload'] = ResolversParentTypes['DeleteNotificationServicePayload']> = {
  deletedNotificationServiceId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
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
  DateTime?: GraphQLScalarType;
  Query?: QueryResolvers<ContextType>;
  ChannelKindSetting?: ChannelKindSettingResolvers<ContextType>;
  NotificationService?: NotificationServiceResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  NotificationServiceConnection?: NotificationServiceConnectionResolvers<ContextType>;
  NotificationServiceEdge?: NotificationServiceEdgeResolvers<ContextType>;
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
  ProjectConnection?: ProjectConnectionResolvers<ContextType>;
  ProjectEdge?: ProjectEdgeResolvers<ContextType>;
  CreateChannelPayload?: CreateChannelPayloadResolvers<ContextType>;
  ChannelPayload?: ChannelPayloadResolvers<ContextType>;
  DeleteChannelPayload?: DeleteChannelPayloadResolvers<ContextType>;
  ProjectChannelPayload?: ProjectChannelPayloadResolvers<ContextType>;
  ConnectAllProjectsPayload?: ConnectAllProjectsPayloadResolvers<ContextType>;
  ChannelKindSettingPayload?: ChannelKindSettingPayloadResolvers<ContextType>;
  NotificationServicePayload?: NotificationServicePayloadResolvers<ContextType>;
  DeleteNotificationServicePayload?: DeleteNotificationServicePayloadResolvers<ContextType>;
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
