export { type TidingsMetrics, tidingsMetrics } from './metrics.ts';
export { redactedUrlAttributes, tokenEndpointVendor } from './redact.ts';
export { startTelemetry, type Telemetry, type TelemetryOptions } from './sdk.ts';
export {
  type Attributes,
  type Context,
  context,
  contextFromHeaders,
  failSpan,
  type Span,
  SpanKind,
  type SpanOptions,
  trace,
  traceFields,
  traceHeaders,
  tracer,
  withSpan,
} from './spans.ts';
