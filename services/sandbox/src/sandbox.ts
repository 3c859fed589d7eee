import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { FaultBody, parseControlBody, ResetBody, RobotBody, SettingsBody } from './control.ts';
import { createDingTalkAppEmulator } from './dingtalk-app/index.ts';
import { DingTalkRobotEmulator, MAX_RECORDED, type RobotConfig } from './dingtalk-robot.ts';
import type { EmulatorAnswer, VendorEmulator } from './emulator.ts';
import { type Fault, FaultQueue, vendorOfPath } from './faults.ts';
import { renderInbox, robotInboxItems } from './html.ts';
import { createLarkEmulator } from './lark/index.ts';
import { createWebhookEmulator } from './webhook/index.ts';
import { createWeComEmulator } from './wecom/index.ts';

/** The DingTalk robot API lives under this prefix, so a provider's DingTalk base URL is `{url}/dingtalk/oapi`. */
export const DINGTALK_PREFIX = '/dingtalk/oapi';
/** Request bodies above this size are refused with HTTP 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type SandboxOptions = {
  /** Emulate the 20/min per-robot limit and the 10-minute throttle. Default true. */
  rateLimits?: boolean;
  /** Clock in epoch ms, for the signature window, rate limits and `receivedAt`. Default `Date.now`. */
  now?: () => number;
  /**
   * Further vendors' emulators, offered every request the DingTalk robot does not own. Default: DingTalk
   * enterprise app, Lark/Feishu, WeCom and the webhook receiver.
   */
  emulators?: VendorEmulator[];
};

/** The emulators every sandbox runs unless told otherwise. */
export function defaultEmulators(options: { now?: () => number; rateLimits?: boolean } = {}) {
  const common = { ...(options.now && { now: options.now }), rateLimits: options.rateLimits ?? true };
  return {
    dingtalkApp: createDingTalkAppEmulator(common),
    lark: createLarkEmulator(common),
    wecom: createWeComEmulator(common),
    webhook: createWebhookEmulator(options.now ? { now: options.now } : {}),
  };
}

export type RecordedRequest = {
  id: string;
  receivedAt: string;
  method: string;
  path: string;
  accessToken: string | null;
  bodyText: string;
  /** accepted / duplicate / rejected by the emulator, or fault when an injected fault answered. */
  result: 'accepted' | 'duplicate' | 'rejected' | 'fault' | 'not_found';
  /** The answer given; `null` when a fault dropped the connection. */
  answer: { httpStatus: number; body: unknown } | null;
  faultId?: string;
};

export type Sandbox = {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  dingtalk: DingTalkRobotEmulator;
  faults: FaultQueue;
  requests: RecordedRequest[];
  settings: { rateLimits: boolean };
  /** The other vendors' emulators this sandbox serves. */
  emulators: VendorEmulator[];
  /** Registers or replaces a robot (same as `PUT /_sandbox/dingtalk/robots/:accessToken`). */
  putRobot(accessToken: string, config?: { secret?: string; keywords?: string[] }): void;
  /** Clears messages, requests, faults and rate-limit state; robots too when `robots` is true. Settings stay. */
  reset(options?: { robots?: boolean }): void;
  /** Cancels answers still waiting on a `delayMs` fault. */
  close(): void;
};

type Answer = { status: number; contentType: string; body: string };

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? Date.now;
  const dingtalk = new DingTalkRobotEmulator();
  const faults = new FaultQueue();
  const requests: RecordedRequest[] = [];
  const settings = { rateLimits: options.rateLimits ?? true };
  const emulators =
    options.emulators ??
    Object.values(
      defaultEmulators({ ...(options.now && { now: options.now }), rateLimits: settings.rateLimits }),
    );
  for (const emulator of emulators) emulator.setRateLimits(settings.rateLimits);
  const timers = new Set<NodeJS.Timeout>();
  let nextRequestId = 1;

  const record = (entry: Omit<RecordedRequest, 'id' | 'receivedAt'>) => {
    requests.push({ id: `req_${nextRequestId++}`, receivedAt: new Date(now()).toISOString(), ...entry });
    if (requests.length > MAX_RECORDED) requests.splice(0, requests.length - MAX_RECORDED);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  async function robotSend(req: IncomingMessage, res: ServerResponse, url: URL, bodyText: string) {
    const accessToken = url.searchParams.get('access_token');
    const base = { method: req.method ?? '', path: url.pathname, accessToken, bodyText };
    const fault = faults.take({ vendor: 'dingtalk-robot', path: url.pathname, accessToken }, now());
    if (fault && (await applyFault(req, res, base, fault))) return;
    const outcome = dingtalk.send(
      {
        accessToken,
        timestamp: url.searchParams.get('timestamp'),
        sign: url.searchParams.get('sign'),
        bodyText,
      },
      now(),
      settings.rateLimits,
    );
    // The real API answers business errors with HTTP 200 and a non-zero errcode.
    const answer = json(200, outcome.answer);
    record({ ...base, result: outcome.result, answer: recordedAnswer(answer) });
    send(res, answer);
  }

  /**
   * Answers a request with its fault; false when the fault was only a delay and the real answer follows.
   * Every faulted answer is recorded.
   */
  async function applyFault(
    req: IncomingMessage,
    res: ServerResponse,
    base: Pick<RecordedRequest, 'method' | 'path' | 'accessToken' | 'bodyText'>,
    fault: Fault,
  ): Promise<boolean> {
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.drop) {
      record({ ...base, result: 'fault', answer: null, faultId: fault.id });
      req.socket.destroy();
      return true;
    }
    const outage = fault.outageUntil !== undefined;
    if (outage || fault.errcode !== undefined || fault.httpStatus !== undefined) {
      const answer = faultAnswer(outage ? { ...fault, httpStatus: fault.httpStatus ?? 503 } : fault);
      record({ ...base, result: 'fault', answer: recordedAnswer(answer), faultId: fault.id });
      send(res, answer);
      return true;
    }
    return false;
  }

  function control(method: string, url: URL, bodyText: string): Answer {
    const path = url.pathname;
    if (method === 'GET' && path === '/_sandbox/health') return json(200, { ok: true });
    if (method === 'GET' && path === '/_sandbox/dingtalk/robots') {
      return json(200, {
        robots: [...dingtalk.robots].map(([accessToken, robot]) => {
          const until = dingtalk.throttledUntil(accessToken);
          return {
            accessToken,
            ...robot,
            throttledUntil: until && until > now() ? new Date(until).toISOString() : null,
          };
        }),
      });
    }
    const robotPath = /^\/_sandbox\/dingtalk\/robots\/([^/]+)$/.exec(path);
    if (robotPath?.[1] !== undefined) {
      const accessToken = decodePathSegment(robotPath[1]);
      if (accessToken === undefined) {
        return json(400, {
          error: 'invalid accessToken: bad percent-encoding in the path',
          issues: [{ field: 'accessToken', message: 'bad percent-encoding' }],
        });
      }
      if (method === 'PUT') {
        return parseBody(RobotBody, bodyText, (input) => {
          const robot = robotConfig(input);
          dingtalk.putRobot(accessToken, robot);
          return json(200, { robot: { accessToken, ...robot } });
        });
      }
      if (method === 'DELETE') {
        return dingtalk.deleteRobot(accessToken)
          ? json(200, { deleted: accessToken })
          : json(404, { error: `no robot with access token ${accessToken}` });
      }
      return methodNotAllowed('PUT, DELETE');
    }
    if (method === 'GET' && path === '/_sandbox/dingtalk/robot-messages') {
      const accessToken = url.searchParams.get('accessToken');
      const messages = accessToken
        ? dingtalk.messages.filter((m) => m.accessToken === accessToken)
        : dingtalk.messages;
      return json(200, { messages });
    }
    if (method === 'GET' && path === '/_sandbox/requests') return json(200, { requests });
    if (path === '/_sandbox/faults') {
      if (method === 'GET') return json(200, { faults: faults.list(now()) });
      if (method === 'DELETE') {
        faults.clear();
        return json(200, { faults: [] });
      }
      if (method === 'POST')
        return parseBody(FaultBody, bodyText, (input) =>
          json(201, { fault: faults.add(dropUndefined(input), now()) }),
        );
      return methodNotAllowed('GET, POST, DELETE');
    }
    if (path === '/_sandbox/settings') {
      if (method === 'GET') return json(200, settings);
      if (method === 'PUT') {
        return parseBody(SettingsBody, bodyText, (input) => {
          settings.rateLimits = input.rateLimits;
          for (const emulator of emulators) emulator.setRateLimits(input.rateLimits);
          return json(200, settings);
        });
      }
      return methodNotAllowed('GET, PUT');
    }
    if (path === '/_sandbox/reset') {
      if (method !== 'POST') return methodNotAllowed('POST');
      return parseBody(ResetBody, bodyText || '{}', (input) => {
        reset(input);
        return json(200, { reset: true, robotsCleared: input.robots });
      });
    }
    return json(404, { error: `no sandbox endpoint ${method} ${path}` });
  }

  function reset(input: { robots?: boolean } = {}) {
    dingtalk.reset({ robots: input.robots ?? false });
    for (const emulator of emulators) emulator.reset(input.robots ?? false);
    faults.clear();
    requests.length = 0;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const bodyText = await readBody(req);
    if (bodyText === undefined) {
      send(res, json(413, { error: `request body larger than ${MAX_BODY_BYTES} bytes` }));
      return;
    }
    if (url.pathname === `${DINGTALK_PREFIX}/robot/send`) {
      if (method !== 'POST') return send(res, methodNotAllowed('POST'));
      return robotSend(req, res, url, bodyText);
    }
    const vendor = vendorOfPath(url.pathname);
    if (vendor !== undefined && vendor !== 'dingtalk-robot') {
      const accessToken = url.searchParams.get('access_token');
      const fault = faults.take({ vendor, path: url.pathname, accessToken }, now());
      const base = { method, path: url.pathname, accessToken, bodyText };
      if (fault && (await applyFault(req, res, base, fault))) return;
    }
    for (const emulator of emulators) {
      const answer = await emulator.handle({
        method,
        url,
        headers: req.headers,
        bodyText,
        ...(req.socket.remoteAddress && { remoteAddress: req.socket.remoteAddress }),
      });
      if (answer) return sendEmulatorAnswer(res, answer);
    }
    if (url.pathname.startsWith('/_sandbox/')) return send(res, control(method, url, bodyText));
    if (method === 'GET' && url.pathname === '/') {
      return send(res, {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: renderInbox(
          [
            ...robotInboxItems(dingtalk.messages),
            ...emulators.flatMap((emulator) => emulator.inbox?.() ?? []),
          ],
          `DingTalk group robots registered: ${dingtalk.robots.size}.`,
        ),
      });
    }
    const answer = json(404, { error: `not found: ${method} ${url.pathname}` });
    if (url.pathname.startsWith(DINGTALK_PREFIX)) {
      record({
        method,
        path: url.pathname,
        accessToken: url.searchParams.get('access_token'),
        bodyText,
        result: 'not_found',
        answer: recordedAnswer(answer),
      });
    }
    send(res, answer);
  }

  return {
    handler(req, res) {
      handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, json(500, { error: String(error) }));
        else res.destroy();
      });
    },
    dingtalk,
    faults,
    requests,
    settings,
    emulators,
    putRobot(accessToken, config = {}) {
      dingtalk.putRobot(accessToken, robotConfig(config));
    },
    reset,
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type StartSandboxOptions = SandboxOptions & { host?: string; port?: number };

export type RunningSandbox = {
  /** e.g. `http://127.0.0.1:12345`; the DingTalk base URL is `${url}/dingtalk/oapi`. */
  url: string;
  sandbox: Sandbox;
  stop(): Promise<void>;
};

/** Starts the sandbox HTTP server. `port: 0` (the default) picks a free port. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { host = '127.0.0.1', port = 0, ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const server = createServer(sandbox.handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}`,
    sandbox,
    async stop() {
      sandbox.close();
      const closed = new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      server.closeAllConnections();
      await closed;
    },
  };
}

function decodePathSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function robotConfig(config: { secret?: string | undefined; keywords?: string[] | undefined }): RobotConfig {
  return { ...(config.secret ? { secret: config.secret } : {}), keywords: config.keywords ?? [] };
}

/** The shared control-body parser, answered in this file's `Answer` shape. */
function parseBody<S extends z.ZodType>(
  schema: S,
  bodyText: string,
  then: (value: z.output<S>) => Answer,
): Answer {
  let answer: Answer | undefined;
  const invalid = parseControlBody(schema, bodyText, (value) => {
    answer = then(value);
    return { status: 200, body: null };
  });
  return answer ?? json(invalid.status, invalid.body);
}

/** Zod leaves absent optional keys out already; this keeps `exactOptionalPropertyTypes` satisfied. */
function dropUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

function faultAnswer(fault: Fault): Answer {
  const status = fault.httpStatus ?? 200;
  if (fault.errcode !== undefined) {
    return json(status, { errcode: fault.errcode, errmsg: fault.errmsg ?? 'sandbox injected fault' });
  }
  return {
    status,
    contentType: 'text/plain; charset=utf-8',
    body: fault.errmsg ?? `${status} ${STATUS_CODES[status] ?? ''}`.trim(),
  };
}

function sendEmulatorAnswer(res: ServerResponse, answer: EmulatorAnswer): void {
  const text = typeof answer.body === 'string';
  res.writeHead(answer.status, {
    'content-type': text ? 'text/plain; charset=utf-8' : 'application/json;charset=utf-8',
    ...answer.headers,
  });
  res.end(text ? (answer.body as string) : JSON.stringify(answer.body));
}

function json(status: number, body: unknown): Answer {
  return { status, contentType: 'application/json;charset=utf-8', body: JSON.stringify(body) };
}

function methodNotAllowed(allow: string): Answer {
  return json(405, { error: `method not allowed; use ${allow}` });
}

function recordedAnswer(answer: Answer): { httpStatus: number; body: unknown } {
  let body: unknown = answer.body;
  if (answer.contentType.startsWith('application/json')) body = JSON.parse(answer.body);
  return { httpStatus: answer.status, body };
}

function send(res: ServerResponse, answer: Answer): void {
  res.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body);
}

/** The body as UTF-8 text, or undefined when it exceeds MAX_BODY_BYTES (the rest is drained, not kept). */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}
