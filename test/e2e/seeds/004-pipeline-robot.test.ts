// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are templates, `${…}` is their variable syntax
// Seed 004 (a CI pipeline, Russian): a pipeline task posts to a DingTalk group through a signed group
// robot when it reaches a chosen state, with the team's own DingTalk markdown in which ${…} variables are
// filled from the run, mentioning a member by mobile number and everyone with @all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAIN, type Explanation, type Scenario, startScenario } from '../scenario.ts';

let world: Scenario;
let channelId: string;
let templateId: string;
const project = 'gitee-pipelines';
const robotToken = 'seed004-robot';
const attributes = { PIPELINE_NAME: 'deploy-prod', TASK_NAME: 'Сборка Docker', BRANCH: 'main' };
const customMarkdown = {
  title: 'Конвейер ${attributes.PIPELINE_NAME}: ошибка',
  body: [
    '### ❌ Конвейер ${attributes.PIPELINE_NAME} завершился с ошибкой',
    '- Задача: ${attributes.TASK_NAME}',
    '- Ветка: ${attributes.BRANCH}',
    '- Запустил: ${actor.name}',
    '',
    '[Открыть запуск](${ticket.url})',
    '',
    '${mentions}',
  ].join('\n'),
};
const run = {
  id: 'run-981',
  key: '#981',
  title: 'deploy-prod #981',
  url: 'https://gitee.example.com/pipelines/deploy-prod/runs/981',
  status: 'failed',
};
const sample = {
  customType: 'pipeline.failed',
  projectId: project,
  actorId: 'ivan',
  actorName: 'Иван',
  attributes: Object.entries(attributes).map(([key, value]) => ({ key, value })),
  ticket: { id: run.id, key: run.key, title: run.title, url: run.url, status: run.status },
};

beforeAll(async () => {
  world = await startScenario('seed004');
  world.mesh.sandbox.sandbox.putRobot(robotToken, { secret: 'SECseed004signing', keywords: [] });
  for (const [id, name, phone] of [
    ['ivan', 'Иван', '+8613600000001'],
    ['olga', 'Ольга', '+8613600000002'],
  ] as const) {
    await world.admin.mutate(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } errors { field message code } } }`,
      { input: { id, name, phone, locale: 'ru', timeZone: 'Europe/Moscow' } },
    );
  }
});

afterAll(async () => {
  await world?.stop();
});

describe('seed 004: pipeline failures to a DingTalk group robot with custom markdown', () => {
  it('the robot, the custom markdown and the notification settings of the pipeline task', async () => {
    const robot = await world.admin.mutate(
      `mutation ($input: CreateDingTalkRobotChannelInput!) { createDingTalkRobotChannel(input: $input) { channel { id } errors { field message code } } }`,
      {
        input: {
          name: 'Группа релизов',
          webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${robotToken}`,
          signingSecret: 'SECseed004signing',
        },
      },
    );
    channelId = robot.channel.id;
    await world.admin.mutate(
      `mutation ($input: ProjectChannelInput!) { connectProjectToChannel(input: $input) { errors { field message code } } }`,
      { input: { projectId: project, channelId } },
    );

    // A misspelt variable is refused, naming it.
    const misspelt = await world.admin.raw(
      `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } errors { field message code } } }`,
      {
        input: {
          name: 'typo',
          format: 'MARKDOWN',
          locale: 'ru',
          title: 'x',
          body: 'Конвейер ${attributes.PIPELINE_NAME} ${ticket.titel}',
        },
      },
    );
    expect(misspelt.data?.createTemplate.errors).toEqual([
      expect.objectContaining({
        field: ['body'],
        code: 'unknown-variable',
        message: expect.stringContaining('ticket.titel'),
      }),
    ]);

    const template = await world.admin.mutate(
      `mutation ($input: CreateTemplateInput!) { createTemplate(input: $input) { template { id } errors { field message code } } }`,
      { input: { name: 'Ошибка конвейера', format: 'MARKDOWN', locale: 'ru', ...customMarkdown } },
    );
    templateId = template.template.id;

    // The preview shows exactly what the group will read, without sending anything.
    const preview = await world.admin.mutate(
      `query ($input: PreviewTemplateInput!) { previewTemplate(input: $input) { preview { title body format } errors { field message code } } }`,
      { input: { templateId, event: sample } },
    );
    expect(preview.preview.title).toBe('Конвейер deploy-prod: ошибка');
    expect(preview.preview.body).toContain('Задача: Сборка Docker');
    expect(preview.preview.body).toContain(run.url);

    const rule = await world.admin.mutate(
      `mutation ($input: CreateRuleInput!) { createRule(input: $input) { rule { id mentionAll template { id } } errors { field message code } } }`,
      {
        input: {
          name: 'Конвейер упал',
          projectIds: [project],
          customEventTypes: ['pipeline.failed'],
          userIds: ['olga'],
          excludeActor: false,
          mentionAll: true,
          templateId,
          channelIds: [channelId],
        },
      },
    );
    expect(rule.rule).toMatchObject({ mentionAll: true, template: { id: templateId } });
    await world.dispatcherKnows('the rule, its template and the connection', (state) =>
      Boolean(
        state.rule(rule.rule.id) &&
          state.template(templateId) &&
          state.isConnected(world.tenantId, project, channelId),
      ),
    );
  });

  it('explain: one group post mentioning Olga by mobile, and @all', async () => {
    const explanation = (await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, { event: sample }))
      .explainEvent;
    expect(explanation.eventType).toBe('custom:pipeline.failed');
    expect(explanation.notifications).toEqual([
      expect.objectContaining({
        channel: expect.objectContaining({ id: channelId }),
        audience: 'GROUP',
        user: null,
        mentioned: [{ id: 'olga' }],
        mentionAll: true,
      }),
    ]);
    const succeeded = (
      await world.admin.call<{ explainEvent: Explanation }>(EXPLAIN, {
        event: { ...sample, customType: 'pipeline.succeeded' },
      })
    ).explainEvent;
    expect(succeeded.notifications).toEqual([]);
    expect(succeeded.rules.map((r) => r.reason)).toEqual(['EVENT_TYPE']);
  });

  it('a failed run posts the custom markdown, signed, with @mobile and @all', async () => {
    const eventId = await world.emit({
      eventId: 'failed',
      projectId: project,
      actor: { id: 'ivan', displayName: 'Иван' },
      ticket: run,
      attributes: { BRANCH: attributes.BRANCH },
      change: {
        case: 'custom',
        value: {
          type: 'pipeline.failed',
          attributes: { PIPELINE_NAME: attributes.PIPELINE_NAME, TASK_NAME: attributes.TASK_NAME },
        },
      },
    });
    const rows = await world.deliveries(eventId, 1);
    expect(rows.map((row) => [row.status, row.target])).toEqual([['delivered', 'group']]);
    const received = world.mesh.sandbox.sandbox.dingtalk.messages.filter((m) => m.accessToken === robotToken);
    expect(received).toHaveLength(1);
    const message = received[0]!;
    expect(message.signed).toBe(true);
    const body = message.body as {
      msgtype: string;
      markdown: { title: string; text: string };
      at: { atMobiles: string[]; isAtAll: boolean };
    };
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('Конвейер deploy-prod: ошибка');
    expect(body.markdown.text).toContain('### ❌ Конвейер deploy-prod завершился с ошибкой');
    expect(body.markdown.text).toContain('- Задача: Сборка Docker');
    expect(body.markdown.text).toContain('- Ветка: main');
    expect(body.markdown.text).toContain('- Запустил: Иван');
    expect(body.markdown.text).toContain(`[Открыть запуск](${run.url})`);
    // DingTalk renders a mention only when the @mobile is also in the text.
    expect(body.at).toMatchObject({ atMobiles: ['13600000002'], isAtAll: true });
    expect(body.markdown.text).toContain('@13600000002');
  });
});
