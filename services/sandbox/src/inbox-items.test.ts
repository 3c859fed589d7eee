import { describe, expect, it } from 'vitest';
import { dingTalkAppInboxItems } from './dingtalk-app/inbox.ts';
import { larkInboxItems } from './lark/inbox.ts';
import { webhookInboxItems } from './webhook/inbox.ts';
import { wecomInboxItems } from './wecom/inbox.ts';

const at = '2026-01-15T09:00:00.000Z';

describe('inbox items per vendor', () => {
  it('DingTalk app: a markdown work notification and a 1:1 robot action card', () => {
    const [notification, robot] = dingTalkAppInboxItems([
      {
        id: '1',
        receivedAt: at,
        userid: 'u1',
        clientId: 'c',
        channel: 'work-notification',
        agentId: 1,
        taskId: 1,
        msg: { msgtype: 'markdown', markdown: { title: 'T', text: '### Hi\n**there**' } },
      },
      {
        id: '2',
        receivedAt: at,
        userid: 'u1',
        clientId: 'c',
        channel: 'robot',
        robotCode: 'rc',
        processQueryKey: 'k',
        msgKey: 'sampleActionCard',
        msgParam: { title: 'Card', text: 'body', singleTitle: 'Open', singleURL: 'https://t.example/1' },
      },
    ]);
    expect(notification).toMatchObject({ vendor: 'dingtalk-app', to: 'u1', title: 'work notification: T' });
    expect(notification?.html).toContain('<h5>Hi</h5><div><strong>there</strong></div>');
    expect(robot?.html).toContain('<div class="card-header">Card</div>');
    expect(robot?.html).toContain('<a class="button" href="https://t.example/1"');
  });

  it('Lark app: text with an <at> mention, and rich-text post', () => {
    const items = larkInboxItems(
      [],
      [
        {
          id: 'om_1',
          receivedAt: at,
          appId: 'cli',
          openId: 'ou_a',
          msgType: 'text',
          content: { text: 'hi <at user_id="ou_b">Bob</at> <script>' },
        },
        {
          id: 'om_2',
          receivedAt: at,
          appId: 'cli',
          openId: 'ou_a',
          msgType: 'post',
          content: {
            zh_cn: {
              title: 'Post title',
              content: [
                [
                  { tag: 'text', text: 'see ' },
                  { tag: 'a', text: 'link', href: 'https://t.example/2' },
                  { tag: 'at', user_id: 'ou_c', user_name: 'Carol' },
                ],
              ],
            },
          },
        },
      ],
    );
    expect(items[0]?.html).toBe(
      '<div class="text">hi <span class="mention">@Bob</span> &lt;script&gt;</div>',
    );
    expect(items[1]).toMatchObject({ title: 'Post title', to: 'ou_a' });
    expect(items[1]?.html).toContain('<span class="mention">@Carol</span>');
    expect(items[1]?.html).toContain('href="https://t.example/2"');
  });

  it('WeCom textcard: description tags stripped, text escaped; webhook signed badge', () => {
    const [item] = wecomInboxItems([
      {
        id: 'w1',
        receivedAt: at,
        channel: 'app',
        userid: 'lisi',
        msgtype: 'textcard',
        body: {
          msgtype: 'textcard',
          textcard: {
            title: 'Card <b>',
            description: '<div class="gray">gray</div> a &lt;b',
            url: 'https://t/3',
          },
        },
      },
    ]);
    expect(item).toMatchObject({ to: 'lisi', title: 'Card <b>' });
    expect(item?.html).toContain('<div class="card-header">Card &lt;b&gt;</div>');
    expect(item?.html).toContain('gray a &amp;lt;b');
    const [delivery] = webhookInboxItems([
      { id: 'd', endpointId: 'ep', deliveryId: 'd-1', receivedAt: at, signed: true, body: { a: 1 } },
    ]);
    expect(delivery?.html).toContain('<span class="badge ok">signature verified</span>');
    expect(delivery?.html).toContain('<pre>{\n  &quot;a&quot;: 1\n}</pre>');
  });
});
