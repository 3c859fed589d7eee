import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { CLAIMS_HEADER, type Claims, forwardedClaimsHeaders, type JwtVerification } from '@tidings/auth';

export interface CallerAuthenticationOptions {
  verify: (token: string) => Promise<JwtVerification>;
  /** HMAC secret shared with the subgraphs, which check the forwarded claims with readForwardedClaims. */
  claimsSecret: string;
}

/** What the authentication plugin adds to the GraphQL context: the verified caller, null when anonymous. */
export interface CallerContext {
  caller: Claims | null;
}

/** The caller a context carries (see CallerContext). */
export function callerOf(context: unknown): Claims | null {
  return (context as Partial<CallerContext> | null)?.caller ?? null;
}

/** Why a presented token was refused, as a stable word clients can branch on. */
export type RejectionReason =
  | 'malformed-authorization'
  | 'malformed-token'
  | 'expired'
  | 'not-yet-valid'
  | 'bad-signature'
  | 'unknown-signing-key'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'missing-claims'
  | 'invalid-token';

/** Maps the verifier's (jose's) message to a reason; the message itself is kept as the detail. */
export function classifyRejection(detail: string): RejectionReason {
  if (/"exp" claim/.test(detail)) return 'expired';
  if (/"nbf" claim|"iat" claim/.test(detail)) return 'not-yet-valid';
  if (/signature/i.test(detail)) return 'bad-signature';
  if (/no applicable key/.test(detail)) return 'unknown-signing-key';
  if (/"aud" claim/.test(detail)) return 'wrong-audience';
  if (/"iss" claim/.test(detail)) return 'wrong-issuer';
  if (/no subject|no tenant/.test(detail)) return 'missing-claims';
  if (/Compact JWS|JWT must|JWS Protected Header/i.test(detail)) return 'malformed-token';
  return 'invalid-token';
}

function unauthorized(reason: RejectionReason, detail: string): Response {
  const message = `Unauthenticated: ${reason} (${detail})`;
  const body = { errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] };
  return new Response(JSON.stringify(body), {
    status: 401,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      // RFC 6750 §3: tell the client the bearer token itself is the problem.
      'www-authenticate': `Bearer error="invalid_token", error_description="${reason}"`,
    },
  });
}

/**
 * Authenticates the caller and forwards the verified claims to every subgraph request.
 *
 * - `Authorization: Bearer <jwt>` is verified once per HTTP request (`onRequest`); a token that is present
 *   but invalid ends the request with 401 and the reason. No Authorization header means anonymous: the
 *   request proceeds and the subgraphs refuse whatever needs a caller.
 * - `onSubgraphExecute` notes which subgraph each execution request is for; `onFetch` runs for the HTTP
 *   request that carries it (root fetches and the entity fetches of a query plan alike). It first removes
 *   any `x-tidings-claims*` header already on the outgoing request (the gateway never propagates client
 *   headers, but this holds even if header propagation is configured later), then adds the headers from
 *   forwardedClaimsHeaders — for an anonymous caller too, so a subgraph can refuse every request that did
 *   not come through the gateway — signed for that subgraph, now.
 * - A fetch whose subgraph is unknown gets no header, so the subgraph refuses it: failing closed beats
 *   signing a header every subgraph would accept.
 */
export function useCallerAuthentication(options: CallerAuthenticationOptions): GatewayPlugin {
  const callers = new WeakMap<Request, Claims>();
  const subgraphOf = new WeakMap<object, string>();
  return {
    async onRequest({ request, endResponse }) {
      const authorization = request.headers.get('authorization');
      if (authorization === null) return;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) {
        endResponse(unauthorized('malformed-authorization', 'expected "Authorization: Bearer <token>"'));
        return;
      }
      const verification = await options.verify(match[1]);
      if (!verification.ok) {
        endResponse(unauthorized(classifyRejection(verification.reason), verification.reason));
        return;
      }
      callers.set(request, verification.claims);
    },
    // Later plugins (the mutation rate limit) read the caller from the GraphQL context.
    onContextBuilding({ context, extendContext }) {
      const request = 'request' in context ? (context.request as Request) : undefined;
      extendContext({ caller: (request && callers.get(request)) ?? null });
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      subgraphOf.set(executionRequest, subgraphName);
    },
    onFetch({ context, executionRequest, options: init, setOptions }) {
      const headers = new Headers(init.headers);
      for (const name of [...headers.keys()]) {
        if (name.startsWith(CLAIMS_HEADER)) headers.delete(name);
      }
      const subgraph = executionRequest ? subgraphOf.get(executionRequest) : undefined;
      if (subgraph) {
        const request = context && 'request' in context ? context.request : undefined;
        const claims = (request && callers.get(request)) ?? null;
        for (const [name, value] of Object.entries(
          forwardedClaimsHeaders(claims, options.claimsSecret, subgraph),
        )) {
          headers.set(name, value);
        }
      }
      setOptions({ ...init, headers: Object.fromEntries(headers) });
    },
  };
}
