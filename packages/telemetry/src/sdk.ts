import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  NoopSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { resetMetrics, tidingsMetrics } from './metrics.ts';
import { redactedUrlAttributes, tokenEndpointVendor } from './redact.ts';

export interface TelemetryOptions {
  /** `service.name` unless OTEL_SERVICE_NAME names it (the Helm chart sets it). */
  serviceName: string;
  /** Test hook: every span goes to this exporter (an InMemorySpanExporter), synchronously, and nowhere else. */
  spanExporter?: SpanExporter;
  /**
   * Where `/metrics` listens; default METRICS_HOST or OTEL_EXPORTER_PROMETHEUS_HOST (all interfaces), and
   * METRICS_PORT or OTEL_EXPORTER_PROMETHEUS_PORT (9464); port 0 picks a free one.
   */
  metrics?: { host?: string; port?: number };
}

export interface Telemetry {
  /** The Prometheus scrape URL, e.g. `http://127.0.0.1:9464/metrics`; null with OTEL_SDK_DISABLED. */
  metricsUrl: string | null;
  /** Exports what is buffered and stops the SDK and the metrics endpoint. */
  shutdown(): Promise<void>;
}

let started: Promise<Telemetry> | undefined;

/**
 * Starts OpenTelemetry for this process, once: later calls return the first call's handle. Honours the
 * standard OTEL_* variables (OTEL_SDK_DISABLED, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
 * OTEL_TRACES_EXPORTER, OTEL_EXPORTER_OTLP_*, OTEL_TRACES_SAMPLER, OTEL_PROPAGATORS…). Traces go to OTLP
 * when an OTLP endpoint or OTEL_TRACES_EXPORTER is set, and nowhere otherwise (spans still get ids, so log
 * lines and Kafka headers carry them). Metrics are served for Prometheus on METRICS_PORT.
 */
export function startTelemetry(options: TelemetryOptions): Promise<Telemetry> {
  started ??= start(options);
  return started;
}

function tracesConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(
    env.OTEL_TRACES_EXPORTER || env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
  );
}

function spanProcessors(options: TelemetryOptions): SpanProcessor[] | undefined {
  if (options.spanExporter) return [new SimpleSpanProcessor(options.spanExporter)];
  // undefined: the SDK builds the exporters OTEL_TRACES_EXPORTER and OTEL_EXPORTER_OTLP_* describe.
  if (tracesConfigured(process.env)) return undefined;
  return [new NoopSpanProcessor()];
}

async function start(options: TelemetryOptions): Promise<Telemetry> {
  const env = process.env;
  if (/^true$/i.test(env.OTEL_SDK_DISABLED ?? '')) return { metricsUrl: null, shutdown: async () => {} };
  const prometheus = new PrometheusExporter({ preventServerStart: true });
  const processors = spanProcessors(options);
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || options.serviceName,
    ...(processors && { spanProcessors: processors }),
    metricReaders: [prometheus],
    instrumentations: [
      // Client spans for fetch (the providers' HTTP calls); undici reports them on diagnostics channels, so
      // no module hook is needed.
      new UndiciInstrumentation({
        startSpanHook: (request) => redactedUrlAttributes(new URL(request.path, request.origin)),
        requestHook: (_span, request) => {
          const vendor = tokenEndpointVendor(request.path);
          if (vendor) tidingsMetrics().tokenRefreshes.add(1, { vendor });
        },
      }),
    ],
  });
  sdk.start();
  resetMetrics();

  const server: Server = createServer((request, response) => {
    if (request.method === 'GET' && request.url?.split('?')[0] === '/metrics') {
      prometheus.getMetricsRequestHandler(request, response);
      return;
    }
    response.writeHead(404).end();
  });
  const host = options.metrics?.host ?? (env.METRICS_HOST || env.OTEL_EXPORTER_PROMETHEUS_HOST || undefined);
  const port =
    options.metrics?.port ??
    Number(env.METRICS_PORT || env.OTEL_EXPORTER_PROMETHEUS_PORT || PrometheusExporter.DEFAULT_OPTIONS.port);
  const listening = await new Promise<boolean>((resolve) => {
    const failed = (error: Error) => {
      // A metrics port already taken must not stop notifications from going out: say so, and go on
      // without the scrape endpoint (spans and logs are unaffected).
      process.stderr.write(
        `${JSON.stringify({ level: 'error', time: new Date().toISOString(), component: 'telemetry', msg: `no /metrics endpoint: cannot listen on ${host ?? '*'}:${port} (set METRICS_PORT)`, error: error.message })}\n`,
      );
      resolve(false);
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve(true);
    });
  });
  if (!listening) return { metricsUrl: null, shutdown: () => sdk.shutdown() };
  // The scrape endpoint must not keep a process alive that has otherwise finished.
  server.unref();
  const address = server.address() as AddressInfo;
  const reachable = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const metricsUrl = `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${address.port}/metrics`;
  return {
    metricsUrl,
    async shutdown() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sdk.shutdown();
    },
  };
}
