/**
 * What of an outgoing request's URL may go on a span. A provider URL can carry a credential in its path or
 * query (DingTalk's `access_token=`, a Lark bot's hook path, WeCom's `key=`, a webhook's own URL), so only
 * the origin (scheme, host, port) is kept.
 */
export function redactedUrlAttributes(url: URL): Record<string, string> {
  return { 'url.full': url.origin, 'url.path': '[redacted]', 'url.query': '[redacted]' };
}

/**
 * Which vendor a request fetches an access token from, by the token endpoint's path (null: not a token
 * fetch). The providers library owns the token caches; counting their fetches here keeps the metric in one
 * place without reaching into it.
 */
export function tokenEndpointVendor(path: string): 'dingtalk' | 'lark' | 'wecom' | null {
  const pathname = path.split('?')[0] ?? '';
  if (pathname.endsWith('/cgi-bin/gettoken')) return 'wecom';
  if (pathname.endsWith('/gettoken') || pathname.endsWith('/oauth2/accessToken')) return 'dingtalk';
  if (
    pathname.endsWith('/auth/v3/tenant_access_token/internal') ||
    pathname.endsWith('/auth/v3/app_access_token/internal')
  )
    return 'lark';
  return null;
}
