import { InputErrorCode, InputProblems } from '@tidings/graphql';
import { type IdentityContext, tenantScope } from '../context.ts';
import type { PreferencesRow } from '../db/schema.ts';
import type { MuteInput, Preferences, PreferencesPayload, Resolvers } from '../generated/graphql.ts';
import { requireSelfOrAdmin } from '../users/node.ts';
import { fromStateEventTypes } from '../vocabulary.ts';
import { readMuteTarget } from './mutes.ts';

/** A person's mutes as GraphQL sees them; someone who never muted anything has empty lists. */
export function preferencesNode(row: PreferencesRow | null): Preferences {
  const eventTypes = fromStateEventTypes(row?.mutedEventTypes ?? []);
  return {
    mutedProjects: (row?.mutedProjectIds ?? []).map((id) => ({ __typename: 'Project', id })),
    mutedEventTypes: eventTypes.builtIn,
    mutedCustomEventTypes: eventTypes.custom,
    mutedChannels: (row?.mutedChannelIds ?? []).map((id) => ({ __typename: 'Channel', id })),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

async function changeMutes(
  input: MuteInput,
  context: IdentityContext,
  mute: boolean,
  mutation: string,
): Promise<PreferencesPayload> {
  const scope = tenantScope(context);
  const userId = input.userId ?? scope.claims.userId;
  requireSelfOrAdmin(scope.claims, userId, 'notification preferences');
  const problems = new InputProblems();
  const target = readMuteTarget(input, problems);
  if (!target) return { preferences: null, errors: problems.list };
  if (!(await scope.loadUser(userId))) {
    problems.add(['userId'], `no person with id "${userId}" in this tenant`, InputErrorCode.notFound);
    return { preferences: null, errors: problems.list };
  }
  const row = await scope.preferences.change(userId, target, mute, scope.cause(mutation));
  return { preferences: preferencesNode(row), errors: [] };
}

export const preferencesResolvers: Resolvers<IdentityContext> = {
  Mutation: {
    muteNotifications: (_, args, context, info) => changeMutes(args.input, context, true, info.fieldName),
    unmuteNotifications: (_, args, context, info) => changeMutes(args.input, context, false, info.fieldName),
  },
  Project: {
    // Projects belong to the producers; Tidings knows only their ids, so any id of the caller's is one.
    __resolveReference: (reference, context) => {
      tenantScope(context);
      return { __typename: 'Project', id: reference.id };
    },
  },
};
