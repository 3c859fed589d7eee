/**
 * What happened to one delivery attempt, as the dispatcher needs it to decide what to do next.
 * Providers never throw for vendor or network failures; they return one of these.
 *
 * - `delivered`: the vendor accepted the message (after reading its body, never on HTTP status alone).
 * - `retry`: transient; try again after `retryAfterSeconds`.
 * - `reauthenticate`: the credentials expired or were revoked; fetch new ones, then retry.
 * - `permanent`: retrying the same request will fail the same way; a person must act.
 *
 * `code` is machine-readable (the vendor's error code as a string, `http_<status>`, `network`, `timeout`);
 * `reason` is a sentence a person can act on.
 */
export type DeliveryOutcome =
  | { kind: 'delivered'; httpStatus: number; providerMessageId?: string }
  | { kind: 'retry'; retryAfterSeconds: number; code: string; reason: string; httpStatus?: number }
  | { kind: 'reauthenticate'; code: string; reason: string; httpStatus?: number }
  | { kind: 'permanent'; code: string; reason: string; httpStatus?: number };

export type DeliveryOutcomeKind = DeliveryOutcome['kind'];
