import { traceFields } from '@tidings/telemetry';

/**
 * Structured JSON logs on stdout, one line each, with the active span's `trace_id` and `span_id` when there
 * is one. Payloads and secrets never go here.
 */
export type Logger = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export function createLogger(component: string): Logger {
  const write =
    (level: string) =>
    (msg: string, fields: Record<string, unknown> = {}) =>
      process.stdout.write(
        `${JSON.stringify({ level, time: new Date().toISOString(), component, msg, ...traceFields(), ...fields })}\n`,
      );
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
