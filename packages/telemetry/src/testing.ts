import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startTelemetry, type Telemetry } from './sdk.ts';

export type { ReadableSpan };

/**
 * For tests: telemetry with every span kept in memory and `/metrics` on a free loopback port. One per
 * process (vitest runs each file in its own), like startTelemetry.
 */
export async function startTestTelemetry(
  serviceName = 'test',
): Promise<Telemetry & { spans: InMemorySpanExporter; metricsUrl: string }> {
  const spans = new InMemorySpanExporter();
  const telemetry = await startTelemetry({
    serviceName,
    spanExporter: spans,
    metrics: { host: '127.0.0.1', port: 0 },
  });
  if (!telemetry.metricsUrl)
    throw new Error('telemetry is disabled (OTEL_SDK_DISABLED): the test needs it on');
  return { ...telemetry, spans, metricsUrl: telemetry.metricsUrl };
}

/** Every attribute value of the spans, as text, to search for what must never be there. */
export function spanText(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => ({
      name: span.name,
      attributes: span.attributes,
      events: span.events,
      status: span.status,
    })),
  );
}
