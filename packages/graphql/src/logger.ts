import { traceFields } from '@tidings/telemetry';

/**
 * One JSON line per entry on stderr, with the active span's `trace_id` and `span_id` when there is one.
 * Callers never pass secrets (ARCHITECTURE §8): not even sealed ones.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export function createLogger(component: string): Logger {
  const write = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    process.stderr.write(
      `${JSON.stringify({ level, time: new Date().toISOString(), component, msg: message, ...traceFields(), ...fields })}\n`,
    );
  };
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}

/** An error's name and first message line, without the rest (a driver error can quote query parameters). */
export function describeError(error: unknown): { error: string } {
  const line = (value: unknown): string =>
    value instanceof Error ? `${value.name}: ${value.message.split('\n')[0]}` : String(value).split('\n')[0]!;
  const cause = error instanceof Error && error.cause !== undefined ? ` (cause: ${line(error.cause)})` : '';
  return { error: `${line(error)}${cause}` };
}
