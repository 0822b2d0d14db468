# syntax=docker/dockerfile:1
# The reference server in a container, built from the npm package this repository packs: the image runs
# exactly what `npx chatkit-chat-server` runs (compiled JavaScript, no TypeScript runtime, no dev tools).
#
#   docker build -t chatkit-chat .
#   docker run -p 8787:8787 -v chatkit-data:/data chatkit-chat            # SQLite in the volume
#   docker compose up                                                      # with PostgreSQL (compose.yaml)
#
# test/package/deploy.test.ts checks that every COPY source exists in the build context and that CMD runs
# the package's bin.

# 1. Build: install everything (the lockfile's exact versions), compile, pack the tarball.
FROM node:20-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /tmp && mv /tmp/chatkit-chat-*.tgz /tmp/chatkit-chat.tgz

# 2. Install the tarball as a user would, with pg (an optional peer dependency) for PostgreSQL.
#    better-sqlite3 ships prebuilt binaries for Node 20 on linux-x64/arm64 glibc, so no compiler is needed.
FROM node:20-slim AS install
WORKDIR /app
COPY --from=build /tmp/chatkit-chat.tgz /tmp/chatkit-chat.tgz
RUN npm init -y >/dev/null \
  && npm install --omit=dev --no-audit --no-fund /tmp/chatkit-chat.tgz pg@^8.23.1 \
  && npm cache clean --force

# 3. Run: the installed package only, as the unprivileged `node` user, data in a volume.
FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    CHATKIT_DATA_DIR=/data
WORKDIR /app
COPY --from=install --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
# 8787: API, element bundle and demo; 8788: the second-origin demo site (CHATKIT_DEMO_PORT=off disables it).
EXPOSE 8787 8788
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "node_modules/chatkit-chat/bin/chatkit-chat-server.js"]
