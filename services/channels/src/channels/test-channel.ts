import { forbidden, InputErrorCode, InputProblems, isTenantAdmin } from '@tidings/graphql';
import { type ChannelsContext, tenantScope } from '../context.ts';
import type { Resolvers, TestChannelInput, TestOutcome } from '../generated/graphql.ts';
import type { TestTarget } from '../test-send/index.ts';
import { isChannelId } from './repository.ts';

/** Exactly one way of naming whom the test message goes to. */
function readTarget(input: TestChannelInput['target'], problems: InputProblems): TestTarget | undefined {
  const given = [
    input.group ? ({ kind: 'group' } as const) : null,
    input.phone ? ({ kind: 'phone', phone: input.phone.replace(/[\s-]/g, '') } as const) : null,
    input.email ? ({ kind: 'email', email: input.email.trim() } as const) : null,
    input.platformUserId ? ({ kind: 'platformUser', id: input.platformUserId.trim() } as const) : null,
  ].filter((target) => target !== null);
  if (given.length !== 1) {
    problems.add(
      ['target'],
      'give exactly one of group, phone, email or platformUserId',
      InputErrorCode.invalid,
    );
    return undefined;
  }
  const [target] = given;
  if (target?.kind === 'phone' && !/^\+\d{6,15}$/.test(target.phone)) {
    problems.add(['target', 'phone'], 'must be E.164, e.g. +8613800138000', InputErrorCode.invalid);
    return undefined;
  }
  return target;
}

/**
 * The seeds' "Test" button: sends a test message through the channel now, with the same provider library
 * the dispatcher uses, and answers with what the platform said, in words.
 */
export const testChannelResolvers: Resolvers<ChannelsContext> = {
  Mutation: {
    async testChannel(_parent, { input }, context) {
      const scope = tenantScope(context);
      if (!isTenantAdmin(scope.claims)) throw forbidden('only a tenant admin can test channels');
      const problems = new InputProblems();
      const row = isChannelId(input.channelId) ? await scope.loadChannel(input.channelId) : null;
      if (!row) problems.add(['channelId'], 'no such channel in this tenant', InputErrorCode.notFound);
      const target = readTarget(input.target, problems);
      if (problems.any || !row || !target) return { result: null, errors: problems.list };
      const result = await context.testSender.send(
        { config: row.config, tenantId: row.tenantId, name: row.name, id: row.id },
        target,
      );
      if (!result.ok && result.kind === 'invalid-target') {
        problems.add(['target'], result.summary, InputErrorCode.invalid);
        return { result: null, errors: problems.list };
      }
      return {
        result: {
          delivered: result.ok,
          // The failure kinds are the enum's values in kebab case (not-found → NOT_FOUND).
          outcome: result.ok ? 'DELIVERED' : (result.kind.toUpperCase().replace(/-/g, '_') as TestOutcome),
          code: result.ok ? null : (result.code ?? null),
          summary: result.summary,
          providerMessageId: result.ok ? (result.providerMessageId ?? null) : null,
        },
        errors: [],
      };
    },
  },
};
