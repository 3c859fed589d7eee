import type { Claims } from '@tidings/auth';
import { GraphQLError } from 'graphql';

/**
 * The typed input error every subgraph declares, character for character, so composition merges the
 * `@shareable` copies. Each subgraph's SDL must contain exactly this text (their tests check it).
 */
export const INPUT_ERROR_SDL = `"""
A problem with one input field of a mutation. \`field\` is the path to it inside the mutation's input
(for example ["webhookUrl"] or ["keywords", "2"]); \`code\` is machine-readable, \`message\` is for people.
"""
type InputError @shareable {
  field: [String!]!
  message: String!
  code: String!
}`;

/** Machine-readable codes of `InputError.code`; a subgraph may use others, these are the common ones. */
export const InputErrorCode = {
  invalid: 'INVALID',
  required: 'REQUIRED',
  tooLong: 'TOO_LONG',
  tooMany: 'TOO_MANY',
  notFound: 'NOT_FOUND',
  alreadyExists: 'ALREADY_EXISTS',
} as const;

export interface InputErrorValue {
  field: string[];
  message: string;
  code: string;
}

export function inputError(field: string | string[], message: string, code: string): InputErrorValue {
  return { field: typeof field === 'string' ? [field] : field, message, code };
}

/**
 * Collects the problems of one mutation input so all of them are reported at once:
 *
 *   const problems = new InputProblems();
 *   const phone = problems.check(['phone'], normalisePhone(input.phone));
 *   if (problems.any) return { user: null, errors: problems.list };
 */
export class InputProblems {
  readonly list: InputErrorValue[] = [];

  add(field: string | string[], message: string, code: string = InputErrorCode.invalid): void {
    this.list.push(inputError(field, message, code));
  }

  /** Records a failed check and returns its value (undefined when it failed). */
  check<T>(field: string | string[], result: Checked<T>): T | undefined {
    if (result.ok) return result.value;
    this.add(field, result.message, result.code);
    return undefined;
  }

  get any(): boolean {
    return this.list.length > 0;
  }
}

/** The result of validating one field: its normalised value, or what is wrong with it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string; code?: string };

export const TENANT_ADMIN_ROLE = 'tenant-admin';

export function unauthenticated(message = 'sign in to use this API'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

/** For queries, whose arguments have no payload to carry typed errors (a malformed cursor, say). */
export function badUserInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) },
  });
}

/** The caller's claims, or UNAUTHENTICATED: every query and mutation of a tenant's data starts here. */
export function requireClaims(claims: Claims | null): Claims {
  if (!claims) throw unauthenticated();
  return claims;
}

export function isTenantAdmin(claims: Claims): boolean {
  return claims.roles.includes(TENANT_ADMIN_ROLE);
}

/** A tenant admin, or an owner of every one of `projectIds` (an empty list needs an admin). */
export function canConfigureProjects(claims: Claims, projectIds: readonly string[] | null): boolean {
  if (isTenantAdmin(claims)) return true;
  if (projectIds === null || projectIds.length === 0) return false;
  return projectIds.every((projectId) => claims.ownedProjectIds.includes(projectId));
}
