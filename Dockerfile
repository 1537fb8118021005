# syntax=docker/dockerfile:1
# ArchNest container image. Build: `docker build -t archnest .`; run: see docs/operations.md.
# BASE is the Node.js 24 image both stages start from; BUILD_BASE must also carry python3, make and
# g++ for the native addons (better-sqlite3, node-pty). The official images do; a test or an air-gapped
# build may hand in its own.
ARG BASE=node:24-bookworm-slim
ARG BUILD_BASE=node:24-bookworm

# Every dependency, from the manifests alone, so this layer is reused until they change.
FROM ${BUILD_BASE} AS install
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY contract/package.json contract/
COPY server/package.json server/
COPY web/package.json web/
COPY test-support/package.json test-support/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund

# Production dependencies of the server only, from the npm cache the full install just filled. Their
# install scripts do not run again: each native addon (better-sqlite3, node-pty, ssh2's binding,
# cpu-features) is taken from the full install, already compiled for this Node.js.
FROM install AS deps
COPY scripts/reuse-built-packages.mjs /tmp/
RUN mv node_modules /tmp/full-node_modules \
 && npm ci --offline --omit=dev --ignore-scripts --workspace @archnest/server --include-workspace-root=false --no-audit --no-fund \
 && rm -rf node_modules/@archnest \
 && node /tmp/reuse-built-packages.mjs /tmp/full-node_modules node_modules \
 && rm -rf /tmp/full-node_modules /tmp/reuse-built-packages.mjs

# The server bundle and the precompressed web app, as `npm run build` makes them.
FROM install AS build
COPY . .
RUN node --input-type=module -e "await (await import('./scripts/build.mjs')).build({ force: true })"

FROM ${BASE}
# tini is PID 1: it forwards SIGTERM to Node.js (which closes sessions and the database cleanly) and
# reaps the ssh processes that certificate logins start. openssh-client makes those logins possible.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini openssh-client \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 archnest \
 && useradd --system --uid 10001 --gid archnest --home-dir /data --shell /usr/sbin/nologin archnest \
 && mkdir -p /data && chown archnest:archnest /data && chmod 0700 /data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/server/dist ./server/dist
COPY --from=build /app/server/package.json /app/server/node-args.json ./server/
COPY --from=build /app/web/dist ./web/dist
COPY agent ./agent
COPY package.json ./
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    ARCHNEST_DATA_DIR=/data
USER archnest
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The V8 flags of server/node-args.json (docs/decisions.md), as `npm start` passes them.
CMD ["node", "--max-semi-space-size=1", "--v8-pool-size=1", "server/dist/main.js"]
