// The bare pipe: what the dispatcher's throughput is measured against. It reads the same events topic and
// makes the same platform calls to the same sandbox endpoints (one batch call per event and main channel,
// to the same people), with none of the dispatcher's work: no state, no routing, no Kafka hand-off between
// router and sender, no ledger, no templates. People come straight off the event (creator, assignees,
// watchers, minus the actor); their platform ids are derived from their user ids.
//
// Run as a process of its own by throughput.ts, with BENCH_PIPE (JSON: brokers, topic, sandbox URL, world
// options, port). GET /stats on its port answers how far it got.
import { createServer } from 'node:http';
import { decodeTicketEvent } from '@tidings/events';
import { scriptKafka } from '../faults/topics.ts';
import { type BatchKind, createBenchWorld, platformUserId, type Sizes } from './world.ts';

export interface PipeSettings {
  brokers: string;
  topic: string;
  sandboxUrl: string;
  port: number;
  world: { runId: string; recipients: number; kinds: BatchKind[]; sizes: Sizes };
}

export interface PipeStats {
  events: number;
  /** People the platform accepted a message for. */
  messages: number;
  calls: number;
  failures: number;
  firstAt: number;
  lastAt: number;
}

/** The platforms' own limits on people per call. */
const MAX_PEOPLE_PER_CALL: Record<BatchKind, number> = {
  'dingtalk-work': 5000,
  'dingtalk-oto': 20,
  'wecom-app': 1000,
};

const settings = JSON.parse(process.env.BENCH_PIPE ?? '{}') as PipeSettings;
const world = createBenchWorld(settings.world);
const sandbox = settings.sandboxUrl;
const stats: PipeStats = { events: 0, messages: 0, calls: 0, failures: 0, firstAt: 0, lastAt: 0 };

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  return (await response.json()) as Record<string, unknown>;
}

// One token per app, fetched once (the run is far shorter than a token's two hours).
const tokens = new Map<BatchKind, string>();
for (const kind of world.kinds) {
  const c = world.channels[kind];
  const answer =
    kind === 'dingtalk-work'
      ? await json(`${sandbox}/dingtalk/oapi/gettoken?appkey=${c.appId}&appsecret=${c.secret}`)
      : kind === 'dingtalk-oto'
        ? await json(`${sandbox}/dingtalk/api/v1.0/oauth2/accessToken`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ appKey: c.appId, appSecret: c.secret }),
          })
        : await json(`${sandbox}/wecom/cgi-bin/gettoken?corpid=${c.appId}&corpsecret=${c.secret}`);
  tokens.set(kind, String(answer.access_token ?? answer.accessToken));
}

/** One call to the platform for `people`; how many of them it accepted. */
async function send(kind: BatchKind, people: string[], title: string, text: string): Promise<number> {
  const c = world.channels[kind];
  const token = tokens.get(kind)!;
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    json(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  if (kind === 'dingtalk-work') {
    const answer = await post(
      `${sandbox}/dingtalk/oapi/topapi/message/corpconversation/asyncsend_v2?access_token=${token}`,
      {
        agent_id: c.agentId,
        userid_list: people.join(','),
        msg: { msgtype: 'markdown', markdown: { title, text } },
      },
    );
    return answer.errcode === 0 ? people.length : 0;
  }
  if (kind === 'dingtalk-oto') {
    const answer = await post(
      `${sandbox}/dingtalk/api/v1.0/robot/oToMessages/batchSend`,
      {
        robotCode: c.robotCode,
        userIds: people,
        msgKey: 'sampleMarkdown',
        msgParam: JSON.stringify({ title, text }),
      },
      { 'x-acs-dingtalk-access-token': token },
    );
    const refused = [answer.invalidStaffIdList, answer.flowControlledStaffIdList].flat().filter(Boolean);
    return answer.processQueryKey ? people.length - refused.length : 0;
  }
  const answer = await post(`${sandbox}/wecom/cgi-bin/message/send?access_token=${token}`, {
    touser: people.join('|'),
    msgtype: 'markdown',
    agentid: c.agentId,
    markdown: { content: `**${title}**\n${text}` },
  });
  const invalid =
    typeof answer.invaliduser === 'string' && answer.invaliduser ? answer.invaliduser.split('|') : [];
  return answer.errcode === 0 ? people.length - invalid.length : 0;
}

const kafka = scriptKafka(settings.brokers, `tidings-bench-pipe-${world.runId}`);
const consumer = kafka.consumer({ groupId: `bench.${world.runId}.bare-pipe` });
await consumer.connect();
await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
await consumer.run({
  // One event at a time per partition, as the router and senders work through theirs.
  partitionsConsumedConcurrently: 3,
  eachMessage: async ({ message }) => {
    const decoded = decodeTicketEvent(message.value, message.headers?.['content-type']?.toString());
    if (!decoded.ok) return;
    const event = decoded.event;
    const ticket = event.ticket;
    const actor = event.actor?.id;
    const people = [
      ...new Set(
        [
          ticket?.creator?.id,
          ...(ticket?.assignees ?? []).map((u) => u.id),
          ...(ticket?.watchers ?? []).map((u) => u.id),
        ]
          .filter((id): id is string => !!id && id !== actor)
          .map(platformUserId),
      ),
    ];
    const title = `${ticket?.key}: ${ticket?.title}`;
    const text = event.change.case === 'commentAdded' ? event.change.value.body : title;
    // As many people per call as the platform takes (DingTalk one-to-one: 20), the calls of one channel in
    // turn, the channels side by side.
    const accepted = await Promise.all(
      world.kinds.map(async (kind) => {
        let sum = 0;
        for (let i = 0; i < people.length; i += MAX_PEOPLE_PER_CALL[kind]) {
          stats.calls += 1;
          sum += await send(kind, people.slice(i, i + MAX_PEOPLE_PER_CALL[kind]), title, text).catch(() => {
            stats.failures += 1;
            return 0;
          });
        }
        return sum;
      }),
    );
    stats.messages += accepted.reduce((a, b) => a + b, 0);
    stats.events += 1;
    const at = Date.now();
    if (stats.firstAt === 0) stats.firstAt = at;
    stats.lastAt = at;
  },
});

createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
}).listen(settings.port, '127.0.0.1');

process.once('SIGTERM', async () => {
  await consumer.disconnect().catch(() => {});
  process.exit(0);
});
