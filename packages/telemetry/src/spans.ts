import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

export { type Attributes, type Context, context, type Span, SpanKind, trace };

export const tracer = () => trace.getTracer('tidings');

export interface SpanOptions {
  kind?: SpanKind;
  /** The parent; the active context when omitted. */
  parent?: Context;
}

/**
 * Runs `fn` in a new active span and ends it when `fn` settles; a thrown error marks the span failed (its
 * message only: the stack can quote data). Attributes are ids and kinds only, never bodies or secrets.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: SpanOptions = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes }, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
    throw error;
  } finally {
    span.end();
  }
}

/** Marks a span failed with a short reason (an outcome code, not a platform's message). */
export function failSpan(span: Span, reason: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: reason });
}

/** Kafka headers as kafkajs delivers them: Buffer, string, or an array of them. */
type IncomingHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined;

function headerText(headers: IncomingHeaders, name: string): string | undefined {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The trace context a Kafka message carries (W3C `traceparent`/`tracestate`); the root context without one. */
export function contextFromHeaders(headers: IncomingHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier ?? {}),
    get: (carrier, key) => headerText(carrier, key),
  });
}

/**
 * Headers carrying a context (the active one by default) to the next consumer, for a message's headers.
 * With telemetry off nothing is injected, so an incoming `traceparent` is passed through instead: the trace
 * still continues in the next process that has telemetry on.
 */
export function traceHeaders(
  from: Context = context.active(),
  incoming?: IncomingHeaders,
): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(from, headers);
  if (headers.traceparent === undefined && incoming) {
    const traceparent = headerText(incoming, 'traceparent');
    if (traceparent !== undefined) headers.traceparent = traceparent;
  }
  return headers;
}

/** `trace_id` and `span_id` of the active span, for log lines; empty outside a span. */
export function traceFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
