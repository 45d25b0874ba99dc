# syntax=docker/dockerfile:1
# apigee-doctor: one image for the Slack app (`--role app`), the workers (`--role worker`) and the CLI
# (`node dist/cli.js …`, e.g. the emulator). Build: docker build -t apigee-doctor .

# ---- build: compile TypeScript with the dev dependencies
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the `prepare` script compiles the sources, which are not copied yet.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

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
# The node image's unprivileged user; the files above stay owned by root, so the process cannot change them.
USER node
# /slack/events (HTTP mode) and /healthz (every role: app, worker, both).
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Runs the app and the workers together; docker-compose.yml runs them apart with --role.
CMD ["node", "dist/main.js"]
