# One image for the gateway, the five subgraphs and the migration job; docker-compose.yml
# picks the process with `command`. tsx (a runtime dependency) runs the TypeScript directly.
FROM node:20-bookworm-slim

WORKDIR /app

# Dependencies first so that source-only changes reuse this layer.
COPY package.json package-lock.json ./
RUN npm ci && npm cache clean --force

# Sources stay owned by root: the node user can read them but not change them.
COPY . .

ENV NODE_ENV=production
USER node

EXPOSE 4000
CMD ["npx", "tsx", "gateway/main.ts"]
