import { NETWORK_RETRY_AFTER_SECONDS } from '../http.ts';
import type { DeliveryOutcome } from '../outcome.ts';
import { OutboundLookupError, type OutboundRefusedError } from './check.ts';

/**
 * What a client reports when the outbound policy stopped a send: a refusal is permanent (a person must
 * change the target or the allowlist); a name that does not resolve is retried like any network failure.
 */
export function outboundOutcome(error: OutboundRefusedError | OutboundLookupError): DeliveryOutcome {
  if (error instanceof OutboundLookupError) {
    return {
      kind: 'retry',
      retryAfterSeconds: NETWORK_RETRY_AFTER_SECONDS,
      code: 'network',
      reason: `network error: ${error.message}`,
    };
  }
  return { kind: 'permanent', code: error.code, reason: `refused by the outbound policy: ${error.message}` };
}
