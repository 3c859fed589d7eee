import type { VendorEmulator } from '../emulator.ts';
import type { RunningSmtpEmulator } from './emulator.ts';

/**
 * Puts a running SMTP emulator's inbox on the sandbox's control API: `GET /_sandbox/smtp/messages?to=`
 * lists what it received; sandbox resets clear it.
 */
export function smtpInbox(smtp: RunningSmtpEmulator): VendorEmulator {
  return {
    vendor: 'smtp',
    handle(request) {
      if (request.url.pathname !== '/_sandbox/smtp/messages') return undefined;
      if (request.method !== 'GET')
        return { status: 405, headers: { allow: 'GET' }, body: { error: 'use GET' } };
      const to = request.url.searchParams.get('to');
      const messages = to ? smtp.messages.filter((m) => m.envelope.rcptTo.includes(to)) : smtp.messages;
      return { status: 200, body: { port: smtp.port, messages } };
    },
    reset: () => smtp.reset(),
    // Mail has no platform rate limit to emulate.
    setRateLimits: () => {},
  };
}
