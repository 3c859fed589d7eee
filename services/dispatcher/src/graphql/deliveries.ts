import { auditCause } from '@tidings/audit';
import type { Claims } from '@tidings/auth';
import {
  badUserInput,
  createBatchLoader,
  forbidden,
  InputErrorCode,
  type InputErrorValue,
  inputError,
  isTenantAdmin,
  readPage,
  requireClaims,
  toConnection,
} from '@tidings/graphql';
import { recordAudit } from '../audit/log.ts';
import type {
  AttemptOutcome,
  DeadLetterFilter,
  Delivery,
  DeliveryAttempt,
  DeliveryConnection,
  DeliveryStatus as DeliveryStatusName,
  MutationResolvers,
  QueryResolvers,
  Resolvers,
} from '../generated/graphql.ts';
import {
  type AttemptRow,
  cursorKey,
  type DeliveryFilter,
  type DeliveryOrder,
  type DeliveryQueries,
  type DeliveryRow,
  deadLetterStatuses,
  type LedgerScope,
  parseDeliveryCursor,
} from '../ledger/queries.ts';
import { REPLAY_CHUNK, REPLAY_LIMIT, type ReplayDependencies, replayDeliveries } from '../ledger/replay.ts';
import type { DeliveryStatus } from '../ledger/schema.ts';
import { createLogger, errorMessage } from '../log.ts';

const log = createLogger('deliveries-subgraph');

/** What the delivery queries and replays need in each request's context. */
export interface LedgerContext {
  claims: Claims | null;
  ledger: DeliveryQueries;
  replay: ReplayDependencies;
  /** Batched per request: a page's attempt histories in one query. */
  loadAttempts(deliveryId: string): Promise<AttemptRow[] | null>;
  /** Batched per request, within what the caller may see (entity references). */
  loadDelivery(deliveryId: string): Promise<DeliveryRow | null>;
}

/** Per-request loaders: nothing is cached across callers or tenants. */
export function ledgerLoaders(ledger: DeliveryQueries, claims: Claims | null) {
  return {
    loadAttempts: createBatchLoader((ids: string[]) => ledger.attempts(ids)),
    loadDelivery: createBatchLoader(async (ids: string[]) =>
      claims ? ledger.byIds(readScope(claims), ids) : new Map<string, DeliveryRow>(),
    ),
  };
}

/**
 * What the caller may read: tenant admins all of their tenant; everyone else the deliveries of projects
 * they own and those addressed to them.
 */
export function readScope(claims: Claims): LedgerScope {
  if (isTenantAdmin(claims)) return { tenantId: claims.tenantId };
  return {
    tenantId: claims.tenantId,
    restrictTo: { projectIds: claims.ownedProjectIds, recipientUserId: claims.userId },
  };
}

/** What the caller may replay: tenant admins all of their tenant, project owners their projects. */
function replayScope(claims: Claims): LedgerScope {
  if (isTenantAdmin(claims)) return { tenantId: claims.tenantId };
  if (claims.ownedProjectIds.length === 0)
    throw forbidden('replaying dead letters needs a tenant admin or a project owner');
  return {
    tenantId: claims.tenantId,
    restrictTo: { projectIds: claims.ownedProjectIds, recipientUserId: null },
  };
}

const statusNames: Record<DeliveryStatus, DeliveryStatusName> = {
  queued: 'QUEUED',
  digesting: 'DIGESTING',
  sending: 'SENDING',
  retrying: 'RETRYING',
  delivered: 'DELIVERED',
  failed: 'FAILED',
  dead: 'DEAD',
};
const statusOf = (name: DeliveryStatusName): DeliveryStatus => name.toLowerCase() as DeliveryStatus;

const outcomeNames: Record<string, AttemptOutcome> = {
  delivered: 'DELIVERED',
  retry: 'RETRY',
  reauthenticate: 'REAUTHENTICATE',
  permanent: 'PERMANENT',
};

const ref = (id: string) => ({ id });
const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The Delivery node; attemptHistory is resolved per page (batched), the rest comes from the row. */
export function deliveryNode(row: DeliveryRow): Delivery {
  const node: Omit<Delivery, 'attemptHistory'> = {
    __typename: 'Delivery',
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    ticketId: row.ticketId,
    projectId: row.projectId,
    channel: ref(row.channelId),
    target: row.target,
    recipients: row.recipientUserIds.map(ref),
    status: statusNames[row.status] ?? 'SENDING',
    attempts: row.attempts,
    lastCode: row.lastCode,
    lastReason: row.lastReason,
    providerMessageId: row.providerMessageId,
    nextAttemptAt: iso(row.nextAttemptAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deliveredAt: iso(row.deliveredAt),
    replayable: deadLetterStatuses.includes(row.status) && row.hasJob,
  };
  // The edge: attemptHistory is left to its field resolver.
  return node as Delivery;
}

function attemptNode(row: AttemptRow): DeliveryAttempt {
  return {
    number: row.attempt,
    // The sender records exactly these four; anything else would be a newer sender's, shown as final.
    outcome: outcomeNames[row.outcome] ?? 'PERMANENT',
    code: row.code,
    reason: row.reason,
    httpStatus: row.httpStatus,
    durationMs: row.durationMs,
    startedAt: row.startedAt.toISOString(),
  };
}

function requiredId(value: string, argument: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badUserInput(`${argument} must not be empty`, argument);
  return trimmed;
}

function statusesOf(
  statuses: readonly DeliveryStatusName[] | null | undefined,
): DeliveryStatus[] | undefined {
  return statuses && statuses.length > 0 ? statuses.map(statusOf) : undefined;
}

/** The filter's fields as a ledger filter, or its problems (field paths from `path`). */
function readDeadLetterFilter(
  filter: DeadLetterFilter | null | undefined,
  path: string[],
): { filter: DeliveryFilter; problems: InputErrorValue[] } {
  const result: DeliveryFilter = {};
  const problems: InputErrorValue[] = [];
  if (!filter) return { filter: result, problems };
  const text = (name: 'channelId' | 'ticketId' | 'projectId' | 'code') => {
    const value = filter[name];
    if (value === null || value === undefined) return undefined;
    if (value.trim() === '')
      problems.push(inputError([...path, name], `${name} must not be empty`, InputErrorCode.required));
    return value.trim();
  };
  const channelId = text('channelId');
  const ticketId = text('ticketId');
  const projectId = text('projectId');
  const code = text('code');
  if (channelId !== undefined) result.channelId = channelId;
  if (ticketId !== undefined) result.ticketId = ticketId;
  if (projectId !== undefined) result.projectId = projectId;
  if (code !== undefined) result.lastCode = code;
  // DateTime arrives as the ISO string (dateTimeScalar validated it).
  if (filter.since) result.since = new Date(filter.since);
  if (filter.until) result.until = new Date(filter.until);
  if (result.since && result.until && result.since >= result.until)
    problems.push(inputError([...path, 'until'], 'until must be later than since', InputErrorCode.invalid));
  return { filter: result, problems };
}

/** One page of a list, newest first. */
async function page(
  context: LedgerContext,
  scope: LedgerScope,
  filter: DeliveryFilter,
  order: DeliveryOrder,
  args: { first?: number | null; after?: string | null },
): Promise<DeliveryConnection> {
  const requested = readPage(args, parseDeliveryCursor(order));
  const rows = await context.ledger.list(scope, filter, {
    order,
    limit: requested.limit,
    after: requested.after,
  });
  return toConnection(rows, requested, (row) => cursorKey(order, row), deliveryNode);
}

const Query: QueryResolvers<LedgerContext> = {
  async delivery(_parent, { id }, context) {
    requireClaims(context.claims);
    const row = await context.loadDelivery(requiredId(id, 'id'));
    return row ? deliveryNode(row) : null;
  },
  ticketDeliveries(_parent, args, context) {
    const claims = requireClaims(context.claims);
    const filter: DeliveryFilter = { ticketId: requiredId(args.ticketId, 'ticketId') };
    const statuses = statusesOf(args.statuses);
    if (statuses) filter.statuses = statuses;
    return page(context, readScope(claims), filter, 'created', args);
  },
  userDeliveries(_parent, args, context) {
    const claims = requireClaims(context.claims);
    const userId =
      args.userId === null || args.userId === undefined ? claims.userId : requiredId(args.userId, 'userId');
    const filter: DeliveryFilter = { recipientUserId: userId };
    const statuses = statusesOf(args.statuses);
    if (statuses) filter.statuses = statuses;
    let scope: LedgerScope;
    if (userId === claims.userId || isTenantAdmin(claims)) scope = { tenantId: claims.tenantId };
    else if (claims.ownedProjectIds.length > 0)
      // Someone else's: what was sent to them about the caller's projects.
      scope = {
        tenantId: claims.tenantId,
        restrictTo: { projectIds: claims.ownedProjectIds, recipientUserId: null },
      };
    else throw forbidden("reading another person's deliveries needs a tenant admin or a project owner");
    return page(context, scope, filter, 'created', args);
  },
  channelDeliveries(_parent, args, context) {
    const claims = requireClaims(context.claims);
    const filter: DeliveryFilter = { channelId: requiredId(args.channelId, 'channelId') };
    const statuses = statusesOf(args.statuses);
    if (statuses) filter.statuses = statuses;
    return page(context, readScope(claims), filter, 'created', args);
  },
  deadLetters(_parent, args, context) {
    const claims = requireClaims(context.claims);
    const { filter, problems } = readDeadLetterFilter(args.filter, ['filter']);
    const [problem] = problems;
    if (problem)
      throw badUserInput(
        problems.map((p) => `${p.field.join('.')}: ${p.message}`).join('; '),
        problem.field.join('.'),
      );
    return page(context, readScope(claims), { ...filter, statuses: deadLetterStatuses }, 'updated', args);
  },
};

/** A replay is a configuration change too: each delivery handed back is an audit entry, in its transaction. */
function recordReplays(claims: Claims, mutation: string) {
  return (tx: Parameters<typeof recordAudit>[0], rows: Array<{ id: string; previousStatus: string }>) =>
    recordAudit(
      tx,
      auditCause(claims, mutation),
      rows.map((row) => ({
        entityType: 'Delivery',
        entityId: row.id,
        before: { status: row.previousStatus.toUpperCase() },
        after: { status: 'RETRYING' },
      })),
    );
}

const Mutation: MutationResolvers<LedgerContext> = {
  async replayDeadLetter(_parent, { input }, context, info) {
    const claims = requireClaims(context.claims);
    const scope = replayScope(claims);
    const deliveryId = input.deliveryId.trim();
    const fail = (message: string, code: string) => ({
      delivery: null,
      errors: [inputError('deliveryId', message, code)],
    });
    if (deliveryId === '') return fail('deliveryId must not be empty', InputErrorCode.required);
    // What the caller can see: a delivery they cannot is as unknown as one of another tenant.
    const row = (await context.ledger.byIds(readScope(claims), [deliveryId])).get(deliveryId);
    if (!row) return fail(`there is no delivery ${deliveryId}`, InputErrorCode.notFound);
    if (!(await context.ledger.byIds(scope, [deliveryId])).has(deliveryId))
      throw forbidden(
        `replaying delivery ${deliveryId} needs a tenant admin or an owner of project ${row.projectId}`,
      );
    if (!deadLetterStatuses.includes(row.status))
      return fail(
        `delivery ${deliveryId} is ${statusNames[row.status] ?? row.status}: only DEAD or FAILED deliveries can be replayed`,
        'NOT_DEAD_LETTER',
      );
    if (!row.hasJob)
      return fail(
        `delivery ${deliveryId} has no stored job to send again (it failed before jobs were kept in the ledger); it cannot be replayed`,
        'NO_STORED_JOB',
      );
    let replayed: string[];
    try {
      replayed = await replayDeliveries(
        context.replay,
        claims.tenantId,
        [deliveryId],
        recordReplays(claims, info.fieldName),
      );
    } catch (error) {
      log.error('replaying a dead letter failed', {
        tenantId: claims.tenantId,
        deliveryId,
        error: errorMessage(error),
      });
      return fail(
        `delivery ${deliveryId} could not be handed to Kafka and is unchanged: try again`,
        'UNAVAILABLE',
      );
    }
    if (replayed.length === 0)
      return fail(`delivery ${deliveryId} was replayed by someone else meanwhile`, 'NOT_DEAD_LETTER');
    log.info('dead letter replayed', { tenantId: claims.tenantId, userId: claims.userId, deliveryId });
    const after = (await context.ledger.byIds(scope, [deliveryId])).get(deliveryId);
    return { delivery: after ? deliveryNode(after) : null, errors: [] };
  },

  async replayDeadLetters(_parent, { input }, context, info) {
    const claims = requireClaims(context.claims);
    const scope = replayScope(claims);
    const { filter, problems } = readDeadLetterFilter(input.filter, ['filter']);
    if (problems.length > 0) return { replayed: 0, moreMatch: false, errors: problems };
    const errors: InputErrorValue[] = [];
    // Those without a job cannot be replayed: name a few, so they are not silently left behind.
    const shown = 20;
    const jobless = await context.ledger.deadLetterIds(scope, filter, { withJob: false, limit: shown + 1 });
    for (const id of jobless.slice(0, shown))
      errors.push(
        inputError(
          'filter',
          `delivery ${id} has no stored job to send again (it failed before jobs were kept in the ledger); it cannot be replayed`,
          'NO_STORED_JOB',
        ),
      );
    if (jobless.length > shown)
      errors.push(
        inputError(
          'filter',
          `more matching dead letters have no stored job than the ${shown} named`,
          'NO_STORED_JOB',
        ),
      );
    const ids = await context.ledger.deadLetterIds(scope, filter, { withJob: true, limit: REPLAY_LIMIT + 1 });
    const moreMatch = ids.length > REPLAY_LIMIT;
    const take = ids.slice(0, REPLAY_LIMIT);
    let replayed = 0;
    for (let start = 0; start < take.length; start += REPLAY_CHUNK) {
      try {
        replayed += (
          await replayDeliveries(
            context.replay,
            claims.tenantId,
            take.slice(start, start + REPLAY_CHUNK),
            recordReplays(claims, info.fieldName),
          )
        ).length;
      } catch (error) {
        // That chunk rolled back whole (see replayDeliveries); the chunks before it stay replayed.
        log.error('replaying dead letters failed', {
          tenantId: claims.tenantId,
          replayed,
          error: errorMessage(error),
        });
        errors.push(
          inputError(
            'filter',
            `${replayed} dead letters were replayed; the others could not be handed to Kafka and are unchanged: try again`,
            'UNAVAILABLE',
          ),
        );
        return { replayed, moreMatch: true, errors };
      }
    }
    if (moreMatch)
      errors.push(
        inputError(
          'filter',
          `more than ${REPLAY_LIMIT} dead letters match: the oldest ${REPLAY_LIMIT} were replayed; call again for the rest`,
          InputErrorCode.tooMany,
        ),
      );
    log.info('dead letters replayed', {
      tenantId: claims.tenantId,
      userId: claims.userId,
      replayed,
      moreMatch,
    });
    return { replayed, moreMatch, errors };
  },
};

export const ledgerResolvers: Pick<Resolvers<LedgerContext>, 'Query' | 'Mutation' | 'Delivery'> = {
  Query,
  Mutation,
  Delivery: {
    __resolveReference: async (reference, context) => {
      requireClaims(context.claims);
      const row = await context.loadDelivery(reference.id);
      return row ? deliveryNode(row) : null;
    },
    attemptHistory: async (delivery, _args, context) =>
      ((await context.loadAttempts(delivery.id)) ?? []).map(attemptNode),
  },
};
