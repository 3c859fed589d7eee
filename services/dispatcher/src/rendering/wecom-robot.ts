import { platformMobile, type WeComRobotMessage } from '@tidings/providers';
import type { UserState } from '@tidings/state';
import type { Render } from './message.ts';

/** The text message a WeCom robot posts. */
export type WeComRobotText = Extract<WeComRobotMessage, { msgtype: 'text' }>;

/**
 * A WeCom group robot message. Text rather than markdown: only text mentions by mobile
 * (`mentioned_mobile_list`, "@all" for everyone), and a mention that does not fire is a missed
 * notification. WeCom writes the mentions into the message itself, so `${mentions}` stays empty.
 */
export function renderWeComRobotText(
  render: Render,
  recipients: readonly UserState[],
  options: { mentionAll: boolean },
): WeComRobotText {
  const mobiles = recipients.flatMap((user) => (user.phone ? [platformMobile(user.phone)] : []));
  return {
    msgtype: 'text',
    content: render().body,
    mentionedMobileList: [...mobiles, ...(options.mentionAll ? ['@all'] : [])],
  };
}
