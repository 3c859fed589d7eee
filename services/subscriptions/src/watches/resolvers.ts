import { forbidden, InputErrorCode, InputProblems, isTenantAdmin } from '@tidings/graphql';
import { type SubscriptionsContext, type TenantScope, tenantScope } from '../context.ts';
import type { WatchRow } from '../db/schema.ts';
import type {
  MutationResolvers,
  ProjectResolvers,
  TicketResolvers,
  UserResolvers,
  Watch,
  WatchPayload,
} from '../generated/graphql.ts';
import { userReference, watchTargets } from '../values.ts';
import { WATCH_ID_LIMIT, type WatchTargetKind } from './repository.ts';

function watchNode(row: WatchRow): Watch {
  return {
    __typename: 'Watch',
    user: userReference(row.userId),
    target: watchTargets.fromState(row.targetKind),
    targetId: row.targetId,
    following: row.following,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function readId(problems: InputProblems, field: string, value: string): string {
  const id = value.trim();
  if (id === '') problems.add([field], `${field} must not be empty`, InputErrorCode.required);
  else if (id.length > WATCH_ID_LIMIT) {
    problems.add([field], `${field} must be at most ${WATCH_ID_LIMIT} characters`, InputErrorCode.tooLong);
  }
  return id;
}

/** Whose watch a mutation changes: the caller's own, or anyone's for a tenant admin. */
function watcher(scope: TenantScope, userId: string | null | undefined, problems: InputProblems): string {
  if (userId === null || userId === undefined) return scope.claims.userId;
  const id = readId(problems, 'userId', userId);
  if (id !== scope.claims.userId && !isTenantAdmin(scope.claims)) {
    throw forbidden("only a tenant admin can change another person's follows");
  }
  return id;
}

async function setWatch(
  scope: TenantScope,
  input: { targetId: string; userId?: string | null },
  targetKind: WatchTargetKind,
  following: boolean,
  mutation: string,
): Promise<WatchPayload> {
  const problems = new InputProblems();
  const userId = watcher(scope, input.userId, problems);
  const targetId = readId(problems, 'targetId', input.targetId);
  if (problems.any) return { watch: null, errors: problems.list };
  const row = await scope.watches.set(userId, targetKind, targetId, following, scope.cause(mutation));
  return { watch: watchNode(row), errors: [] };
}

async function followers(scope: TenantScope, targetKind: WatchTargetKind, targetId: string) {
  const rows = await scope.watches.onTarget(targetKind, targetId);
  return rows.filter((row) => row.following).map((row) => userReference(row.userId));
}

const Mutation: MutationResolvers<SubscriptionsContext> = {
  followTicket: (_, args, context, info) =>
    setWatch(tenantScope(context), args.input, 'ticket', true, info.fieldName),
  unfollowTicket: (_, args, context, info) =>
    setWatch(tenantScope(context), args.input, 'ticket', false, info.fieldName),
  followProject: (_, args, context, info) =>
    setWatch(tenantScope(context), args.input, 'project', true, info.fieldName),
  unfollowProject: (_, args, context, info) =>
    setWatch(tenantScope(context), args.input, 'project', false, info.fieldName),
  clearWatch: async (_, args, context, info) => {
    const scope = tenantScope(context);
    const problems = new InputProblems();
    const userId = watcher(scope, args.input.userId, problems);
    const targetId = readId(problems, 'targetId', args.input.targetId);
    if (problems.any) return { watch: null, errors: problems.list };
    // Clearing what is not there is not an error: the outcome the caller wants already holds.
    await scope.watches.clear(
      userId,
      watchTargets.toState(args.input.target),
      targetId,
      scope.cause(info.fieldName),
    );
    return { watch: null, errors: [] };
  },
};

// Tickets, projects and people are other subgraphs' (or producers') ids: a reference needs only a signed-in
// caller, and every field below reads the caller's tenant only.
const Ticket: TicketResolvers<SubscriptionsContext> = {
  __resolveReference: (reference, context) => {
    tenantScope(context);
    return { __typename: 'Ticket', id: reference.id };
  },
  followers: (ticket, _, context) => followers(tenantScope(context), 'ticket', ticket.id),
  watches: async (ticket, _, context) =>
    (await tenantScope(context).watches.onTarget('ticket', ticket.id)).map(watchNode),
};

const Project: Pick<ProjectResolvers<SubscriptionsContext>, '__resolveReference' | 'followers'> = {
  __resolveReference: (reference, context) => {
    tenantScope(context);
    return { __typename: 'Project', id: reference.id };
  },
  followers: (project, _, context) => followers(tenantScope(context), 'project', project.id),
};

const User: UserResolvers<SubscriptionsContext> = {
  __resolveReference: (reference, context) => {
    tenantScope(context);
    return { __typename: 'User', id: reference.id };
  },
  watches: async (user, _, context) => (await tenantScope(context).watches.ofUser(user.id)).map(watchNode),
};

export const watchResolvers = { Mutation, Ticket, Project, User };
