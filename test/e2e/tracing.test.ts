// One trace for a GraphQL mutation: the client's span, the gateway's server span, its fetch to the channels
// subgraph and the subgraph's server span share one trace id, and nothing the mutation carried is on a span.
import { SpanKind, withSpan } from '@tidings/telemetry';
import { spanText, startTestTelemetry } from '@tidings/telemetry/testing';
import { uniqueName } from '@tidings/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestMesh, type TestMesh } from './mesh.ts';

let telemetry: Awaited<ReturnType<typeof startTestTelemetry>>;
let mesh: TestMesh;

beforeAll(async () => {
  // Before the mesh: its services' tracers are then the SDK's.
  telemetry = await startTestTelemetry('tidings-e2e');
  mesh = await startTestMesh();
});

afterAll(async () => {
  await mesh?.stop();
  await telemetry?.shutdown();
});

describe('a mutation through the gateway', () => {
  it('is one trace from the client through the gateway to the subgraph', async () => {
    const secrets = { token: 'trace-robot-token-93be1f', signingSecret: 'SECtraceSigning6c0d' };
    const admin = await mesh.token({
      userId: 'admin',
      tenantId: uniqueName('acme'),
      roles: ['tenant-admin'],
    });
    const { result, traceId } = await withSpan('client createDingTalkRobotChannel', {}, async (span) => ({
      traceId: span.spanContext().traceId,
      result: await mesh.graphql<{
        createDingTalkRobotChannel: { channel: { id: string } | null; errors: unknown[] };
      }>(
        admin,
        `mutation CreateRobot($input: CreateDingTalkRobotChannelInput!) {
            createDingTalkRobotChannel(input: $input) { channel { id } errors { field message } }
          }`,
        {
          input: {
            name: 'traced robot',
            webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${secrets.token}`,
            signingSecret: secrets.signingSecret,
          },
        },
      ),
    }));
    expect(result.errors).toBeUndefined();
    expect(result.data?.createDingTalkRobotChannel, JSON.stringify(result.data)).toMatchObject({
      errors: [],
    });

    const spans = telemetry.spans.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    const gateway = spans.find(
      (span) => span.kind === SpanKind.SERVER && span.attributes['tidings.component'] === 'gateway',
    );
    expect(gateway?.name).toBe('mutation CreateRobot');
    expect(gateway?.attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'CreateRobot',
      'http.response.status_code': 200,
    });
    const fetch = spans.find(
      (span) => span.kind === SpanKind.CLIENT && span.attributes['tidings.subgraph'] === 'channels',
    );
    expect(fetch?.parentSpanContext?.spanId).toBe(gateway?.spanContext().spanId);
    const subgraph = spans.find(
      (span) => span.kind === SpanKind.SERVER && span.attributes['tidings.subgraph'] === 'channels',
    );
    expect(subgraph?.parentSpanContext?.spanId).toBe(fetch?.spanContext().spanId);
    expect(subgraph?.attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'http.response.status_code': 200,
    });

    const text = spanText(telemetry.spans.getFinishedSpans());
    for (const [what, secret] of Object.entries(secrets)) expect(text, what).not.toContain(secret);
  });
});
