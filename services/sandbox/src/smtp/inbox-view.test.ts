import { describe, expect, it } from 'vitest';
import type { ReceivedMail } from './emulator.ts';
import { mailItem } from './inbox.ts';

const mail = (overrides: Partial<ReceivedMail> = {}): ReceivedMail => ({
  receivedAt: '2026-01-15T09:00:00.000Z',
  envelope: { mailFrom: 'bot@tidings.example', rcptTo: ['lan@example.com'] },
  sessionId: 's1',
  authUser: null,
  secure: false,
  from: 'Tidings <bot@tidings.example>',
  to: ['lan@example.com'],
  subject: 'Ticket #7 <b>updated</b>',
  text: 'plain <text>',
  html: '<p>Hello "Lan" &amp; co</p><script>alert(1)</script>',
  messageId: null,
  headers: {},
  ...overrides,
});

describe('SMTP inbox item', () => {
  it('shows subject, from, to and the HTML part escaped into a sandboxed srcdoc frame', () => {
    const item = mailItem(mail());
    expect(item).toMatchObject({ vendor: 'smtp', to: 'lan@example.com', title: 'Ticket #7 <b>updated</b>' });
    expect(item.html).toContain('<b>Subject:</b> Ticket #7 &lt;b&gt;updated&lt;/b&gt;');
    expect(item.html).toContain('<b>From:</b> Tidings &lt;bot@tidings.example&gt;');
    expect(item.html).toContain(
      '<iframe sandbox="" referrerpolicy="no-referrer" srcdoc="&lt;p&gt;Hello &quot;Lan&quot; &amp;amp; co&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    );
    expect(item.html).not.toContain('<script');
  });

  it('falls back to the text part, escaped', () => {
    const item = mailItem(mail({ html: null }));
    expect(item.html).toContain('plain &lt;text&gt;');
    expect(item.html).not.toContain('iframe');
  });
});
