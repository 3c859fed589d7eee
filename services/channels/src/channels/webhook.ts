import type { Keyring } from '@tidings/crypto';
import { InputErrorCode, type InputProblems } from '@tidings/graphql';
import { validateWebhookSettings } from '@tidings/providers';
import { sealConfig } from './credential-fields.ts';
import { MAX_CREDENTIAL_LENGTH } from './fields.ts';
import type { Prepared } from './prepared.ts';

export interface WebhookInput {
  url: string;
  secret: string;
  bearerToken?: string | null;
}

const MAX_URL_LENGTH = 2000;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * https only; plain http only to a loopback host (local development and tests). This is about the scheme
 * only: where the URL may point is the outbound policy's business (../outbound/index.ts), which resolves
 * the host when the channel is created and refuses loopback (in production), private, link-local and
 * metadata addresses unless allowlisted; every send re-checks, at connect time (docs/outbound-safety.md).
 */
function urlProblem(url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  return url.protocol === 'http:'
    ? 'url must use https (plain http only to localhost or 127.0.0.1)'
    : 'url must be an https URL';
}

/** Keeps scheme, host, port and path; query values are masked (they may hold tokens). */
export function maskWebhookUrl(url: URL): string {
  const query = [...url.searchParams.keys()].map((key) => `${encodeURIComponent(key)}=********`).join('&');
  return `${url.origin}${url.pathname}${query === '' ? '' : `?${query}`}`;
}

/**
 * Validates a webhook (with @tidings/providers' validateWebhookSettings, plus the https rule above); when
 * there are no problems, returns the config with the signing secret and the bearer token sealed.
 */
export function prepareWebhook(
  input: WebhookInput,
  keyring: Keyring,
  problems: InputProblems,
): Prepared<'webhook'> | undefined {
  const urlText = input.url.trim();
  const secret = input.secret;
  const bearerToken = (input.bearerToken ?? '') === '' ? null : (input.bearerToken as string);

  const settingsProblems = validateWebhookSettings({
    url: urlText,
    secret,
    ...(bearerToken === null ? {} : { bearerToken }),
  });
  const report = (field: 'url' | 'secret' | 'bearerToken') => {
    for (const problem of settingsProblems)
      if (problem.field === field) problems.add([field], problem.message);
  };

  report('url');
  let url: URL | undefined;
  if (!settingsProblems.some((problem) => problem.field === 'url')) {
    url = new URL(urlText);
    const wrong = urlProblem(url);
    if (urlText.length > MAX_URL_LENGTH) {
      problems.add(['url'], `url must be at most ${MAX_URL_LENGTH} characters`, InputErrorCode.tooLong);
    } else if (wrong) problems.add(['url'], wrong);
    else if (url.hash !== '') problems.add(['url'], 'url must not have a #fragment');
  }
  report('secret');
  if (secret.length > MAX_CREDENTIAL_LENGTH) {
    problems.add(
      ['secret'],
      `secret must be at most ${MAX_CREDENTIAL_LENGTH} characters`,
      InputErrorCode.tooLong,
    );
  }
  report('bearerToken');
  if (bearerToken !== null && bearerToken.length > MAX_CREDENTIAL_LENGTH) {
    problems.add(
      ['bearerToken'],
      `bearerToken must be at most ${MAX_CREDENTIAL_LENGTH} characters`,
      InputErrorCode.tooLong,
    );
  }

  if (problems.any || !url) return undefined;
  return {
    config: sealConfig<'webhook'>(keyring, { kind: 'webhook', url: url.href, secret, bearerToken }),
    webhookUrlMasked: maskWebhookUrl(url),
  };
}
