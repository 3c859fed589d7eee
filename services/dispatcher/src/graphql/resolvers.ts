import type { Claims } from '@tidings/auth';
import { badUserInput, dateTimeScalar, forbidden, isTenantAdmin, requireClaims } from '@tidings/graphql';
import { ticketEventFromSample } from '@tidings/templates';
import { type EventExplanation, explainEvent, type IdentityResolver } from '../explain/explain.ts';
import type { EventExplanation as EventExplanationResult, Resolvers } from '../generated/graphql.ts';
import type { StateStore } from '../state/store.ts';
import { type AuditContext, auditQuery, jsonScalar } from './audit.ts';
import { type LedgerContext, ledgerResolvers } from './deliveries.ts';

export interface DeliveriesContext extends LedgerContext, AuditContext {
  claims: Claims | null;
  /** The dispatcher's own materialised state: what the router decides with. */
  state: StateStore;
  /** The directory the senders use, so explain and sending find people the same way. */
  identities: IdentityResolver;
}

const ref = (id: string) => ({ id });

/** The explanation with entity references the other subgraphs resolve (people unknown to Tidings: null). */
function toResult(explanation: EventExplanation): EventExplanationResult {
  return {
    eventType: explanation.eventType,
    rules: explanation.rules.map((rule) => ({
      rule: ref(rule.ruleId),
      matched: rule.matched,
      reason: rule.reason,
      detail: rule.detail,
    })),
    notifications: explanation.notifications.map((notification) => ({
      channel: ref(notification.channelId),
      audience: notification.audience,
      user: notification.userId ? ref(notification.userId) : null,
      platformUserId: notification.platformUserId,
      mentioned: notification.mentionedUserIds.map(ref),
      mentionAll: notification.mentionAll,
      rules: notification.ruleIds.map(ref),
    })),
    skippedPeople: explanation.skippedPeople.map((person) => ({
      userId: person.userId,
      user: person.known ? ref(person.userId) : null,
      channel: person.channelId ? ref(person.channelId) : null,
      reason: person.reason,
      detail: person.detail,
    })),
    skippedChannels: explanation.skippedChannels.map((skip) => ({
      channelId: skip.channelId,
      channel: skip.known ? ref(skip.channelId) : null,
      rule: ref(skip.ruleId),
      reason: skip.reason,
      detail: skip.detail,
    })),
  };
}

export const resolvers: Resolvers<DeliveriesContext> = {
  DateTime: dateTimeScalar,
  JSON: jsonScalar,
  Query: {
    ...ledgerResolvers.Query,
    ...auditQuery,
    async explainEvent(_parent, { event: sample }, context) {
      const claims = requireClaims(context.claims);
      // It shows the project's rules and people: what its owners and the tenant's admins may see.
      if (!isTenantAdmin(claims) && !claims.ownedProjectIds.includes(sample.projectId))
        throw forbidden('explaining an event needs a tenant admin or an owner of its project');
      const converted = ticketEventFromSample(
        claims.tenantId,
        sample,
        (id) => context.state.user(claims.tenantId, id)?.name,
      );
      if (!converted.ok) {
        // Problems name the input path from the argument down, e.g. event.customType.
        const [first] = converted.problems;
        throw badUserInput(
          converted.problems.map((p) => `${p.field.join('.')}: ${p.message}`).join('; '),
          first?.field.join('.') ?? 'event',
        );
      }
      // Only ever the caller's tenant, whatever the conversion did.
      converted.event.tenantId = claims.tenantId;
      return toResult(await explainEvent(converted.event, context.state, context.identities));
    },
  },
  Mutation: ledgerResolvers.Mutation,
  Delivery: ledgerResolvers.Delivery,
};
