import { createSmtpClient } from '@tidings/providers';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox.ts';
import { startSmtpEmulator } from './emulator.ts';
import { smtpInbox } from './inbox.ts';

describe('SMTP inbox on the sandbox control API', () => {
  it('lists received mail by recipient and forgets it on reset', async () => {
    const smtp = await startSmtpEmulator();
    const sandbox = await startSandbox({ emulators: [smtpInbox(smtp)] });
    const client = createSmtpClient();
    try {
      const outcome = await client.send(
        { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'tidings@example.com' },
        { to: 'lan@example.com', subject: '[OPS-12] Disk full', html: '<p>hi</p>', text: 'hi' },
        { idempotencyKey: 'delivery-1' },
      );
      expect(outcome.kind).toBe('delivered');
      const inbox = async (query = '') =>
        (await (await fetch(`${sandbox.url}/_sandbox/smtp/messages${query}`)).json()) as {
          messages: Array<{ subject: string }>;
        };
      expect((await inbox('?to=lan@example.com')).messages.map((m) => m.subject)).toEqual([
        '[OPS-12] Disk full',
      ]);
      expect((await inbox('?to=nobody@example.com')).messages).toEqual([]);
      await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
      expect((await inbox()).messages).toEqual([]);
    } finally {
      await client.close();
      await sandbox.stop();
      await smtp.stop();
    }
  });
});
