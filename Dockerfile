# AiFeed: docker build -t aifeed ., docker compose -f compose.single.yaml up (one node) or docker compose up (a cluster on PostgreSQL; docs/operations.md)

# Browser files stage: Pyodide (Python on the problem pages) from the npm package pinned in
# src/AiFeed/package.json; the build copies it into the app (src/AiFeed/Pyodide.targets).
FROM node:20-bookworm-slim AS browser-files
WORKDIR /src/AiFeed
COPY src/AiFeed/package.json src/AiFeed/package-lock.json ./
RUN npm ci --no-audit --no-fund

# Build stage: the SDK restores once per change of the project files (that layer is cached),
# then publishes.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/AiFeed.Core/AiFeed.Core.csproj src/AiFeed.Core/
COPY src/AiFeed/AiFeed.csproj src/AiFeed/
# Restored as dotnet publish will build (ReadyToRun for this platform, see src/AiFeed/AiFeed.csproj).
RUN dotnet restore src/AiFeed/AiFeed.csproj -p:_IsPublishing=true
COPY src/AiFeed.Core/ src/AiFeed.Core/
COPY src/AiFeed/ src/AiFeed/
COPY --from=browser-files /src/AiFeed/node_modules src/AiFeed/node_modules
RUN dotnet publish src/AiFeed/AiFeed.csproj --configuration Release --no-restore --output /app

# Runtime stage: ASP.NET Core runtime only, as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# The shipped catalog stays in /app/catalog; the entrypoint copies it into /config when the folder
# mounted there has no feeds.json (a folder, not the file: editors save by rename, which a
# single-file bind mount does not follow).
COPY feeds.json feeds.schema.json /app/catalog/
COPY --chmod=755 src/AiFeed/Docker/entrypoint.sh /usr/local/bin/aifeed-entrypoint
RUN mkdir -p /data /config && chown $APP_UID /data /config
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data \
    Catalog__FeedsPath=/config/feeds.json \
    DOTNET_NOLOGO=1
VOLUME /data
EXPOSE 8080
USER $APP_UID
# Ready, not only alive: the store reads, the catalog is valid and the scheduler runs (/readyz).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "aifeed.dll", "healthcheck", "--url", "http://localhost:8080/readyz"]
ENTRYPOINT ["/usr/local/bin/aifeed-entrypoint", "dotnet", "aifeed.dll"]
