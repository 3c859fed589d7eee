/**
 * Fault injection: the next `remaining` requests to the robot endpoint (for one access token, or
 * for any) get this answer instead of the emulated one. Faults are matched in the order they were added.
 */
export type Fault = {
  id: string;
  /** Only requests with this access token; absent = every request. */
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
};

export type FaultInput = Omit<Fault, 'id' | 'remaining'> & { count: number };

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: FaultInput): Fault {
    const { count, ...rest } = input;
    const fault: Fault = { id: `fault_${this.nextId++}`, remaining: count, ...rest };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes one use of the first fault matching this request, if any. */
  take(accessToken: string | null): Fault | undefined {
    const index = this.faults.findIndex((f) => f.accessToken === undefined || f.accessToken === accessToken);
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return { ...fault };
  }
}
