# syntax=docker/dockerfile:1
# apigee-doctor: one image for the Slack app (`--role app`), the workers (`--role worker`) and the CLI
# (`node dist/cli.js …`). Build: docker build -t apigee-doctor .
# The emulator (a development tool: the demo and the tests) is not in it; `--target emulator` builds
# an image of its own for `docker compose --profile emulator`.

# ---- build: compile TypeScript with the dev dependencies, without the emulator
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script compiles the sources, which are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json tsconfig.product.json ./
COPY src ./src
# Fails if anything the product imports pulls the emulator in.
RUN npm run build:product && test ! -e dist/emulator

# ---- the emulator, for `docker compose --profile emulator` only: the dev dependencies and the whole build
FROM build AS emulator
RUN npm run build
USER node
CMD ["node", "dist/cli.js", "emulator", "--scenario", "broken"]

# ---- production dependencies only
FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

# ---- runtime
FROM node:22-slim
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --chown=root:root package.json ./
COPY --chown=root:root --from=deps /app/node_modules ./node_modules
COPY --chown=root:root --from=build /app/dist ./dist
COPY --chown=root:root --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/apigee-doctor-entrypoint
# The recorded gcpdiag estates the emulator's gcpdiag-* scenarios serve (found relative to dist/).
COPY --chown=root:root fixtures ./fixtures
# The node image's unprivileged user (uid 1000); the files above stay owned by root, so the process
# cannot change them, and nothing writes to the image at run time (a read-only root file system works).
USER node
# Every role serves on PORT: /slack/events (the app in HTTP mode), /healthz (liveness), /readyz
# (readiness: Redis answers) and /metrics (Prometheus).
EXPOSE 3000
# Healthy means ready: Redis answers (a Docker health check has no liveness/readiness split).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Runs the command as `node`; started as root, it first makes mounted Google credentials readable
# (see deploy/docker-entrypoint.sh and docker-compose.yml).
ENTRYPOINT ["apigee-doctor-entrypoint"]
# Runs the app and the workers together; docker-compose.yml and the Helm chart run them apart with --role.
CMD ["node", "dist/main.js"]
