// biome-ignore-all lint/suspicious/noExplicitAny: GraphQL answers are untyped JSON here, and the tests check them field by field
// A small driver that lets the seed scenarios read like the seeds themselves: people with tokens, GraphQL
// calls through the gateway that fail loudly, ticket events produced to real Kafka, and what the sandbox
// received. One mesh and one tenant per test file.
import { timestampNow } from '@bufbuild/protobuf/wkt';
import { createTicketEventProducer, type TicketEvent, type TicketEventInit } from '@tidings/events';
import { createKafka, type Producer } from '@tidings/kafka';
import { testInfrastructure, uniqueName, waitFor } from '@tidings/testkit';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { startTestMesh, type TestMesh, type TestMeshOptions } from './mesh.ts';

export interface InputErrorShape {
  field: string[];
  message: string;
  code: string;
}

/** Someone calling the API: a token plus helpers that assert the call itself succeeded. */
export interface Caller {
  token: string;
  /** Runs a query or mutation; GraphQL errors fail the test. Returns `data`. */
  call<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<Data>;
  /** Runs a mutation whose payload has `errors`; fails the test unless they are empty. Returns the payload. */
  mutate<Payload = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<Payload>;
  /** The raw response, for tests about refusals. */
  raw(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: any }> }>;
}

export interface Scenario {
  mesh: TestMesh;
  tenantId: string;
  admin: Caller;
  /** A person of this tenant (not an admin), optionally owning projects. */
  person(
    userId: string,
    options?: { ownedProjectIds?: string[]; tenantId?: string; admin?: boolean },
  ): Promise<Caller>;
  /** Produces a TicketEvent for this tenant; `eventId` is made unique per run. Returns the event id. */
  emit(
    event: Omit<Exclude<TicketEventInit, TicketEvent>, 'tenantId' | 'occurredAt'> & { eventId: string },
  ): Promise<string>;
  /** Ledger rows of an event, once `count` of them reached a final status. */
  deliveries(eventId: string, count: number): Promise<Array<Record<string, any>>>;
  /** GET /_sandbox/<path> as JSON. */
  inbox<T = any>(path: string): Promise<T>;
  /** PUT /_sandbox/<path>. */
  sandbox(path: string, body: unknown): Promise<void>;
  /** Waits until the dispatcher's in-memory state satisfies `ready` (configuration travels over Kafka). */
  dispatcherKnows(what: string, ready: (state: TestMesh['dispatcher']['state']) => boolean): Promise<void>;
  stop(): Promise<void>;
}

function callerFor(mesh: TestMesh, token: string): Caller {
  const raw: Caller['raw'] = (query, variables = {}) => mesh.graphql(token, query, variables) as any;
  return {
    token,
    raw,
    async call(query, variables) {
      const result = await raw(query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      return result.data as any;
    },
    async mutate(query, variables) {
      const result = await raw(query, variables);
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const payload = Object.values(result.data ?? {})[0] as { errors?: InputErrorShape[] };
      expect(payload.errors, JSON.stringify(payload.errors)).toEqual([]);
      return payload as any;
    },
  };
}

export async function startScenario(name: string, options: TestMeshOptions = {}): Promise<Scenario> {
  const mesh = await startTestMesh(options);
  const tenantId = uniqueName(name);
  const run = uniqueName('run');
  const kafka = createKafka({
    brokers: testInfrastructure().kafkaBrokers.split(','),
    clientId: `e2e-${name}`,
  });
  const producer: Producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const events = createTicketEventProducer({
    producer,
    topic: `${mesh.kafkaPrefix}tidings.ticket-events.v1`,
  });
  const token = (
    userId: string,
    options: { ownedProjectIds?: string[]; tenantId?: string; admin?: boolean },
  ) =>
    mesh.token({
      userId,
      tenantId: options.tenantId ?? tenantId,
      roles: options.admin ? ['tenant-admin'] : [],
      ownedProjectIds: options.ownedProjectIds ?? [],
    });

  const scenario: Scenario = {
    mesh,
    tenantId,
    admin: callerFor(mesh, await token('admin', { admin: true })),
    person: async (userId, options = {}) => callerFor(mesh, await token(userId, options)),
    async emit(event) {
      const eventId = `${run}-${event.eventId}`;
      await events.emit({ ...event, eventId, tenantId, occurredAt: timestampNow() });
      return eventId;
    },
    async deliveries(eventId, count) {
      const read = async () =>
        (await mesh.dispatcher
          .database()!
          .db.execute(
            sql`select status, channel_kind, target, recipient_user_ids, last_code, last_reason from dispatcher.deliveries where tenant_id = ${tenantId} and event_id = ${eventId} order by target`,
          )) as unknown as Array<Record<string, any>>;
      await waitFor(`${count} final deliveries of ${eventId}`, async () => {
        const rows = await read();
        return rows.filter((row) => ['delivered', 'failed', 'dead'].includes(row.status)).length >= count;
      });
      return read();
    },
    async inbox(path) {
      const answer = await fetch(`${mesh.sandbox.url}/_sandbox/${path}`);
      expect(answer.status, `GET /_sandbox/${path}`).toBe(200);
      return answer.json() as any;
    },
    async sandbox(path, body) {
      const answer = await fetch(`${mesh.sandbox.url}/_sandbox/${path}`, {
        method: 'PUT',
        body: JSON.stringify(body),
      });
      expect(answer.status, `PUT /_sandbox/${path}: ${await answer.clone().text()}`).toBe(200);
    },
    async dispatcherKnows(what, ready) {
      await waitFor(`the dispatcher knows ${what}`, () => ready(mesh.dispatcher.state));
    },
    async stop() {
      await producer.disconnect();
      await mesh.stop();
    },
  };
  return scenario;
}

/** The explain query with everything the scenarios look at. */
export const EXPLAIN = /* GraphQL */ `
  query Explain($event: SampleEventInput!) {
    explainEvent(event: $event) {
      eventType
      rules { rule { id } matched reason detail }
      notifications {
        channel { id name }
        audience
        user { id name }
        platformUserId
        mentioned { id }
        mentionAll
      }
      skippedPeople { userId channel { id } reason detail }
      skippedChannels { channelId reason detail }
    }
  }`;

export interface Explanation {
  eventType: string;
  rules: Array<{ rule: { id: string }; matched: boolean; reason: string | null; detail: string | null }>;
  notifications: Array<{
    channel: { id: string; name: string };
    audience: 'GROUP' | 'PERSON';
    user: { id: string; name: string } | null;
    platformUserId: string | null;
    mentioned: Array<{ id: string }>;
    mentionAll: boolean;
  }>;
  skippedPeople: Array<{ userId: string; channel: { id: string } | null; reason: string; detail: string }>;
  skippedChannels: Array<{ channelId: string; reason: string; detail: string }>;
}

/** Who gets a personal message, sorted: the quick summary scenarios compare. */
export function personallyNotified(explanation: Explanation): string[] {
  return explanation.notifications
    .filter((n) => n.audience === 'PERSON')
    .map((n) => n.user?.id ?? '?')
    .sort();
}

/** userId → skip reasons, for the people explain says are not told. */
export function skipped(explanation: Explanation): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const person of explanation.skippedPeople) {
    result[person.userId] = [...(result[person.userId] ?? []), person.reason].sort();
  }
  return result;
}
