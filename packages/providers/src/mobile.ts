/**
 * A phone number as DingTalk and WeCom store it: a mainland China mobile as its 11 bare digits (no +86);
 * any other number stays E.164 (UNVERIFIED: the reference does not say how they store other countries').
 * For numbers already in E.164 form.
 */
export function platformMobile(e164: string): string {
  return /^\+86(1\d{10})$/.exec(e164)?.[1] ?? e164;
}
