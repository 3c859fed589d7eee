import { platformMobile, type WeComRobotMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import { type EventDescription, plainText } from './describe.ts';

/**
 * A WeCom group robot message. Text rather than markdown: only text mentions by mobile
 * (`mentioned_mobile_list`), and a mention that does not fire is a missed notification.
 */
export function renderWeComRobotText(
  description: EventDescription,
  recipients: UserState[],
): WeComRobotMessage {
  const mobiles = recipients.flatMap((user) => (user.phone ? [platformMobile(user.phone)] : []));
  const lines = [description.title, plainText(description.headline)];
  if (description.status) lines.push(`Status: ${description.status}`);
  if (description.ticketUrl) lines.push(description.ticketUrl);
  return { msgtype: 'text', content: lines.join('\n'), mentionedMobileList: mobiles };
}
