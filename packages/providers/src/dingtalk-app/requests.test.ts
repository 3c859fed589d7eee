import { describe, expect, it } from 'vitest';
import {
  buildAccessTokenRequest,
  buildGetUserByMobileRequest,
  buildRobotBatchSendRequest,
  buildWorkNotificationRequest,
  chunk,
  DINGTALK_APP_LIMITS,
  dingTalkRobotMsgParam,
  dingTalkWorkMessageBody,
  uniqueWorkNotificationText,
} from './requests.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('request builders', () => {
  it('token: POST /v1.0/oauth2/accessToken with appKey/appSecret, no token anywhere', () => {
    expect(
      buildAccessTokenRequest('https://api.dingtalk.com/', { clientId: 'ding1', clientSecret: 's&1' }),
    ).toEqual({
      url: 'https://api.dingtalk.com/v1.0/oauth2/accessToken',
      body: '{"appKey":"ding1","appSecret":"s&1"}',
      headers: JSON_TYPE,
    });
  });

  it('getbymobile: legacy token in the query, encoded once', () => {
    expect(buildGetUserByMobileRequest('https://oapi.dingtalk.com', 'a+b/c', '13800138000')).toEqual({
      url: 'https://oapi.dingtalk.com/topapi/v2/user/getbymobile?access_token=a%2Bb%2Fc',
      body: '{"mobile":"13800138000","support_exclusive_account_search":false}',
      headers: JSON_TYPE,
    });
  });

  it('asyncsend_v2: numeric agent_id, userid_list as a comma-separated string', () => {
    const request = buildWorkNotificationRequest('http://h/oapi', 'tok', 123, ['u1', 'u2'], {
      msgtype: 'markdown',
      title: 'T',
      text: 'body',
    });
    expect(request).toEqual({
      url: 'http://h/oapi/topapi/message/corpconversation/asyncsend_v2?access_token=tok',
      body: '{"agent_id":123,"userid_list":"u1,u2","msg":{"msgtype":"markdown","markdown":{"title":"T","text":"body"}}}',
      headers: JSON_TYPE,
    });
  });

  it('work message bodies use the vendor snake_case action-card fields', () => {
    expect(dingTalkWorkMessageBody({ msgtype: 'text', content: 'x' })).toEqual({
      msgtype: 'text',
      text: { content: 'x' },
    });
    expect(
      dingTalkWorkMessageBody({
        msgtype: 'action_card',
        title: 'T',
        markdown: 'm',
        singleTitle: 'Open',
        singleUrl: 'https://e.com/1',
      }),
    ).toEqual({
      msgtype: 'action_card',
      action_card: { title: 'T', markdown: 'm', single_title: 'Open', single_url: 'https://e.com/1' },
    });
    expect(
      dingTalkWorkMessageBody({
        msgtype: 'action_card',
        title: 'T',
        markdown: 'm',
        btnOrientation: '1',
        buttons: [{ title: 'A', actionUrl: 'https://e.com/a' }],
      }),
    ).toEqual({
      msgtype: 'action_card',
      action_card: {
        title: 'T',
        markdown: 'm',
        btn_orientation: '1',
        btn_json_list: [{ title: 'A', action_url: 'https://e.com/a' }],
      },
    });
  });

  it('batchSend: token only in the header, msgParam a JSON string', () => {
    const request = buildRobotBatchSendRequest('http://h/api', 'tok', 'robot1', ['u1'], {
      msgKey: 'sampleMarkdown',
      title: 'T',
      text: 'b',
    });
    expect(request).toEqual({
      url: 'http://h/api/v1.0/robot/oToMessages/batchSend',
      body: '{"robotCode":"robot1","userIds":["u1"],"msgKey":"sampleMarkdown","msgParam":"{\\"title\\":\\"T\\",\\"text\\":\\"b\\"}"}',
      headers: { ...JSON_TYPE, 'x-acs-dingtalk-access-token': 'tok' },
    });
    expect(request.url).not.toContain('access_token');
  });

  it('msgParam per msgKey', () => {
    expect(dingTalkRobotMsgParam({ msgKey: 'sampleText', content: 'hi' })).toBe('{"content":"hi"}');
    expect(
      JSON.parse(
        dingTalkRobotMsgParam({
          msgKey: 'sampleActionCard',
          title: 'T',
          text: 'x',
          singleTitle: 'go',
          singleURL: 'https://e.com',
        }),
      ),
    ).toEqual({ title: 'T', text: 'x', singleTitle: 'go', singleURL: 'https://e.com' });
  });

  it('uniqueWorkNotificationText appends the stamp', () => {
    expect(uniqueWorkNotificationText('Ticket updated', 'T-42 · 2026-11-22T04:00:00Z')).toBe(
      'Ticket updated\n\n---\nT-42 · 2026-11-22T04:00:00Z',
    );
  });

  it('chunk splits at the vendor limits', () => {
    const users = Array.from({ length: 25 }, (_, i) => `u${i}`);
    expect(chunk(users, DINGTALK_APP_LIMITS.robotBatchMaxUsers).map((b) => b.length)).toEqual([20, 5]);
    expect(chunk(Array.from({ length: 10_001 }, String), 5000).map((b) => b.length)).toEqual([5000, 5000, 1]);
    expect(chunk([], 20)).toEqual([]);
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
