import { DEVELOPMENT_KEYRING_TEXT, isSealed, openSecret, parseKeyring } from '@tidings/crypto';
import { channelConfigSchema } from '@tidings/state';
import { describe, expect, it } from 'vitest';
import { channelKind, channelKinds, sealConfig, shownSettings } from './credential-fields.ts';
import type { ConfigOf } from './prepared.ts';

const keyring = parseKeyring(DEVELOPMENT_KEYRING_TEXT);

/** The state schema of each kind, keyed by kind. */
const stateSchemas = new Map(
  channelConfigSchema.options.map((schema) => [schema.shape.kind.value as string, schema.shape]),
);

/** A state-schema field is sealed when it takes a sealed value and refuses a plain string. */
function sealedKeys(shape: Record<string, { safeParse: (value: unknown) => { success: boolean } }>) {
  const sealedValue = 'tidings:sealed:v1:k:iv:body';
  return Object.keys(shape)
    .filter((key) => key !== 'kind')
    .filter((key) => shape[key]?.safeParse(sealedValue).success && !shape[key]?.safeParse('plain').success)
    .sort();
}

describe('channel kind declarations', () => {
  it('declare every kind of packages/state exactly once', () => {
    expect(channelKinds.map((declaration) => declaration.kind).sort()).toEqual(
      [...stateSchemas.keys()].sort(),
    );
  });

  it.each(channelKinds.map((declaration) => [declaration.kind, declaration] as const))(
    '%s: the declared fields are the state schema’s, and the secret ones exactly its sealed ones',
    (kind, declaration) => {
      const shape = stateSchemas.get(kind);
      if (!shape) throw new Error(`no state schema for ${kind}`);
      expect(declaration.fields.map((field) => field.key).sort()).toEqual(
        Object.keys(shape)
          .filter((key) => key !== 'kind')
          .sort(),
      );
      expect(
        declaration.fields
          .filter((field) => field.secret)
          .map((field) => field.key)
          .sort(),
      ).toEqual(sealedKeys(shape as never));
    },
  );

  it('sealConfig seals the secret fields only, and refuses to seal twice', () => {
    const plain: ConfigOf<'webhook'> = {
      kind: 'webhook',
      url: 'https://example.com/hook',
      secret: 'signing-secret',
      bearerToken: null,
    };
    const sealed = sealConfig<'webhook'>(keyring, plain);
    expect(sealed.url).toBe('https://example.com/hook');
    expect(sealed.bearerToken).toBeNull();
    expect(isSealed(sealed.secret)).toBe(true);
    expect(openSecret(keyring, sealed.secret)).toBe('signing-secret');
    expect(() => sealConfig<'webhook'>(keyring, sealed)).toThrow('webhook.secret is already sealed');
  });

  it('shows non-secret fields, "…Set" flags for secrets, and masked URLs only', () => {
    const config = sealConfig<'webhook'>(keyring, {
      kind: 'webhook',
      url: 'https://example.com/hook?token=abc',
      secret: 'signing-secret',
      bearerToken: 'bearer',
    });
    expect(shownSettings(config, 'https://example.com/hook?token=********')).toEqual({
      urlMasked: 'https://example.com/hook?token=********',
      secretSet: true,
      bearerTokenSet: true,
    });
    expect(channelKind('smtp').fields.find((field) => field.key === 'password')).toMatchObject({
      required: false,
      secret: true,
    });
  });
});
