/**
 * Fitting text into vendors' byte limits (UTF-8), shared by every vendor: a message that is too long is
 * cut, with a link to the whole ticket, never rejected.
 */
const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes, on a code-point boundary, ending with `suffix` when it
 * had to cut. Text that fits is returned unchanged. If even the suffix does not fit, it falls back to `…`.
 */
export function truncateUtf8(text: string, maxBytes: number, suffix = '…'): string {
  if (utf8Length(text) <= maxBytes) return text;
  const tail = utf8Length(suffix) <= maxBytes ? suffix : utf8Length('…') <= maxBytes ? '…' : '';
  const budget = maxBytes - utf8Length(tail);
  let used = 0;
  let kept = '';
  for (const char of text) {
    const size = utf8Length(char);
    if (used + size > budget) break;
    used += size;
    kept += char;
  }
  return kept + tail;
}

/** The suffix of a cut text: an ellipsis and, when known, where to read the rest. */
export function viewFullSuffix(fullTextUrl: string | undefined, markdown: boolean): string {
  if (!fullTextUrl) return '…';
  return markdown ? `…\n[view full ticket](${fullTextUrl})` : `…\nview full ticket: ${fullTextUrl}`;
}

/**
 * Renders with the whole text if it fits `maxBytes`, else with the longest prefix (in code points) that
 * fits together with the "view full ticket" tail. Never rejects: if even an empty text does not fit
 * (a huge title or mention list), the empty-text rendering is returned and the vendor decides.
 */
export function fitToBytes(
  text: string,
  render: (text: string, truncated: boolean) => string,
  maxBytes: number,
): { body: string; truncated: boolean } {
  const whole = render(text, false);
  if (Buffer.byteLength(whole, 'utf8') <= maxBytes) return { body: whole, truncated: false };
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length - 1;
  let best = render('', true);
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const candidate = render(chars.slice(0, mid).join(''), true);
    if (Buffer.byteLength(candidate, 'utf8') <= maxBytes) {
      best = candidate;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return { body: best, truncated: true };
}
