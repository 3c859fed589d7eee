// The sandbox as the fault scripts see it: its control API (/_sandbox/…) and what it received, which is
// what a person sees. Its lists keep only the last 10,000 entries, so the inbox is collected while a run
// goes on (every few seconds) and merged by entry, not read once at the end.

export interface RobotMessage {
  id: string;
  receivedAt: string;
  accessToken: string;
  signed: boolean;
  body: { msgUuid?: string; at?: { atMobiles?: string[] } } & Record<string, unknown>;
}

interface RecordedRequest {
  id: string;
  receivedAt: string;
  path: string;
  accessToken: string | null;
  result: 'accepted' | 'duplicate' | 'rejected' | 'fault' | 'not_found';
  /** `null` when a fault dropped the connection. */
  answer: { httpStatus: number; body: unknown } | null;
}

/** One request to the run's robot, as the sandbox recorded and answered it. */
export interface RobotRequest {
  result: RecordedRequest['result'];
  /** DingTalk's errcode in the answer, when there was one (410100: throttled, "send too fast"). */
  errcode: number | null;
  receivedAt: string;
}

/** DingTalk's answer to a robot over its 20 messages a minute (errmsg 发送速度太快而限流, "send too fast"). */
export const ROBOT_THROTTLED_ERRCODE = 410100;

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  deliveryId: string;
  receivedAt: string;
  body: { recipients?: Array<{ id: string }> } & Record<string, unknown>;
}

interface WebhookAttempt {
  endpointId: string;
  receivedAt: string;
  deliveryId: string | null;
  result: 'accepted' | 'duplicate' | 'rejected' | 'configured_answer';
}

export class SandboxClient {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/_sandbox/${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} /_sandbox/${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }
}

/** Everything the sandbox received for one DingTalk robot and one webhook endpoint, merged across polls. */
export class Inbox {
  /** Accepted robot messages by the sandbox's message id. */
  readonly robotMessages = new Map<string, RobotMessage>();
  /** Robot sends answered "ok" but not shown again because their msgUuid was seen before. */
  readonly robotDeduplicated = new Set<string>();
  /** Every request to the run's robot, by the sandbox's request id. */
  readonly robotRequests = new Map<string, RobotRequest>();
  /** Requests an injected fault answered (an outage's 503s), per vendor. */
  readonly faulted = { robot: new Set<string>(), webhook: new Set<string>() };
  /** Accepted webhook deliveries by the sandbox's id (the receiver keeps one per x-tidings-delivery-id). */
  readonly webhookDeliveries = new Map<string, WebhookDelivery>();
  /**
   * Webhook requests for a delivery id the receiver had already accepted: what a receiver that ignores
   * x-tidings-delivery-id would have shown twice. Keyed by time and delivery id (attempts have no id).
   */
  readonly webhookResent = new Set<string>();
  private readonly client: SandboxClient;
  private readonly robotToken: string;
  private readonly endpointId: string;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();

  constructor(client: SandboxClient, target: { robotToken: string; webhookEndpointId: string }) {
    this.client = client;
    this.robotToken = target.robotToken;
    this.endpointId = target.webhookEndpointId;
  }

  /** Reads the sandbox's lists once and merges them in. Calls never overlap. */
  poll(): Promise<void> {
    this.polling = this.polling.catch(() => {}).then(() => this.pollOnce());
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const token = encodeURIComponent(this.robotToken);
    const endpoint = encodeURIComponent(this.endpointId);
    const [robot, requests, deliveries, attempts] = await Promise.all([
      this.client.get<{ messages: RobotMessage[] }>(`dingtalk/robot-messages?accessToken=${token}`),
      this.client.get<{ requests: RecordedRequest[] }>('requests'),
      this.client.get<{ deliveries: WebhookDelivery[] }>(`webhook/deliveries?endpointId=${endpoint}`),
      this.client.get<{ attempts: WebhookAttempt[] }>(`webhook/attempts?endpointId=${endpoint}`),
    ]);
    for (const message of robot.messages) this.robotMessages.set(message.id, message);
    for (const request of requests.requests) {
      const forRobot = request.accessToken === this.robotToken;
      if (forRobot) {
        const errcode = (request.answer?.body as { errcode?: unknown } | null | undefined)?.errcode;
        this.robotRequests.set(request.id, {
          result: request.result,
          errcode: typeof errcode === 'number' ? errcode : null,
          receivedAt: request.receivedAt,
        });
      }
      if (forRobot && request.result === 'duplicate') this.robotDeduplicated.add(request.id);
      if (request.result === 'fault') {
        if (forRobot) this.faulted.robot.add(request.id);
        else if (request.path === `/webhook/receive/${this.endpointId}`) this.faulted.webhook.add(request.id);
      }
    }
    for (const delivery of deliveries.deliveries) this.webhookDeliveries.set(delivery.id, delivery);
    for (const attempt of attempts.attempts) {
      if (attempt.result === 'duplicate')
        this.webhookResent.add(`${attempt.receivedAt}|${attempt.deliveryId}`);
    }
  }

  /** Polls every `intervalMs` until stopPolling(); a failed poll is retried at the next tick. */
  startPolling(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.poll().catch(() => {});
    }, intervalMs);
  }

  async stopPolling(): Promise<void> {
    clearInterval(this.timer);
    await this.polling.catch(() => {});
  }
}
