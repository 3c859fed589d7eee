import type { InboxItem, VendorEmulator } from '../emulator.ts';
import { escapeHtml, renderText } from '../html.ts';
import type { ReceivedMail, RunningSmtpEmulator } from './emulator.ts';

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
    inbox: () => smtp.messages.map(mailItem),
  };
}

/** A mail as a mail client shows it: subject, from, to, then the HTML part in a sandboxed frame (or the text). */
export function mailItem(mail: ReceivedMail): InboxItem {
  const to = mail.to.length ? mail.to : mail.envelope.rcptTo;
  const head = `<div class="mail-head"><div><b>From:</b> ${escapeHtml(mail.from || (mail.envelope.mailFrom ?? ''))}</div><div><b>To:</b> ${escapeHtml(
    to.join(', '),
  )}</div><div><b>Subject:</b> ${escapeHtml(mail.subject)}</div></div>`;
  // srcdoc is an attribute: escaped once here, the browser unescapes it into the frame's document. The empty
  // sandbox attribute keeps scripts, forms and navigation of the page out of reach.
  const body =
    mail.html !== null
      ? `<iframe sandbox="" referrerpolicy="no-referrer" srcdoc="${escapeHtml(mail.html)}"></iframe>`
      : renderText(mail.text);
  return {
    vendor: 'smtp',
    receivedAt: mail.receivedAt,
    to: to.join(', '),
    title: mail.subject || '(no subject)',
    html: head + body,
  };
}
