# The crimelake image: every verb of the CLI, by default the Temporal worker
# (`docker compose up` runs it; see README "Run with Temporal").
# No build step: bin/crimelake.mjs runs the TypeScript sources through tsx, which is a runtime
# dependency, as are the Temporal worker's bundler (webpack, swc) and DuckDB's native binding,
# so the dev tools (vitest, eslint, typescript, the Temporal test server) stay out.
FROM node:20-slim

WORKDIR /app
ENV NODE_ENV=production \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

COPY . .

# The read-through cache of lake objects (CRIMELAKE_CACHE_DIR in docker-compose.yml); created
# here so that a named volume mounted on it belongs to the unprivileged user.
RUN mkdir -p /var/cache/crimelake && chown node:node /var/cache/crimelake
USER node

ENTRYPOINT ["node", "bin/crimelake.mjs"]
CMD ["worker"]
