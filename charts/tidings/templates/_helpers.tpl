{{/* Names and labels. */}}
{{- define "tidings.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tidings.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "tidings.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "tidings.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tidings
{{- end -}}

{{/* Selector labels of one workload: (dict "root" $ "component" "gateway"). */}}
{{- define "tidings.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tidings.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "tidings.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tidings.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* `<repository>/<service>:<tag>` for (dict "root" $ "service" "gateway"). */}}
{{- define "tidings.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.repository .service (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "tidings.secretName" -}}
{{- default (include "tidings.fullname" .) .Values.secrets.existingSecret -}}
{{- end -}}

{{/* The Secret holding DATABASE_URL, and its key. */}}
{{- define "tidings.databaseSecretName" -}}
{{- default (include "tidings.fullname" .) .Values.postgres.existingSecret -}}
{{- end -}}
{{- define "tidings.databaseSecretKey" -}}
{{- if .Values.postgres.existingSecret -}}{{ .Values.postgres.existingSecretKey }}{{- else -}}database-url{{- end -}}
{{- end -}}

{{/* The in-cluster URL of a Service of this release: (dict "root" $ "name" "identity" "port" 4001). */}}
{{- define "tidings.serviceUrl" -}}
{{- printf "http://%s-%s:%v" (include "tidings.fullname" .root) .name .port -}}
{{- end -}}

{{/*
Every workload this release runs, as YAML (read back with fromYaml): name → its settings.
  service: which image; kind: gateway | subgraph | dispatcher | sandbox; values: the component's values;
  ports: container ports by name; liveness/readiness: probe paths and the port name they use;
  dispatcherComponent: DISPATCHER_COMPONENTS of a dispatcher Deployment.
Container ports are the services' defaults, fixed: only the Services' ports are configuration.
*/}}
{{- define "tidings.workloads" -}}
{{- $v := .Values -}}
{{- $w := dict -}}
{{- if $v.gateway.enabled -}}
{{- $_ := set $w "gateway" (dict "service" "gateway" "kind" "gateway" "values" $v.gateway "ports" (dict "http" 4000) "liveness" "/healthz" "readiness" "/readyz" "probePort" "http") -}}
{{- end -}}
{{- range $name, $port := dict "identity" 4001 "channels" 4002 "subscriptions" 4003 -}}
{{- $values := index $v $name -}}
{{- if $values.enabled -}}
{{- /* A subgraph listens only once it has migrated and connected to Kafka: /healthz is its readiness too. */ -}}
{{- $_ := set $w $name (dict "service" $name "kind" "subgraph" "values" $values "ports" (dict "http" $port) "liveness" "/healthz" "readiness" "/healthz" "probePort" "http") -}}
{{- end -}}
{{- end -}}
{{- if $v.dispatcher.enabled -}}
{{- $dispatcherPorts := dict "health" 4100 "graphql" 4004 -}}
{{- if $v.dispatcher.router.enabled -}}
{{- $_ := set $w "router" (dict "service" "dispatcher" "kind" "dispatcher" "values" $v.dispatcher.router "ports" $dispatcherPorts "liveness" "/healthz" "readiness" "/readyz" "probePort" "health" "dispatcherComponent" "router" "consumerGroups" (dict "tidings-router" "tidings.ticket-events.v1")) -}}
{{- end -}}
{{- range $vendor, $own := $v.dispatcher.senders -}}
{{- $values := mergeOverwrite (deepCopy $v.dispatcher.senderDefaults) (deepCopy (default (dict) $own)) -}}
{{- if $values.enabled -}}
{{- $groups := dict (printf "tidings-sender.%s" $vendor) (printf "tidings.deliveries.%s.v1" $vendor) (printf "tidings-sender.%s.retry" $vendor) (printf "tidings.retry.%s.v1" $vendor) -}}
{{- $_ := set $w (printf "sender-%s" $vendor) (dict "service" "dispatcher" "kind" "dispatcher" "values" $values "ports" $dispatcherPorts "liveness" "/healthz" "readiness" "/readyz" "probePort" "health" "dispatcherComponent" $vendor "consumerGroups" $groups) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $v.sandbox.enabled -}}
{{- $sandbox := merge (dict "replicaCount" 1 "autoscaling" (dict "enabled" false) "pdb" (dict "enabled" false)) $v.sandbox -}}
{{- $_ := set $w "sandbox" (dict "service" "sandbox" "kind" "sandbox" "values" $sandbox "ports" (dict "http" 4010 "smtp" 2525) "liveness" "/_sandbox/health" "readiness" "/_sandbox/health" "probePort" "http") -}}
{{- end -}}
{{- toYaml $w -}}
{{- end -}}

{{/* The providers' base URLs, pointed at the sandbox when it is on and wired in. */}}
{{- define "tidings.providerEnv" -}}
{{- $p := .Values.providers -}}
{{- $urls := dict "DINGTALK_BASE_URL" $p.dingtalkBaseUrl "DINGTALK_API_BASE_URL" $p.dingtalkApiBaseUrl "LARK_BASE_URL" $p.larkBaseUrl "WECOM_BASE_URL" $p.wecomBaseUrl -}}
{{- if and .Values.sandbox.enabled .Values.sandbox.wireProviders -}}
{{- $sandbox := include "tidings.serviceUrl" (dict "root" . "name" "sandbox" "port" 4010) -}}
{{- $urls = dict "DINGTALK_BASE_URL" (printf "%s/dingtalk/oapi" $sandbox) "DINGTALK_API_BASE_URL" (printf "%s/dingtalk/api" $sandbox) "LARK_BASE_URL" (printf "%s/lark" $sandbox) "WECOM_BASE_URL" (printf "%s/wecom" $sandbox) -}}
{{- end -}}
{{- range $name, $url := $urls }}
{{- if $url }}
- name: {{ $name }}
  value: {{ $url | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{- define "tidings.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- /* Optional: a missing secret leaves the variable unset, and the service's own check names it. */}}
      optional: true
{{- end -}}

{{/* Environment of one workload: (dict "root" $ "name" "router" "w" <workload>). */}}
{{- define "tidings.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $w := .w -}}
{{- $secret := include "tidings.secretName" $root -}}
{{- $keys := $v.secrets.keys -}}
- name: NODE_ENV
  value: {{ $v.nodeEnv | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ printf "tidings-%s" .name | quote }}
- name: OTEL_RESOURCE_ATTRIBUTES
  value: {{ printf "service.namespace=tidings,k8s.namespace.name=%s%s" $root.Release.Namespace (ternary (printf ",%s" $v.telemetry.resourceAttributes) "" (ne $v.telemetry.resourceAttributes "")) | quote }}
{{- if $v.telemetry.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $v.telemetry.otlpEndpoint | quote }}
{{- end }}
{{- if $v.metrics.enabled }}
- name: OTEL_METRICS_EXPORTER
  value: prometheus
- name: OTEL_EXPORTER_PROMETHEUS_HOST
  value: 0.0.0.0
- name: OTEL_EXPORTER_PROMETHEUS_PORT
  value: {{ $v.metrics.port | quote }}
{{- end }}
{{- if ne $w.kind "sandbox" }}
{{ include "tidings.secretEnv" (dict "name" "GATEWAY_CLAIMS_SECRET" "secret" $secret "key" $keys.gatewayClaimsSecret) }}
{{- end }}
{{- if has $w.kind (list "subgraph" "dispatcher") }}
- name: KAFKA_BROKERS
  value: {{ join "," $v.kafka.brokers | quote }}
{{ include "tidings.secretEnv" (dict "name" "DATABASE_URL" "secret" (include "tidings.databaseSecretName" $root) "key" (include "tidings.databaseSecretKey" $root)) }}
{{- end }}
{{- if eq $w.kind "dispatcher" }}
{{- /* The same as services/dispatcher/src/runtime.ts (dispatcherProcessEnv), which says why each. */}}
- name: NODE_OPTIONS
  value: "--expose-gc"
- name: MALLOC_TRIM_THRESHOLD_
  value: "131072"
{{- end }}
{{- if or (eq $w.kind "dispatcher") (eq .name "channels") }}
{{ include "tidings.secretEnv" (dict "name" "TIDINGS_KEYRING" "secret" $secret "key" $keys.keyring) }}
{{- include "tidings.providerEnv" $root }}
{{- end }}
{{- if eq $w.kind "subgraph" }}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ $w.ports.http | quote }}
{{- else if eq $w.kind "gateway" }}
- name: HOST
  value: 0.0.0.0
- name: PORT
  value: {{ $w.ports.http | quote }}
- name: LOG_LEVEL
  value: {{ $v.gateway.logLevel | quote }}
- name: GRAPHQL_MAX_DEPTH
  value: {{ $v.gateway.maxDepth | quote }}
- name: JWT_CLOCK_TOLERANCE_SECONDS
  value: {{ $v.gateway.jwt.clockToleranceSeconds | quote }}
{{- range $name, $value := dict "JWT_JWKS_URL" $v.gateway.jwt.jwksUrl "JWT_ISSUER" $v.gateway.jwt.issuer "JWT_AUDIENCE" $v.gateway.jwt.audience }}
{{- if $value }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- end }}
{{- if not $v.gateway.jwt.jwksUrl }}
{{ include "tidings.secretEnv" (dict "name" "JWT_SECRET" "secret" $secret "key" $keys.jwtSecret) }}
{{- end }}
{{- $inCluster := dict -}}
{{- range $subgraph, $port := dict "identity" 4001 "channels" 4002 "subscriptions" 4003 -}}
{{- if (index $v $subgraph).enabled -}}
{{- $_ := set $inCluster $subgraph (printf "%s/graphql" (include "tidings.serviceUrl" (dict "root" $root "name" $subgraph "port" $port))) -}}
{{- end -}}
{{- end -}}
{{- if $v.dispatcher.enabled -}}
{{- $_ := set $inCluster "deliveries" (printf "%s/graphql" (include "tidings.serviceUrl" (dict "root" $root "name" "deliveries" "port" 4004))) -}}
{{- end -}}
{{- $urls := merge (deepCopy $v.gateway.subgraphUrls) $inCluster -}}
{{- range $subgraph, $url := $urls }}
- name: {{ printf "%s_URL" (upper $subgraph) }}
  value: {{ $url | quote }}
{{- end }}
{{- else if eq $w.kind "dispatcher" }}
- name: DISPATCHER_COMPONENTS
  value: {{ $w.dispatcherComponent | quote }}
- name: INSTANCE_ID
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: HEALTH_HOST
  value: 0.0.0.0
- name: HEALTH_PORT
  value: {{ $w.ports.health | quote }}
- name: GRAPHQL_HOST
  value: 0.0.0.0
- name: GRAPHQL_PORT
  value: {{ $w.ports.graphql | quote }}
- name: KAFKA_TOPIC_PARTITIONS
  value: {{ $v.kafka.topicPartitions | quote }}
- name: PROVIDER_TIMEOUT_MS
  value: {{ $v.dispatcher.providerTimeoutMs | quote }}
- name: SHUTDOWN_DRAIN_SECONDS
  value: {{ $v.dispatcher.shutdownDrainSeconds | quote }}
- name: SENDER_CONCURRENCY
  value: {{ $v.dispatcher.senderConcurrency | quote }}
{{- else if eq $w.kind "sandbox" }}
- name: SANDBOX_HOST
  value: 0.0.0.0
- name: SANDBOX_PORT
  value: {{ $w.ports.http | quote }}
- name: SANDBOX_SMTP_PORT
  value: {{ $w.ports.smtp | quote }}
- name: SANDBOX_RATE_LIMITS
  value: {{ $v.sandbox.rateLimits | quote }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with $w.values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}
