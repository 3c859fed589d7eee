import type { InboxItem } from '../emulator.ts';
import { record, renderDingTalkMessage, renderJson, str } from '../html.ts';
import type { DingTalkAppMessage } from './emulator.ts';

/** 1:1 robot msgKeys mapped onto the group-robot msgtypes they look like. */
const ROBOT_KEYS: Record<string, string> = {
  sampleText: 'text',
  sampleMarkdown: 'markdown',
  sampleLink: 'link',
  sampleActionCard: 'actionCard',
};

export function dingTalkAppInboxItems(messages: readonly DingTalkAppMessage[]): InboxItem[] {
  return messages.map((m) => {
    if (m.channel === 'work-notification') {
      const msgtype = str(m.msg.msgtype);
      const part = record(m.msg[msgtype]);
      return {
        vendor: 'dingtalk-app',
        receivedAt: m.receivedAt,
        to: m.userid,
        title: `work notification: ${str(part.title) || msgtype}`,
        html: renderDingTalkMessage(msgtype, part),
      };
    }
    const msgtype = ROBOT_KEYS[m.msgKey];
    return {
      vendor: 'dingtalk-app',
      receivedAt: m.receivedAt,
      to: m.userid,
      title: `robot ${m.robotCode}: ${str(m.msgParam.title) || m.msgKey}`,
      html: msgtype ? renderDingTalkMessage(msgtype, m.msgParam) : renderJson(m.msgParam),
    };
  });
}
