# volsnap daemon in a container. Written and checked by reading only: no Docker
# engine runs on the build machines, so this file has not been built (README).
#
#   docker build -t volsnap .
#   # The token file must be readable by the image's user (uid 1000) and nobody else:
#   sudo chown 1000 /etc/volsnap/digitalocean.token && sudo chmod 600 /etc/volsnap/digitalocean.token
#   docker run -d --name volsnap -v volsnap-data:/data \
#     -v /etc/volsnap/digitalocean.token:/run/secrets/digitalocean:ro \
#     -p 127.0.0.1:8420:8420 volsnap
#   docker exec volsnap volsnap accounts add --provider digitalocean --name prod \
#     --token-file /run/secrets/digitalocean

FROM node:20-bookworm-slim AS build
WORKDIR /src
# better-sqlite3 compiles only where no prebuilt binary exists for the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    VOLSNAP_DATA_DIR=/data
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/cli ./dist/cli
COPY --from=build /src/dist/renderer ./dist/renderer
RUN ln -s /app/dist/cli/volsnap.js /usr/local/bin/volsnap \
 && mkdir -p /data \
 && chown node:node /data \
 && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8420
# The UI listens on all of the container's interfaces so a published port reaches it;
# publish it on the host's loopback only (-p 127.0.0.1:8420:8420), or behind a TLS proxy.
ENTRYPOINT ["volsnap"]
CMD ["daemon", "--ui", "0.0.0.0:8420", "--allow-remote"]
