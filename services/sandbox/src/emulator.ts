import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as the sandbox hands it to a vendor emulator (body already read, ≤ 1 MiB). */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  bodyText: string;
  /** The caller's address, for emulating IP allow-lists (e.g. WeCom's trusted IPs). */
  remoteAddress?: string;
}

/** What the emulator answers; `body` is sent as JSON unless it is a string (then text/plain). */
export interface EmulatorAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** One accepted message as the inbox page at `GET /` shows it. */
export interface InboxItem {
  /** e.g. `lark`, `wecom`, `smtp`. */
  vendor: string;
  /** ISO time it was accepted. */
  receivedAt: string;
  /** Who it went to: a user id, robot, address or endpoint, in the vendor's terms. */
  to: string;
  title: string;
  /** The message rendered roughly as the platform shows it; safe HTML (all content escaped). */
  html: string;
}

/**
 * A vendor's emulated API plus its control routes. The sandbox offers every request to each emulator in
 * turn; an emulator answers the paths it owns (its API under `/<vendor>/…`, its controls under
 * `/_sandbox/<vendor>/…`) and returns undefined for anything else.
 */
export interface VendorEmulator {
  /** e.g. `lark`; also the path prefix of its API and its control routes. */
  readonly vendor: string;
  handle(request: EmulatorRequest): EmulatorAnswer | undefined | Promise<EmulatorAnswer | undefined>;
  /** Forgets messages, tokens, rate windows (not the configured apps/robots/people unless `everything`). */
  reset(everything: boolean): void;
  /** Switches rate limits on or off, for throughput runs. */
  setRateLimits(enabled: boolean): void;
  /** What it accepted, for the inbox page (read-only; optional for emulators with nothing to show). */
  inbox?(): InboxItem[];
}
