// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here
// Bad input through the gateway, for every mutation of the supergraph: oversized strings, invalid URLs,
// invalid phones and e-mail addresses, unknown enum values and wrong types. Each is answered with a typed
// error — the mutation's InputError payload naming the field, or BAD_USER_INPUT when the value cannot even be
// coerced to the schema's type — never an internal error or an HTTP 500; and nothing is stored: the
// tenant's configuration reads the same afterwards, and the audit log (which records every change) shows no
// change made by the bad calls.
import { readFileSync } from 'node:fs';
import { waitFor } from '@tidings/testkit';
import { Kind, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Scenario, startScenario } from '../e2e/scenario.ts';

/** INPUT_ERROR: the payload's errors name what is wrong; BAD_USER_INPUT: a GraphQL error with that code. */
type Answer = 'INPUT_ERROR' | 'BAD_USER_INPUT';

interface Case {
  mutation: string;
  what: string;
  document: string;
  variables: Record<string, unknown>;
  expected: Answer;
}

/** Longer than any text field of the API allows, short enough for any request-size limit. */
const OVERSIZED = 'x'.repeat(30_000);
const ERRORS = 'errors { field message code }';

let world: Scenario;
const ids: Record<string, string> = {};

/**
 * The cases of one mutation taking `input: <inputType>!`: each bad value replaces (or adds) fields of a
 * valid input. `input` may be a function, for ids made in beforeAll.
 */
function casesOf(
  mutation: string,
  inputType: string,
  selection: string,
  valid: () => Record<string, unknown>,
  bad: Array<[what: string, patch: Record<string, unknown>, expected: Answer]>,
): Array<() => Case> {
  return bad.map(([what, patch, expected]) => () => ({
    mutation,
    what,
    document: `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} ${ERRORS} } }`,
    variables: { input: { ...valid(), ...patch } },
    expected,
  }));
}

const channelBasics = () => ({ name: 'bad input' });

const cases: Array<() => Case> = [
  // ── channels ──
  ...casesOf(
    'createDingTalkRobotChannel',
    'CreateDingTalkRobotChannelInput',
    'channel { id }',
    () => ({ ...channelBasics(), webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=tok' }),
    [
      ['oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
      ['oversized description', { description: OVERSIZED }, 'INPUT_ERROR'],
      ['a webhook URL that is not a URL', { webhookUrl: 'not a url' }, 'INPUT_ERROR'],
      [
        'a webhook URL of another host',
        { webhookUrl: 'https://evil.example.com/robot/send?access_token=t' },
        'INPUT_ERROR',
      ],
      [
        'an oversized webhook URL',
        { webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${OVERSIZED}` },
        'INPUT_ERROR',
      ],
      ['a signing secret without SEC', { signingSecret: 'nope' }, 'INPUT_ERROR'],
      ['too many keywords', { keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) }, 'INPUT_ERROR'],
      ['a number for the name', { name: 42 }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'createDingTalkAppChannel',
    'CreateDingTalkAppChannelInput',
    'channel { id }',
    () => ({
      ...channelBasics(),
      clientId: 'ding',
      clientSecret: 'secret',
      agentId: 1,
      mode: 'WORK_NOTIFICATION',
    }),
    [
      ['an unknown mode', { mode: 'TELEPATHY' }, 'BAD_USER_INPUT'],
      ['text for the agent id', { agentId: 'abc' }, 'BAD_USER_INPUT'],
      ['a negative agent id', { agentId: -5 }, 'INPUT_ERROR'],
      ['an oversized client secret', { clientSecret: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized client id', { clientId: OVERSIZED }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'createLarkBotChannel',
    'CreateLarkBotChannelInput',
    'channel { id }',
    () => ({
      ...channelBasics(),
      webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/0b9f3f4e-8f0c-4f4e',
    }),
    [
      ['a webhook URL that is not a URL', { webhookUrl: 'feishu please' }, 'INPUT_ERROR'],
      [
        'a webhook URL of another host',
        { webhookUrl: 'https://evil.example.com/open-apis/bot/v2/hook/x' },
        'INPUT_ERROR',
      ],
      ['an oversized signing secret', { signingSecret: OVERSIZED }, 'INPUT_ERROR'],
      [
        'an oversized webhook URL',
        { webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${OVERSIZED}` },
        'INPUT_ERROR',
      ],
    ],
  ),
  ...casesOf(
    'createLarkAppChannel',
    'CreateLarkAppChannelInput',
    'channel { id }',
    () => ({ ...channelBasics(), host: 'FEISHU', appId: 'cli_x', appSecret: 'secret' }),
    [
      ['an unknown host', { host: 'MARS' }, 'BAD_USER_INPUT'],
      ['an oversized app id', { appId: OVERSIZED }, 'INPUT_ERROR'],
      ['an empty app secret', { appSecret: '' }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'createWeComAppChannel',
    'CreateWeComAppChannelInput',
    'channel { id }',
    () => ({ ...channelBasics(), corpId: 'ww', corpSecret: 'secret', agentId: 1000002 }),
    [
      ['a proxy URL that is not http(s)', { proxyUrl: 'ftp://egress.internal:21' }, 'INPUT_ERROR'],
      [
        'a proxy URL with a password in it',
        { proxyUrl: 'http://user:pw@egress.internal:3128' },
        'INPUT_ERROR',
      ],
      ['an oversized corp id', { corpId: OVERSIZED }, 'INPUT_ERROR'],
      ['agent id 0', { agentId: 0 }, 'INPUT_ERROR'],
      ['text for safe', { safe: 'yes' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'createWeComRobotChannel',
    'CreateWeComRobotChannelInput',
    'channel { id }',
    () => ({ ...channelBasics(), webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k' }),
    [
      [
        'a webhook URL without its key',
        { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
        'INPUT_ERROR',
      ],
      ['a javascript: URL', { webhookUrl: 'javascript:alert(1)' }, 'INPUT_ERROR'],
      [
        'an oversized key',
        { webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${OVERSIZED}` },
        'INPUT_ERROR',
      ],
      ['a null webhook URL', { webhookUrl: null }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'createSmtpChannel',
    'CreateSmtpChannelInput',
    'channel { id }',
    () => ({
      ...channelBasics(),
      host: 'smtp.example.com',
      port: 587,
      security: 'STARTTLS',
      from: 'tidings@example.com',
    }),
    [
      ['a port out of range', { port: 70_000 }, 'INPUT_ERROR'],
      ['an unknown security', { security: 'SSL' }, 'BAD_USER_INPUT'],
      ['a sender that is not an address', { from: 'not-an-address' }, 'INPUT_ERROR'],
      ['an oversized host', { host: OVERSIZED }, 'INPUT_ERROR'],
      ['a port that is text', { port: 'twenty-five' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'createWebhookChannel',
    'CreateWebhookChannelInput',
    'channel { id }',
    () => ({ ...channelBasics(), url: 'https://hooks.example.com/tidings', secret: 'webhook-secret' }),
    [
      ['a URL that is not a URL', { url: 'not a url' }, 'INPUT_ERROR'],
      ['an ftp URL', { url: 'ftp://hooks.example.com/x' }, 'INPUT_ERROR'],
      ['an oversized URL', { url: `https://hooks.example.com/${OVERSIZED}` }, 'INPUT_ERROR'],
      ['an oversized secret', { secret: OVERSIZED }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'testChannel',
    'TestChannelInput',
    'result { outcome }',
    () => ({ channelId: ids.channel, target: { group: true } }),
    [
      ['a channel id that is not one', { channelId: 'not-a-channel' }, 'INPUT_ERROR'],
      ['an oversized channel id', { channelId: OVERSIZED }, 'INPUT_ERROR'],
      ['a phone that is not one', { target: { phone: 'call me' } }, 'INPUT_ERROR'],
      ['an e-mail address that is not one', { target: { email: 'nobody' } }, 'INPUT_ERROR'],
    ],
  ),
  ...['connectProjectToChannel', 'disconnectProjectFromChannel'].flatMap((mutation) =>
    casesOf(
      mutation,
      'ProjectChannelInput',
      'channel { id }',
      () => ({ projectId: 'p', channelId: ids.channel }),
      [
        ['an oversized project id', { projectId: OVERSIZED }, 'INPUT_ERROR'],
        ['an empty project id', { projectId: ' ' }, 'INPUT_ERROR'],
        ['an unknown channel', { channelId: '0b9f3f4e-8f0c-4f4e-9d51-3c2f1c1f9a01' }, 'INPUT_ERROR'],
        ['an oversized channel id', { channelId: OVERSIZED }, 'INPUT_ERROR'],
      ],
    ),
  ),
  ...['connectAllProjectsToChannel', 'disconnectAllProjectsFromChannel'].flatMap((mutation) =>
    casesOf(mutation, 'ConnectAllProjectsInput', 'allProjects', () => ({ channelId: ids.channel }), [
      ['an oversized channel id', { channelId: OVERSIZED }, 'INPUT_ERROR'],
      ['a number list for the channel id', { channelId: [1, 2] }, 'BAD_USER_INPUT'],
    ]),
  ),
  ...casesOf(
    'setChannelKindEnabled',
    'SetChannelKindEnabledInput',
    'setting { kind }',
    () => ({ kind: 'SMTP', enabled: false }),
    [
      ['an unknown kind', { kind: 'PIGEON' }, 'BAD_USER_INPUT'],
      ['text for enabled', { enabled: 'yes' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'setChannelEnabled',
    'SetChannelEnabledInput',
    'channel { id }',
    () => ({ id: ids.channel, enabled: false }),
    [
      ['an unknown channel', { id: 'not-a-channel' }, 'INPUT_ERROR'],
      ['null for enabled', { enabled: null }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf('deleteChannel', 'DeleteChannelInput', 'deletedChannelId', () => ({ id: ids.channel }), [
    ['an unknown channel', { id: 'not-a-channel' }, 'INPUT_ERROR'],
    ['an oversized id', { id: OVERSIZED }, 'INPUT_ERROR'],
  ]),
  ...casesOf(
    'createNotificationService',
    'CreateNotificationServiceInput',
    'notificationService { id }',
    () => ({ name: 'on-call', channelIds: [ids.channel] }),
    [
      ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized description', { description: OVERSIZED }, 'INPUT_ERROR'],
      ['a channel that is not one', { channelIds: ['not-a-channel'] }, 'INPUT_ERROR'],
      ['no channel', { channelIds: [] }, 'INPUT_ERROR'],
      ['too many members', { memberUserIds: Array.from({ length: 1001 }, (_, i) => `u${i}`) }, 'INPUT_ERROR'],
      ['an oversized member id', { memberUserIds: [OVERSIZED] }, 'INPUT_ERROR'],
      ['text for enabled', { enabled: 'maybe' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf(
    'updateNotificationService',
    'UpdateNotificationServiceInput',
    'notificationService { id }',
    () => ({ id: ids.service }),
    [
      ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
      ['an empty name', { name: '' }, 'INPUT_ERROR'],
      ['a channel that is not one', { channelIds: ['not-a-channel'] }, 'INPUT_ERROR'],
      ['an unknown service', { id: 'not-a-service' }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'deleteNotificationService',
    'DeleteNotificationServiceInput',
    'deletedNotificationServiceId',
    () => ({ id: ids.service }),
    [['an oversized id', { id: OVERSIZED }, 'INPUT_ERROR']],
  ),

  // ── deliveries ──
  ...casesOf('replayDeadLetter', 'ReplayDeadLetterInput', 'delivery { id }', () => ({ deliveryId: 'x' }), [
    ['an empty delivery id', { deliveryId: ' ' }, 'INPUT_ERROR'],
    ['an oversized delivery id', { deliveryId: OVERSIZED }, 'INPUT_ERROR'],
  ]),
  ...casesOf('replayDeadLetters', 'ReplayDeadLettersInput', 'replayed', () => ({}), [
    [
      'since after until',
      { filter: { since: '2030-01-02T00:00:00Z', until: '2030-01-01T00:00:00Z' } },
      'INPUT_ERROR',
    ],
    ['an empty channel id', { filter: { channelId: '' } }, 'INPUT_ERROR'],
    ['a time that is not one', { filter: { since: 'yesterday' } }, 'BAD_USER_INPUT'],
  ]),

  // ── identity ──
  ...casesOf('createUser', 'CreateUserInput', 'user { id }', () => ({ id: 'newcomer', name: 'Newcomer' }), [
    ['an oversized id', { id: OVERSIZED }, 'INPUT_ERROR'],
    ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
    ['a phone that is not one', { phone: 'call me maybe' }, 'INPUT_ERROR'],
    ['a phone too short', { phone: '+1' }, 'INPUT_ERROR'],
    ['a phone without its country', { phone: '5550100' }, 'INPUT_ERROR'],
    ['an unknown phone region', { phone: '5550100', phoneRegion: 'ZZ' }, 'INPUT_ERROR'],
    ['an e-mail address that is not one', { email: 'not-an-address' }, 'INPUT_ERROR'],
    ['an oversized e-mail address', { email: `${OVERSIZED}@example.com` }, 'INPUT_ERROR'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'INPUT_ERROR'],
    ['a locale that is not one', { locale: 'not a locale!' }, 'INPUT_ERROR'],
    ['a list for the name', { name: ['a', 'b'] }, 'BAD_USER_INPUT'],
  ]),
  ...[
    ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
    ['a phone that is not one', { phone: 'call me maybe' }, 'INPUT_ERROR'],
    ['an e-mail address that is not one', { email: 'nobody@' }, 'INPUT_ERROR'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'INPUT_ERROR'],
    ['a number for the locale', { locale: 7 }, 'BAD_USER_INPUT'],
  ].map(
    ([what, input, expected]) =>
      (): Case => ({
        mutation: 'updateUser',
        what: what as string,
        document: `mutation ($input: UpdateUserInput!) { updateUser(id: "target", input: $input) { user { id } ${ERRORS} } }`,
        variables: { input },
        expected: expected as Answer,
      }),
  ),
  ...casesOf(
    'setPlatformIdentity',
    'SetPlatformIdentityInput',
    'user { id }',
    () => ({ userId: 'target', platform: 'DINGTALK', platformUserId: 'dt-1' }),
    [
      ['an unknown platform', { platform: 'MYSPACE' }, 'BAD_USER_INPUT'],
      ['an oversized platform user id', { platformUserId: OVERSIZED }, 'INPUT_ERROR'],
      ['an empty platform user id', { platformUserId: '' }, 'INPUT_ERROR'],
      ['an unknown person', { userId: 'nobody' }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'clearPlatformIdentity',
    'ClearPlatformIdentityInput',
    'user { id }',
    () => ({ userId: 'target', platform: 'DINGTALK' }),
    [
      ['an unknown platform', { platform: 'MYSPACE' }, 'BAD_USER_INPUT'],
      ['an oversized person id', { userId: OVERSIZED }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'importPlatformIdentities',
    'ImportPlatformIdentitiesInput',
    'imported',
    () => ({ platform: 'WECOM', members: [] }),
    [
      ['an unknown platform', { platform: 'MYSPACE' }, 'BAD_USER_INPUT'],
      [
        'a member whose phone is not one',
        { members: [{ platformUserId: 'wc-1', phone: 'call me' }] },
        'INPUT_ERROR',
      ],
      [
        'a member with an oversized platform id',
        { members: [{ platformUserId: OVERSIZED, userId: 'target' }] },
        'INPUT_ERROR',
      ],
      [
        'a member matching nobody',
        { members: [{ platformUserId: 'wc-2', email: 'nobody@example.com' }] },
        'INPUT_ERROR',
      ],
    ],
  ),
  ...['muteNotifications', 'unmuteNotifications'].flatMap((mutation) =>
    casesOf(mutation, 'MuteInput', 'preferences { updatedAt }', () => ({ userId: 'target' }), [
      ['nothing to mute', {}, 'INPUT_ERROR'],
      ['an unknown event type', { eventType: 'EXPLODED' }, 'BAD_USER_INPUT'],
      ['an oversized project id', { projectId: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized custom event type', { customEventType: OVERSIZED }, 'INPUT_ERROR'],
      ['an unknown person', { userId: 'nobody', projectId: 'p' }, 'INPUT_ERROR'],
    ]),
  ),

  // ── subscriptions ──
  ...casesOf(
    'createRule',
    'CreateRuleInput',
    'rule { id }',
    () => ({ name: 'r', eventTypes: ['COMMENT_ADDED'], roles: ['CREATOR'], channelIds: [ids.channel] }),
    [
      ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
      ['an unknown event type', { eventTypes: ['EXPLODED'] }, 'BAD_USER_INPUT'],
      ['an unknown role', { roles: ['BOSS'] }, 'BAD_USER_INPUT'],
      ['an oversized project id', { projectIds: [OVERSIZED] }, 'INPUT_ERROR'],
      ['a template that is not one', { templateId: 'not-a-template' }, 'INPUT_ERROR'],
      ['a channel id that is not one', { channelIds: ['not-a-channel'] }, 'INPUT_ERROR'],
      ['an oversized custom event type', { customEventTypes: [OVERSIZED] }, 'INPUT_ERROR'],
      ['text for mentionAll', { mentionAll: 'always' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf('updateRule', 'UpdateRuleInput', 'rule { id }', () => ({ id: ids.rule }), [
    ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
    ['an unknown event type', { eventTypes: ['EXPLODED'] }, 'BAD_USER_INPUT'],
    ['an unknown rule', { id: 'not-a-rule' }, 'INPUT_ERROR'],
    ['an oversized status', { statuses: [OVERSIZED] }, 'INPUT_ERROR'],
  ]),
  ...casesOf(
    'setRuleEnabled',
    'SetRuleEnabledInput',
    'rule { id }',
    () => ({ id: ids.rule, enabled: false }),
    [
      ['an oversized id', { id: OVERSIZED }, 'INPUT_ERROR'],
      ['text for enabled', { enabled: 'off' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf('deleteRule', 'DeleteRuleInput', 'deletedRuleId', () => ({ id: ids.rule }), [
    ['an unknown rule', { id: 'not-a-rule' }, 'INPUT_ERROR'],
  ]),
  ...['followTicket', 'unfollowTicket', 'followProject', 'unfollowProject'].flatMap((mutation) =>
    casesOf(mutation, 'WatchInput', 'watch { following }', () => ({ targetId: 't-1', userId: 'target' }), [
      ['an oversized target id', { targetId: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized person id', { userId: OVERSIZED }, 'INPUT_ERROR'],
      ['an empty target id', { targetId: '' }, 'INPUT_ERROR'],
    ]),
  ),
  ...casesOf(
    'clearWatch',
    'ClearWatchInput',
    'watch { following }',
    () => ({ target: 'TICKET', targetId: 't-1', userId: 'target' }),
    [
      ['an unknown target kind', { target: 'GALAXY' }, 'BAD_USER_INPUT'],
      ['an oversized target id', { targetId: OVERSIZED }, 'INPUT_ERROR'],
    ],
  ),
  ...casesOf(
    'createTemplate',
    'CreateTemplateInput',
    'template { id }',
    () => ({ name: 'bad', format: 'TEXT', locale: 'en', title: 't', body: 'b' }),
    [
      ['an unknown format', { format: 'PDF' }, 'BAD_USER_INPUT'],
      ['an oversized name', { name: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized body', { body: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized title', { title: OVERSIZED }, 'INPUT_ERROR'],
      ['an oversized locale', { locale: OVERSIZED }, 'INPUT_ERROR'],
      ['a locale that is not one', { locale: 'not a locale!' }, 'INPUT_ERROR'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder, as people write them
      ['an unknown variable', { body: '${nothing.here}' }, 'INPUT_ERROR'],
      ['an unknown event type', { eventType: 'EXPLODED' }, 'BAD_USER_INPUT'],
    ],
  ),
  ...casesOf('updateTemplate', 'UpdateTemplateInput', 'template { id }', () => ({ id: ids.template }), [
    ['an oversized body', { body: OVERSIZED }, 'INPUT_ERROR'],
    ['an unknown format', { format: 'PDF' }, 'BAD_USER_INPUT'],
    ['an unknown template', { id: 'not-a-template' }, 'INPUT_ERROR'],
  ]),
  ...casesOf('deleteTemplate', 'DeleteTemplateInput', 'deletedTemplateId', () => ({ id: ids.template }), [
    ['an unknown template', { id: 'not-a-template' }, 'INPUT_ERROR'],
    ['an oversized id', { id: OVERSIZED }, 'INPUT_ERROR'],
  ]),
  ...casesOf('updateTenantSettings', 'UpdateTenantSettingsInput', 'settings { defaultLocale }', () => ({}), [
    ['a ticket URL prefix that is not a URL', { ticketUrlPrefix: 'not a url' }, 'INPUT_ERROR'],
    [
      'an oversized ticket URL prefix',
      { ticketUrlPrefix: `https://tickets.example.com/${OVERSIZED}` },
      'INPUT_ERROR',
    ],
    ['an unknown time zone', { defaultTimeZone: 'Mars/Olympus_Mons' }, 'INPUT_ERROR'],
    ['an oversized locale', { defaultLocale: OVERSIZED }, 'INPUT_ERROR'],
    ['a number for the locale', { defaultLocale: 7 }, 'BAD_USER_INPUT'],
  ]),
];

/** How the gateway answered: one of the typed answers, or a description of anything else. */
async function answerOf(testCase: Case): Promise<{ answer: string; body: any }> {
  const response = await fetch(world.mesh.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${world.admin.token}` },
    body: JSON.stringify({ query: testCase.document, variables: testCase.variables }),
  });
  const text = await response.text();
  if (response.status >= 500) return { answer: `HTTP ${response.status}`, body: text };
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    return { answer: `HTTP ${response.status}, not JSON`, body: text };
  }
  const error = body.errors?.[0];
  if (error) return { answer: String(error.extensions?.code ?? 'NO CODE'), body };
  const payload = body.data?.[testCase.mutation];
  if (Array.isArray(payload?.errors) && payload.errors.length > 0) return { answer: 'INPUT_ERROR', body };
  return { answer: 'ACCEPTED', body };
}

/** What the tenant's configuration reads like: compared before and after the bad calls. */
const CONFIGURATION = `query {
  channels { edges { node { id name description enabled } } }
  channelKindSettings { kind enabled }
  notificationServices { edges { node { id name description enabled members { id } } } }
  users { edges { node { id name email phone locale timeZone
    identities { platform platformUserId }
    preferences { mutedProjects { id } mutedEventTypes mutedCustomEventTypes }
    watches { target targetId following } } } }
  rules { edges { node { id name enabled projectIds statuses } } }
  templates { edges { node { id name title body locale } } }
  tenantSettings { ticketUrlPrefix defaultLocale defaultTimeZone }
}`;

function mutationFields(): string[] {
  const sdl = readFileSync(new URL('../../graphql/supergraph.graphql', import.meta.url), 'utf8');
  for (const definition of parse(sdl).definitions)
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Mutation')
      return (definition.fields ?? []).map((field) => field.name.value).sort();
  throw new Error('the supergraph has no Mutation type');
}

let before: unknown;

beforeAll(async () => {
  world = await startScenario('bad-input');
  await world.admin.mutate(
    `mutation { createUser(input: { id: "target", name: "Target" }) { user { id } ${ERRORS} } }`,
  );
  ids.channel = (
    await world.admin.mutate(
      `mutation { createWeComRobotChannel(input: { name: "ops", webhookUrl: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=bad-input" }) { channel { id } ${ERRORS} } }`,
    )
  ).channel.id;
  ids.service = (
    await world.admin.mutate(
      `mutation ($c: ID!) { createNotificationService(input: { name: "on-call", channelIds: [$c] }) { notificationService { id } ${ERRORS} } }`,
      { c: ids.channel },
    )
  ).notificationService.id;
  ids.rule = (
    await world.admin.mutate(
      `mutation ($c: ID!) { createRule(input: { name: "r", eventTypes: [COMMENT_ADDED], roles: [CREATOR], channelIds: [$c] }) { rule { id } ${ERRORS} } }`,
      { c: ids.channel },
    )
  ).rule.id;
  ids.template = (
    await world.admin.mutate(
      `mutation { createTemplate(input: { name: "t", format: TEXT, locale: "en", title: "t", body: "b" }) { template { id } ${ERRORS} } }`,
    )
  ).template.id;
  before = await world.admin.call(CONFIGURATION);
});

afterAll(async () => {
  await world?.stop();
});

describe('bad input', () => {
  it('has cases for every mutation of the supergraph', () => {
    const covered = [...new Set(cases.map((make) => make().mutation))].sort();
    expect(covered).toEqual(mutationFields());
  });

  it('answers every bad input with a typed error naming the field, never an internal error', async () => {
    const wrong: string[] = [];
    for (const make of cases) {
      const testCase = make();
      const { answer, body } = await answerOf(testCase);
      if (answer !== testCase.expected) {
        wrong.push(
          `${testCase.mutation} with ${testCase.what}: ${answer} (expected ${testCase.expected}) ${JSON.stringify(body).slice(0, 400)}`,
        );
        continue;
      }
      if (answer === 'INPUT_ERROR') {
        for (const problem of body.data[testCase.mutation].errors)
          if (!(problem.field.length > 0 && problem.message && problem.code))
            wrong.push(
              `${testCase.mutation} with ${testCase.what}: an InputError without field, message or code`,
            );
        // Whatever the payload returns besides errors is empty: nothing was made or changed.
        const { errors: _, ...rest } = body.data[testCase.mutation];
        for (const [key, value] of Object.entries(rest))
          if (
            value !== null &&
            value !== false &&
            value !== 0 &&
            !(Array.isArray(value) && value.length === 0)
          )
            wrong.push(
              `${testCase.mutation} with ${testCase.what}: returned ${key} ${JSON.stringify(value)}`,
            );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('stores nothing: the configuration reads the same and the audit log shows no change by a bad call', async () => {
    expect(await world.admin.call(CONFIGURATION)).toEqual(before);
    // A last good change per service; the audit topic keeps each service's records in commit order, so once
    // these three are in the log, anything a bad call recorded before them would be too.
    await world.admin.mutate(
      `mutation ($id: ID!) { setChannelEnabled(input: { id: $id, enabled: false }) { channel { id } ${ERRORS} } }`,
      { id: ids.channel },
    );
    await world.admin.mutate(
      `mutation { updateUser(id: "target", input: { name: "Target again" }) { user { id } ${ERRORS} } }`,
    );
    await world.admin.mutate(
      `mutation ($id: ID!) { updateRule(input: { id: $id, name: "r again" }) { rule { id } ${ERRORS} } }`,
      { id: ids.rule },
    );
    const lastGood = ['setChannelEnabled', 'updateUser', 'updateRule'];
    let mutations: string[] = [];
    await waitFor('the last good changes in the audit log', async () => {
      const log = await world.admin.call(`query { auditLog { edges { node { mutation } } } }`);
      mutations = log.auditLog.edges.map((edge: any) => edge.node.mutation);
      return lastGood.every((name) => mutations.includes(name));
    });
    expect(mutations.sort()).toEqual(
      [
        'createUser',
        'createWeComRobotChannel',
        'createNotificationService',
        'createRule',
        'createTemplate',
        ...lastGood,
      ].sort(),
    );
  });
});
