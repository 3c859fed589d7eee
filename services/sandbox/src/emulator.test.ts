import { describe, expect, it } from 'vitest';
import type { EmulatorRequest, VendorEmulator } from './emulator.ts';
import { startSandbox } from './sandbox.ts';

/** A minimal vendor that answers its own paths and remembers what the sandbox told it. */
function echoVendor() {
  const seen: EmulatorRequest[] = [];
  const calls: string[] = [];
  const emulator: VendorEmulator = {
    vendor: 'echo',
    handle(request) {
      if (!request.url.pathname.startsWith('/echo/')) return undefined;
      seen.push(request);
      return {
        status: 201,
        headers: { 'x-echo': '1' },
        body: { path: request.url.pathname, body: request.bodyText },
      };
    },
    reset: (everything) => calls.push(`reset:${everything}`),
    setRateLimits: (enabled) => calls.push(`rateLimits:${enabled}`),
  };
  return { emulator, seen, calls };
}

describe('sandbox with further vendor emulators', () => {
  it('routes a vendor its paths and leaves the rest to the sandbox', async () => {
    const echo = echoVendor();
    const sandbox = await startSandbox({ emulators: [echo.emulator] });
    try {
      const answer = await fetch(`${sandbox.url}/echo/hello`, { method: 'POST', body: 'hi' });
      expect(answer.status).toBe(201);
      expect(answer.headers.get('x-echo')).toBe('1');
      expect(await answer.json()).toEqual({ path: '/echo/hello', body: 'hi' });
      expect((await fetch(`${sandbox.url}/_sandbox/health`)).status).toBe(200);
      expect((await fetch(`${sandbox.url}/nowhere`)).status).toBe(404);
    } finally {
      await sandbox.stop();
    }
  });

  it('passes settings and resets on to every vendor', async () => {
    const echo = echoVendor();
    const sandbox = await startSandbox({ emulators: [echo.emulator], rateLimits: true });
    try {
      await fetch(`${sandbox.url}/_sandbox/settings`, { method: 'PUT', body: '{"rateLimits":false}' });
      await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST', body: '{"robots":true}' });
      expect(echo.calls).toEqual(['rateLimits:true', 'rateLimits:false', 'reset:true']);
    } finally {
      await sandbox.stop();
    }
  });
});
