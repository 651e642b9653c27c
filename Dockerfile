# Expedition: build once, run the production server as an unprivileged user.
#   docker build -t expedition .
#   docker run -p 3000:3000 -e DATABASE_URL=postgres://… -e APP_ORIGIN=https://… expedition
# compose.yaml runs it with a PostgreSQL. See README "Deployment" for every variable.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Everything needed to build: all dependencies (dev included) and the sources.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# package.json's postinstall patches postgres.js (db/patch-postgres.mjs): it must be there before installing.
COPY db/patch-postgres.mjs db/patch-postgres.mjs
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only (no Vite, Vitest, Playwright, drizzle-kit…).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY db/patch-postgres.mjs db/patch-postgres.mjs
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. The runtime: production dependencies, the build, and the server-side sources that
#    `node --import tsx server/prod.ts` loads (server/, app/ and db/ with its migrations).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/.data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/build ./build
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root server ./server
COPY --chown=root:root app ./app
COPY --chown=root:root db ./db
# The code stays owned by root (read-only to the app); only the data directory is writable, for the
# embedded PostgreSQL used when DATABASE_URL is unset.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "server/prod.ts"]
