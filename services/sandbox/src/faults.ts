/**
 * Fault injection: the next `remaining` requests to an emulated vendor API (for one vendor, one path
 * substring, one access token, or any) get this answer instead of the emulated one; an outage answers every
 * matching request until it ends. Faults are matched in the order they were added.
 */
export const FAULT_VENDORS = ['dingtalk-robot', 'dingtalk-app', 'lark', 'wecom', 'webhook'] as const;
export type FaultVendor = (typeof FAULT_VENDORS)[number];

export type Fault = {
  id: string;
  /** Only this vendor's API requests; absent (only possible with `match`) = any vendor's. */
  vendor?: FaultVendor;
  /** Only requests whose path contains this substring. */
  match?: string;
  /** Only requests with this access token (`access_token` query parameter); absent = every request. */
  accessToken?: string;
  remaining: number;
  /** Answer `{errcode, errmsg}` with HTTP `httpStatus` (default 200). */
  errcode?: number;
  errmsg?: string;
  /** Without `errcode`: answer this HTTP status with a plain-text body, like a gateway would. */
  httpStatus?: number;
  /** Wait this long before answering (to exercise client timeouts). Alone, the real answer follows. */
  delayMs?: number;
  /** Close the connection without answering. */
  drop?: boolean;
  /** An outage: every matching request fails (503, or dropped with `drop`) until this ISO time. */
  outageUntil?: string;
};

export type FaultInput = Omit<Fault, 'id' | 'remaining' | 'outageUntil'> & {
  count: number;
  outageMs?: number;
};

/** Which vendor's API a request path belongs to (`undefined`: not an emulated vendor API). */
export function vendorOfPath(path: string): FaultVendor | undefined {
  if (path === '/dingtalk/oapi/robot/send') return 'dingtalk-robot';
  if (path.startsWith('/dingtalk/oapi/') || path.startsWith('/dingtalk/api/')) return 'dingtalk-app';
  if (path.startsWith('/lark/')) return 'lark';
  if (path.startsWith('/wecom/')) return 'wecom';
  if (path.startsWith('/webhook/receive/')) return 'webhook';
  return undefined;
}

export type FaultTarget = { vendor: FaultVendor; path: string; accessToken: string | null };

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  /** `now` (epoch ms) only matters for outages. */
  add(input: FaultInput, now: number = Date.now()): Fault {
    const { count, outageMs, ...rest } = input;
    // Backwards compatible: a fault naming neither vendor nor path is for the DingTalk robot.
    const vendor = rest.vendor ?? (rest.match === undefined ? 'dingtalk-robot' : undefined);
    const fault: Fault = {
      id: `fault_${this.nextId++}`,
      remaining: count,
      ...rest,
      ...(vendor && { vendor }),
      ...(outageMs !== undefined && { outageUntil: new Date(now + outageMs).toISOString() }),
    };
    this.faults.push(fault);
    return { ...fault };
  }

  list(now: number = Date.now()): Fault[] {
    this.expire(now);
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Takes one use of the first fault matching this request, if any. A bare access token means a DingTalk
   * robot send (the original signature).
   */
  take(target: FaultTarget | string | null, now: number = Date.now()): Fault | undefined {
    const t: FaultTarget =
      typeof target === 'object' && target !== null
        ? target
        : { vendor: 'dingtalk-robot', path: '/dingtalk/oapi/robot/send', accessToken: target };
    this.expire(now);
    const index = this.faults.findIndex(
      (f) =>
        (f.vendor === undefined || f.vendor === t.vendor) &&
        (f.match === undefined || t.path.includes(f.match)) &&
        (f.accessToken === undefined || f.accessToken === t.accessToken),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (fault.outageUntil !== undefined) return { ...fault };
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }

  private expire(now: number): void {
    this.faults = this.faults.filter((f) => f.outageUntil === undefined || Date.parse(f.outageUntil) > now);
  }
}
