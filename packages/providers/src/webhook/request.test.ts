import { describe, expect, it } from 'vitest';
import { buildWebhookRequest, validateWebhookSettings } from './request.ts';

const credentials = { url: 'https://hooks.example.com/tidings', secret: 'whsec_test_0123456789' };

describe('validateWebhookSettings', () => {
  it('accepts http(s) URLs with a long enough secret', () => {
    expect(validateWebhookSettings(credentials)).toEqual([]);
    expect(
      validateWebhookSettings({ ...credentials, url: 'http://127.0.0.1:8080/x', bearerToken: 't' }),
    ).toEqual([]);
  });

  it('names every problem', () => {
    expect(
      validateWebhookSettings({ url: 'ftp://x', secret: 'short', bearerToken: 'has space' }).map(
        (p) => p.field,
      ),
    ).toEqual(['url', 'secret', 'bearerToken']);
    expect(validateWebhookSettings({ ...credentials, url: 'https://u:p@x.test/' })[0]?.message).toMatch(
      /credentials/,
    );
    expect(validateWebhookSettings({ ...credentials, url: 'not a url' })[0]?.field).toBe('url');
  });
});

describe('buildWebhookRequest', () => {
  it('serialises, signs and adds the delivery id and bearer token', () => {
    const request = buildWebhookRequest({
      credentials: { ...credentials, bearerToken: 'tok' },
      payload: { type: 'ticket.comment_added', deliveryId: 'dlv_1' },
      idempotencyKey: 'dlv_1',
      timestampSeconds: 1_700_000_000,
    });
    expect(request).toEqual({
      url: 'https://hooks.example.com/tidings',
      body: '{"type":"ticket.comment_added","deliveryId":"dlv_1"}',
      headers: {
        'content-type': 'application/json',
        'x-tidings-timestamp': '1700000000',
        'x-tidings-signature': 'v1=39c220acd757e193afc9bf45b8b2b6636eb4be27b2b9c271efe60cc79c506bbe',
        'x-tidings-delivery-id': 'dlv_1',
        authorization: 'Bearer tok',
      },
    });
  });

  it('has no authorization header without a token', () => {
    const request = buildWebhookRequest({
      credentials,
      payload: {},
      idempotencyKey: 'k',
      timestampSeconds: 1,
    });
    expect(request.headers.authorization).toBeUndefined();
  });
});
