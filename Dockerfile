# Workout API image. Build: docker build -t workout-api .   (see docs/deployment.md)
# Debian (glibc) base, not alpine: argon2 ships prebuilt glibc binaries in its npm package.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: compile TypeScript to dist/ --------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only tsc runs in this stage, so no install scripts are needed (skips native builds of
# optional dev-only packages such as cpu-features).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# tsc emits only .js: the files the compiled code reads at run time (src/migrations/*.sql,
# read from new URL('./migrations/', import.meta.url) → dist/migrations/; seed data such as
# src/modules/exercises/seed/*.json) are copied beside it with the same relative paths.
# Copying every non-.ts file under src/ keeps this right when assets are added or moved.
# The build fails here, not at start-up, when no migration made it into dist/migrations.
RUN npm run build \
 && cd src && find . -type f ! -name '*.ts' -exec cp --parents {} ../dist/ \; && cd .. \
 && ls dist/migrations/*.sql > /dev/null

# ---- runtime: production dependencies + compiled code, no compiler, no npm -----------------
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="workout-api" \
      org.opencontainers.image.description="Workout tracking REST API (Fastify 5)" \
      org.opencontainers.image.licenses="MIT"
# DATA_DIR: the embedded (dev-only) databases need a writable place; /app belongs to root and
# stays read-only for the app user. Production sets DATABASE_URL and MONGODB_URL instead.
ENV NODE_ENV=production \
    DATA_DIR=/tmp/data
WORKDIR /app
COPY package.json package-lock.json ./
# argon2's install script only picks its prebuilt binary (node-gyp-build): no compiler needed.
# npm, npx, corepack and yarn are removed afterwards: nothing runs them at run time
# (the admin CLI is `node dist/cli.js …`), and they are a common source of scanner findings.
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && rm -rf /root/.npm /tmp/* \
    /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx \
    /usr/local/lib/node_modules/corepack /usr/local/bin/corepack \
    /opt/yarn-* /usr/local/bin/yarn /usr/local/bin/yarnpkg
# Root-owned code: the app user can read it but not change it.
COPY --from=build /app/dist ./dist

# The official image's "node" user (uid/gid 1000), matched by runAsUser in k8s/deployment.yaml.
USER node
EXPOSE 3000
# The app drains in-flight requests on SIGTERM within SHUTDOWN_GRACE_MS (default 20 s);
# give `docker stop` a matching timeout: docker stop -t 30.
STOPSIGNAL SIGTERM
# Liveness only (no database I/O). Kubernetes ignores this and uses the probes in k8s/.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same V8 heap flags as `npm start` (docs/operations.md, "Memory each embedded database needs").
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/server.js"]
