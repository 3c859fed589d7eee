import { randomUUID } from 'node:crypto';
import type { BackgroundTask, Logger } from '@tidings/graphql';
import { createKafka, ensureTopics } from '@tidings/kafka';
import { stateTopics, userStateKey, userStateSchema } from '@tidings/state';

/** What a preview needs to know about a person: how to name them, and their language and time zone. */
export interface Person {
  name: string;
  /** Null: the tenant's default. */
  locale: string | null;
  /** Null: the tenant's default. */
  timeZone: string | null;
}

/**
 * The people of every tenant as the identity subgraph publishes them (`tidings.state.users.v1`), kept in
 * memory so `previewTemplate` renders for a recipient's locale and time zone and shows names, without
 * calling another service per request (ARCHITECTURE §3). Eventually consistent: a person changed a moment
 * ago may still show their previous locale.
 */
export class PeopleDirectory {
  readonly #people = new Map<string, Person>();

  /** Applies one state message (null: a tombstone); false when the value is not a user state. */
  apply(key: string, value: string | null): boolean {
    if (value === null) {
      this.#people.delete(key);
      return true;
    }
    let parsed: ReturnType<typeof userStateSchema.safeParse>;
    try {
      parsed = userStateSchema.safeParse(JSON.parse(value));
    } catch {
      return false;
    }
    if (!parsed.success || userStateKey(parsed.data) !== key) return false;
    const { name, locale, timeZone } = parsed.data;
    this.#people.set(key, { name, locale, timeZone });
    return true;
  }

  find(tenantId: string, userId: string): Person | undefined {
    return this.#people.get(userStateKey({ tenantId, id: userId }));
  }
}

/**
 * Follows the users state topic into `directory`. Every instance needs every person, so it reads from the
 * beginning in a consumer group of its own and never commits offsets (as the dispatcher's state does).
 */
export function followPeople(options: {
  brokers: string[];
  directory: PeopleDirectory;
  logger: Logger;
}): BackgroundTask {
  const kafka = createKafka({ brokers: options.brokers, clientId: 'tidings-subscriptions-people' });
  const consumer = kafka.consumer({ groupId: `tidings-subscriptions-people.${randomUUID()}` });
  return {
    async start() {
      // The identity subgraph creates the topic too; whichever starts first, it is compacted.
      await ensureTopics(kafka, [{ topic: stateTopics.users, compacted: true }]);
      await consumer.connect();
      await consumer.subscribe({ topics: [stateTopics.users], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ message, partition }) => {
          const key = message.key?.toString('utf8');
          if (!key) return;
          if (!options.directory.apply(key, message.value ? message.value.toString('utf8') : null)) {
            options.logger.warn('user state message ignored', { partition, offset: message.offset });
          }
        },
      });
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}
