# One image per service from one file: docker build --build-arg SERVICE=<name> -t <repository>/<name>:<tag> .
#   SERVICE: gateway | identity | channels | subscriptions | dispatcher | sandbox | migrate
# (`migrate` is scripts/migrate.ts with every service's drizzle migrations, for the Helm chart's
# pre-install/pre-upgrade Job.) Node 24 runs the TypeScript sources directly, so there is no compile step:
# the build stage installs the production dependencies and picks the files the service needs; the runtime
# stage is the slim Node image, those files, and a numeric non-root user. Nothing is written outside /tmp,
# so the root filesystem can be read-only. No HEALTHCHECK: Kubernetes probes the services' endpoints.
# Not built in this repository's CI (no Docker engine there); see README "Running in Kubernetes".
ARG NODE_IMAGE=node:24.21.0-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Whole repository (minus .dockerignore): the workspaces' package.json files are spread over packages/ and
# services/, and npm ci needs all of them to link the workspaces.
COPY . .
RUN npm ci --omit=dev --no-audit --no-fund
ARG SERVICE
RUN set -eu; \
  mkdir -p /out/services; \
  cp -a package.json node_modules packages /out/; \
  case "$SERVICE" in \
    gateway) cp -a services/gateway /out/services/; cp -a graphql /out/ ;; \
    identity|channels|subscriptions|dispatcher|sandbox) cp -a "services/$SERVICE" /out/services/ ;; \
    migrate) \
      mkdir -p /out/scripts; cp scripts/migrate.ts /out/scripts/; \
      for s in identity channels subscriptions dispatcher; do \
        mkdir -p "/out/services/$s"; cp -a "services/$s/package.json" "services/$s/drizzle" "/out/services/$s/"; \
      done ;; \
    *) echo "SERVICE must be one of gateway identity channels subscriptions dispatcher sandbox migrate (got '$SERVICE')" >&2; exit 1 ;; \
  esac; \
  find /out/packages /out/services -name '*.test.ts' -delete; \
  rm -rf /out/services/*/test; \
  if [ "$SERVICE" = migrate ]; then echo scripts/migrate.ts; else echo "services/$SERVICE/src/index.ts"; fi > /out/.entry

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
# Owned by root, run as uid 1000 (the image's `node` user): the process cannot change its own code.
COPY --from=build /out/ ./
USER 1000:1000
# exec: node is PID 1 and gets SIGTERM itself (the services drain on it).
CMD ["sh", "-c", "exec node \"$(cat /app/.entry)\""]
