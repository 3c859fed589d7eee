/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are Tidings templates, `${…}` is theirs */
import type { Claims } from '@tidings/auth';
import { readStateMessages } from '@tidings/graphql/testing';
import { createKafka } from '@tidings/kafka';
import {
  stateTopics,
  templateStateSchema,
  tenantSettingsStateKey,
  tenantSettingsStateSchema,
  type UserState,
  userStateKey,
} from '@tidings/state';
import { uniqueName, waitFor } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokers, dataOf, type Harness, startSubscriptions } from './harness.ts';

const tenantA = uniqueName('tenant-a');
const tenantB = uniqueName('tenant-b');
const adminA: Claims = { userId: 'admin', tenantId: tenantA, roles: ['tenant-admin'], ownedProjectIds: [] };
const memberA: Claims = { userId: 'lan', tenantId: tenantA, roles: [], ownedProjectIds: ['p1'] };
const adminB: Claims = { userId: 'admin', tenantId: tenantB, roles: ['tenant-admin'], ownedProjectIds: [] };

const CHANNEL = '5a0c9a3e-2b0c-4f57-9d5e-0d7f1c8b9e11';
const PREFIX = 'https://tickets.example.com/';

const TEMPLATE_FIELDS = 'id name eventType customEventType format locale title body createdAt updatedAt';
const PAYLOAD = `template { ${TEMPLATE_FIELDS} } errors { field message code }`;
const CREATE = `mutation($input: CreateTemplateInput!) { createTemplate(input: $input) { ${PAYLOAD} } }`;
const UPDATE = `mutation($input: UpdateTemplateInput!) { updateTemplate(input: $input) { ${PAYLOAD} } }`;
const DELETE = `mutation($input: DeleteTemplateInput!) {
  deleteTemplate(input: $input) { deletedTemplateId errors { field code } }
}`;
const TEMPLATE = `query($id: ID!) { template(id: $id) { id name } }`;
const TEMPLATES = `{ templates { edges { node { id } } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Template { id name } } }`;
const PREVIEW = `query($input: PreviewTemplateInput!) {
  previewTemplate(input: $input) { preview { title body format locale source } errors { field message code } }
}`;
const SETTINGS = `{ tenantSettings { ticketUrlPrefix defaultLocale defaultTimeZone updatedAt } }`;
const UPDATE_SETTINGS = `mutation($input: UpdateTenantSettingsInput!) {
  updateTenantSettings(input: $input) {
    settings { ticketUrlPrefix defaultLocale defaultTimeZone updatedAt } errors { field message code }
  }
}`;
const CREATE_RULE = `mutation($input: CreateRuleInput!) { createRule(input: $input) { rule { id } errors { field } } }`;

interface Template {
  id: string;
  [field: string]: unknown;
}
interface Payload {
  template: Template | null;
  errors: Array<{ field: string[]; message: string; code: string }>;
}
interface Preview {
  preview: { title: string; body: string; format: string; locale: string; source: string } | null;
  errors: Array<{ field: string[]; message: string; code: string }>;
}

/** Seed 004: a pipeline's custom DingTalk markdown, its variables spelt the Tidings way. */
const PIPELINE_TEMPLATE = {
  name: 'Pipeline failed (DingTalk)',
  customEventType: 'pipeline.failed',
  format: 'MARKDOWN',
  locale: 'ru',
  title: 'Конвейер ${attributes.PIPELINE_NAME}',
  body: '### Конвейер ${attributes.PIPELINE_NAME}: ${custom.type}\n\nЗадача: ${ticket.url}',
};

const pipelineEvent = {
  customType: 'pipeline.failed',
  projectId: 'p1',
  ticket: { id: 't-12', key: 'OPS-12', title: 'Nightly build', path: 'issues/OPS-12' },
  attributes: [{ key: 'PIPELINE_NAME', value: 'nightly' }],
};

const createdEvent = {
  eventType: 'TICKET_CREATED',
  projectId: 'p1',
  actorId: 'lan',
  actorName: 'Lan',
  ticket: { id: 't-13', key: 'OPS-13', title: 'Disk full on db-1', path: '/issues/OPS-13', status: 'open' },
};

let harness: Harness;
const create = async (caller: Claims, input: Record<string, unknown>) =>
  dataOf(await harness.request<{ createTemplate: Payload }>(caller, CREATE, { input })).createTemplate;
const preview = async (caller: Claims, input: Record<string, unknown>) =>
  dataOf(await harness.request<{ previewTemplate: Preview }>(caller, PREVIEW, { input })).previewTemplate;

beforeAll(async () => {
  harness = await startSubscriptions();
});

afterAll(async () => {
  await harness?.stop();
});

describe('tenant settings', () => {
  it('has defaults until a tenant admin changes them, publishing the change', async () => {
    expect(dataOf(await harness.request(memberA, SETTINGS))).toEqual({
      tenantSettings: { ticketUrlPrefix: null, defaultLocale: 'en', defaultTimeZone: 'UTC', updatedAt: null },
    });
    const updated = await harness.request(adminA, UPDATE_SETTINGS, {
      input: { ticketUrlPrefix: PREFIX, defaultLocale: 'zh-cn', defaultTimeZone: 'Asia/Shanghai' },
    });
    expect(dataOf(updated)).toEqual({
      updateTenantSettings: {
        settings: {
          ticketUrlPrefix: PREFIX,
          defaultLocale: 'zh-CN',
          defaultTimeZone: 'Asia/Shanghai',
          updatedAt: expect.stringMatching(/Z$/),
        },
        errors: [],
      },
    });
    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.tenantSettings,
      key: tenantSettingsStateKey({ tenantId: tenantA }),
      done: (found) => found.length >= 1,
    });
    expect(tenantSettingsStateSchema.parse(message?.value)).toMatchObject({
      tenantId: tenantA,
      ticketUrlPrefix: PREFIX,
      defaultLocale: 'zh-CN',
      defaultTimeZone: 'Asia/Shanghai',
    });
  });

  it('refuses bad values by field, and callers who are not tenant admins', async () => {
    const bad = await harness.request<{ updateTenantSettings: { errors: Array<{ field: string[] }> } }>(
      adminA,
      UPDATE_SETTINGS,
      {
        input: {
          ticketUrlPrefix: 'javascript:alert(1)',
          defaultLocale: 'xx_YY!',
          defaultTimeZone: 'Moon/Base',
        },
      },
    );
    expect(dataOf(bad).updateTenantSettings.errors.map((e) => e.field)).toEqual([
      ['ticketUrlPrefix'],
      ['defaultLocale'],
      ['defaultTimeZone'],
    ]);
    const member = await harness.request(memberA, UPDATE_SETTINGS, { input: { defaultLocale: 'vi' } });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      dataOf(await harness.request<{ tenantSettings: unknown }>(memberA, SETTINGS)).tenantSettings,
    ).toMatchObject({
      defaultLocale: 'zh-CN',
    });
  });

  it('stores the outbound allowlist in canonical form, publishes it, and names each bad entry', async () => {
    const ALLOW = `mutation($input: UpdateTenantSettingsInput!) {
      updateTenantSettings(input: $input) { settings { outboundAllow } errors { field message code } }
    }`;
    const updated = await harness.request(adminA, ALLOW, {
      input: { outboundAllow: ['10.20.0.0/16', '10.1.2.3', 'Hooks.Corp.Example'] },
    });
    expect(dataOf(updated)).toEqual({
      updateTenantSettings: {
        settings: { outboundAllow: ['10.20.0.0/16', '10.1.2.3/32', 'hooks.corp.example'] },
        errors: [],
      },
    });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.tenantSettings,
      key: tenantSettingsStateKey({ tenantId: tenantA }),
      done: (found) =>
        found.some((m) => (tenantSettingsStateSchema.parse(m.value).outboundAllow ?? []).length === 3),
    });
    expect(tenantSettingsStateSchema.parse(messages.at(-1)?.value).outboundAllow).toEqual([
      '10.20.0.0/16',
      '10.1.2.3/32',
      'hooks.corp.example',
    ]);
    const bad = await harness.request(adminA, ALLOW, {
      input: { outboundAllow: ['10.0.0.0/8', '10.0.0.0/33', '169.254.169.254'] },
    });
    expect(dataOf(bad)).toEqual({
      updateTenantSettings: {
        settings: null,
        errors: [
          {
            field: ['outboundAllow', '1'],
            code: 'INVALID_ALLOWLIST_ENTRY',
            message:
              'outbound allowlist entry "10.0.0.0/33" is not a CIDR range: the prefix length must be a whole number from 0 to 32',
          },
          {
            field: ['outboundAllow', '2'],
            code: 'INVALID_ALLOWLIST_ENTRY',
            message:
              'outbound allowlist entry "169.254.169.254" covers the cloud metadata address 169.254.169.254, which a tenant cannot allow (only the platform\'s OUTBOUND_ALLOW can)',
          },
        ],
      },
    });
    const cleared = await harness.request(adminA, ALLOW, { input: { outboundAllow: null } });
    expect(dataOf(cleared)).toMatchObject({ updateTenantSettings: { settings: { outboundAllow: [] } } });
  });

  it('keeps each tenant’s settings to itself', async () => {
    expect(dataOf(await harness.request(adminB, SETTINGS))).toEqual({
      tenantSettings: { ticketUrlPrefix: null, defaultLocale: 'en', defaultTimeZone: 'UTC', updatedAt: null },
    });
  });
});

describe('templates', () => {
  let pipeline: Template;
  let override: Template;

  it('creates a custom-event template and publishes it', async () => {
    const result = await create(adminA, PIPELINE_TEMPLATE);
    expect(result.errors).toEqual([]);
    pipeline = result.template!;
    expect(pipeline).toMatchObject({ ...PIPELINE_TEMPLATE, eventType: null });
    const [message] = await readStateMessages({
      brokers,
      topic: stateTopics.templates,
      key: pipeline.id,
      done: (found) => found.length >= 1,
    });
    expect(templateStateSchema.parse(message?.value)).toMatchObject({
      tenantId: tenantA,
      eventType: 'custom:pipeline.failed',
      format: 'markdown',
      locale: 'ru',
      body: PIPELINE_TEMPLATE.body,
    });
  });

  it('names an unknown variable in the error', async () => {
    const result = await create(adminA, {
      ...PIPELINE_TEMPLATE,
      customEventType: null,
      body: 'Hi ${ticket.titel}',
    });
    expect(result.template).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ field: ['body'], code: 'unknown-variable' });
    expect(result.errors[0]?.message).toContain('ticket.titel');
  });

  it('refuses a second override for the same event type, format and locale', async () => {
    const input = {
      name: 'Created (text, en)',
      eventType: 'TICKET_CREATED',
      format: 'TEXT',
      locale: 'en',
      title: 'New: ${ticket.title}',
      body: 'Opened by ${actor.name}: ${ticket.url}',
    };
    const first = await create(adminA, input);
    expect(first.errors).toEqual([]);
    override = first.template!;
    const second = await create(adminA, { ...input, name: 'Another' });
    expect(second).toMatchObject({
      template: null,
      errors: [{ field: ['eventType'], code: 'ALREADY_EXISTS' }],
    });
    // Another locale is another override.
    expect((await create(adminA, { ...input, locale: 'vi' })).errors).toEqual([]);
    // Another tenant has overrides of its own.
    expect((await create(adminB, input)).errors).toEqual([]);
  });

  it('names other bad fields, and lets only tenant admins write', async () => {
    const both = await create(adminA, { ...PIPELINE_TEMPLATE, eventType: 'COMMENT_ADDED', locale: 'ru_RU!' });
    expect(both.errors.map((e) => e.field)).toEqual([['customEventType'], ['locale']]);
    const member = await harness.request(memberA, CREATE, { input: PIPELINE_TEMPLATE });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('updates the fields given', async () => {
    const result = await harness.request<{ updateTemplate: Payload }>(adminA, UPDATE, {
      input: { id: pipeline.id, title: 'Сбой: ${attributes.PIPELINE_NAME}' },
    });
    expect(dataOf(result).updateTemplate).toMatchObject({
      template: { title: 'Сбой: ${attributes.PIPELINE_NAME}', body: PIPELINE_TEMPLATE.body, locale: 'ru' },
      errors: [],
    });
    const clash = await harness.request<{ updateTemplate: Payload }>(adminA, UPDATE, {
      input: { id: pipeline.id, eventType: 'TICKET_CREATED', format: 'TEXT', locale: 'en' },
    });
    expect(dataOf(clash).updateTemplate.errors).toMatchObject([
      { field: ['eventType'], code: 'ALREADY_EXISTS' },
    ]);
  });

  it('lists the variables and the shipped defaults', async () => {
    const variables = dataOf(
      await harness.request<{ templateVariables: Array<{ name: string; description: string }> }>(
        memberA,
        '{ templateVariables { name description } }',
      ),
    ).templateVariables;
    expect(variables.map((v) => v.name)).toEqual(expect.arrayContaining(['ticket.title', 'ticket.url']));
    expect(variables.every((v) => v.description.length > 0)).toBe(true);
    const shipped = dataOf(
      await harness.request<{ defaultTemplate: { body: string; locale: string; source: string } }>(
        memberA,
        '{ defaultTemplate(eventType: COMMENT_ADDED, format: MARKDOWN, locale: "vi-VN") { title body locale source } }',
      ),
    ).defaultTemplate;
    expect(shipped).toMatchObject({ locale: 'vi', source: 'default' });
    expect(shipped.body).toContain('${');
  });

  it('previews seed 004’s custom markdown with the tenant’s URL prefix, sending nothing', async () => {
    const result = await preview(memberA, { templateId: pipeline.id, event: pipelineEvent });
    expect(result.errors).toEqual([]);
    expect(result.preview).toMatchObject({ format: 'MARKDOWN', locale: 'ru', source: 'rule' });
    expect(result.preview?.title).toBe('Сбой: nightly');
    expect(result.preview?.body).toContain('nightly');
    expect(result.preview?.body).toContain('pipeline.failed');
    expect(result.preview?.body).toContain(`${PREFIX}issues/OPS-12`);

    const draft = await preview(memberA, {
      format: 'MARKDOWN',
      title: 'Конвейер ${attributes.PIPELINE_NAME}',
      body: 'Готово: ${attributes.PIPELINE_NAME}',
      event: pipelineEvent,
    });
    expect(draft.preview).toMatchObject({ title: 'Конвейер nightly', body: 'Готово: nightly' });
  });

  it('previews the default in the tenant’s zh-CN, and the tenant’s override where there is one', async () => {
    const shipped = await preview(memberA, { format: 'MARKDOWN', event: createdEvent });
    expect(shipped.errors).toEqual([]);
    expect(shipped.preview).toMatchObject({ format: 'MARKDOWN', locale: 'zh-CN', source: 'default' });
    expect(shipped.preview?.body).toMatch(/[\u4e00-\u9fff]/);
    expect(shipped.preview?.body).toContain(`${PREFIX}issues/OPS-13`);
    const english = await preview(memberA, { format: 'MARKDOWN', locale: 'en', event: createdEvent });
    expect(english.preview?.locale).toBe('en');
    expect(english.preview?.body).not.toEqual(shipped.preview?.body);

    const tenant = await preview(memberA, { format: 'TEXT', locale: 'en', event: createdEvent });
    expect(tenant.preview).toEqual({
      title: 'New: Disk full on db-1',
      body: `Opened by Lan: ${PREFIX}issues/OPS-13`,
      format: 'TEXT',
      locale: 'en',
      source: 'tenant',
    });
  });

  it('renders for a recipient in their locale, with names the identity subgraph published', async () => {
    const minh: UserState = {
      tenantId: tenantA,
      id: 'minh',
      name: 'Trần Minh',
      email: null,
      phone: null,
      locale: 'vi',
      timeZone: 'Asia/Ho_Chi_Minh',
      updatedAt: new Date().toISOString(),
    };
    const kafka = createKafka({ brokers, clientId: 'subscriptions-test' });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({
        topic: stateTopics.users,
        messages: [{ key: userStateKey(minh), value: JSON.stringify(minh) }],
      });
    } finally {
      await producer.disconnect();
    }
    const event = { ...createdEvent, actorId: 'minh', actorName: null };
    let rendered: Preview | undefined;
    await waitFor('the preview to use the published person', async () => {
      rendered = await preview(memberA, { format: 'MARKDOWN', recipientId: 'minh', event });
      return rendered.preview?.locale === 'vi';
    });
    expect(rendered?.preview?.body).toContain('Trần Minh');
    // Another tenant's person of the same id is not this one.
    const elsewhere = await preview(adminB, { format: 'MARKDOWN', recipientId: 'minh', event });
    expect(elsewhere.preview?.locale).toBe('en');
    expect(elsewhere.preview?.body).not.toContain('Trần Minh');
  });

  it('names the problems of a preview', async () => {
    const noFormat = await preview(memberA, { event: createdEvent });
    expect(noFormat.errors.map((e) => e.field)).toEqual([['format']]);
    const unknownVariable = await preview(memberA, {
      format: 'TEXT',
      title: 't',
      body: '${nope}',
      event: createdEvent,
    });
    expect(unknownVariable.errors).toMatchObject([{ field: ['body'], code: 'unknown-variable' }]);
    const otherTenant = await preview(adminB, { templateId: pipeline.id, event: pipelineEvent });
    expect(otherTenant.errors).toMatchObject([{ field: ['templateId'], code: 'NOT_FOUND' }]);
  });

  it('refuses to delete a template a rule uses, and deletes it with a tombstone otherwise', async () => {
    const rule = await harness.request<{ createRule: { rule: { id: string } } }>(adminA, CREATE_RULE, {
      input: {
        name: 'r',
        eventTypes: ['TICKET_CREATED'],
        roles: ['CREATOR'],
        channelIds: [CHANNEL],
        templateId: override.id,
      },
    });
    expect(dataOf(rule).createRule.rule.id).toBeTruthy();
    const inUse = await harness.request(adminA, DELETE, { input: { id: override.id } });
    expect(dataOf(inUse)).toEqual({
      deleteTemplate: { deletedTemplateId: null, errors: [{ field: ['id'], code: 'IN_USE' }] },
    });

    const deleted = await harness.request(adminA, DELETE, { input: { id: pipeline.id } });
    expect(dataOf(deleted)).toEqual({ deleteTemplate: { deletedTemplateId: pipeline.id, errors: [] } });
    expect(dataOf(await harness.request(adminA, TEMPLATE, { id: pipeline.id }))).toEqual({ template: null });
    const messages = await readStateMessages({
      brokers,
      topic: stateTopics.templates,
      key: pipeline.id,
      done: (found) => found.at(-1)?.value === null,
    });
    expect(messages.at(-1)?.value).toBeNull();
  });

  it('keeps templates within the tenant, _entities too', async () => {
    expect(dataOf(await harness.request(adminB, TEMPLATE, { id: override.id }))).toEqual({ template: null });
    const entities = await harness.request(adminB, ENTITIES, {
      r: [{ __typename: 'Template', id: override.id }],
    });
    expect(dataOf(entities)).toEqual({ _entities: [null] });
    const own = await harness.request(memberA, ENTITIES, {
      r: [{ __typename: 'Template', id: override.id }],
    });
    expect(dataOf(own)).toEqual({ _entities: [{ id: override.id, name: 'Created (text, en)' }] });
    const listB = dataOf(
      await harness.request<{ templates: { edges: Array<{ node: { id: string } }> } }>(adminB, TEMPLATES),
    ).templates.edges.map((e) => e.node.id);
    expect(listB).toHaveLength(1);
    expect(listB).not.toContain(override.id);
    const update = await harness.request<{ updateTemplate: Payload }>(adminB, UPDATE, {
      input: { id: override.id, name: 'stolen' },
    });
    expect(dataOf(update).updateTemplate.errors).toMatchObject([{ field: ['id'], code: 'NOT_FOUND' }]);
  });
});
