import { type ChannelState, identityPlatformOf, type UserState } from '@tidings/state';
import type { StateStore } from '../state/store.ts';
import type { IdentityResolution, IdentityResolver } from './explain.ts';

/**
 * Answers from hand-set and imported identities only, for as long as the sending side's identity
 * directory (sending/identities.ts `createIdentityDirectory`, which also looks people up on the platform)
 * is not there. Says so rather than guessing that a person is unreachable.
 */
export function createStateOnlyIdentityResolver(state: StateStore): IdentityResolver {
  return {
    async resolve(channel: ChannelState, user: UserState): Promise<IdentityResolution> {
      const platform = identityPlatformOf(channel.config.kind);
      if (!platform) {
        return user.email
          ? { status: 'linked', platformUserId: user.email, source: 'manual' }
          : {
              status: 'no-contact-point',
              reason: `${user.name} has no email address on their Tidings profile`,
            };
      }
      const identity = state.identity(user.tenantId, user.id, platform);
      if (identity)
        return { status: 'linked', platformUserId: identity.platformUserId, source: identity.source };
      return {
        status: 'platform-error',
        reason: `${user.name} has no ${platform} id set by hand or imported, and this dispatcher cannot look people up yet`,
      };
    },
  };
}
