import type { Keyring } from '@tidings/crypto';
import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { type SmtpSecurity, validateSmtpSettings } from '@tidings/providers';
import { sealConfig } from './credential-fields.ts';
import { MAX_CREDENTIAL_LENGTH } from './fields.ts';
import type { Prepared } from './prepared.ts';

export interface SmtpInput {
  host: string;
  port: number;
  security: SmtpSecurity;
  user?: string | null;
  password?: string | null;
  from: string;
}

/** Longest text accepted for host, user and from (a host name is ≤ 253; an address ≤ 254 plus a display name). */
const MAX_SMTP_TEXT = 320;

/**
 * Validates an SMTP account (with @tidings/providers' validateSmtpSettings: port/security agreement, a
 * password only over TLS, a parsable From); when there are no problems, returns the config with the
 * password sealed. No connection is attempted here.
 */
export function prepareSmtp(
  input: SmtpInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'smtp'> | undefined {
  const host = input.host.trim();
  const user = input.user?.trim() || null;
  // Passwords are taken as given (no trimming): a space may be part of one.
  const password =
    input.password === undefined || input.password === null || input.password === '' ? null : input.password;
  const from = input.from.trim();

  const tooLong: Array<[string, string | null, number]> = [
    ['host', host, MAX_SMTP_TEXT],
    ['user', user, MAX_SMTP_TEXT],
    ['password', password, MAX_CREDENTIAL_LENGTH],
    ['from', from, MAX_SMTP_TEXT],
  ];
  const long = new Set<string>();
  for (const [field, value, max] of tooLong) {
    if (value !== null && value.length > max) {
      problems.add([field], `${field} must be at most ${max} characters`, InputErrorCode.tooLong);
      long.add(field);
    }
  }
  if (user !== null && !/^[^\s]+$/.test(user)) {
    problems.add(['user'], 'user must not contain spaces or line breaks');
    long.add('user');
  }
  if (password !== null && (password.includes('\r') || password.includes('\n') || password.includes('\0'))) {
    problems.add(['password'], 'password must not contain line breaks');
    long.add('password');
  }

  for (const problem of validateSmtpSettings({
    host,
    port: input.port,
    security: input.security,
    ...(user === null ? {} : { user }),
    ...(password === null ? {} : { password }),
    from,
  })) {
    if (long.has(problem.field)) continue;
    const code = /is required/.test(problem.message) ? InputErrorCode.required : InputErrorCode.invalid;
    problems.add([problem.field], problem.message, code);
  }

  if (problems.any) return undefined;
  return {
    config: sealConfig<'smtp'>(keyring, {
      kind: 'smtp',
      host,
      port: input.port,
      security: input.security,
      user,
      password,
      from,
    }),
    webhookUrlMasked: null,
  };
}
