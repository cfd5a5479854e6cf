# syntax=docker/dockerfile:1
# One image recipe for the three services, built from the sources by `docker compose build` (no host build step).
#   docker build --build-arg MODULE=api-gateway --build-arg PORT=8080 -t catalog-ingest/api-gateway .
# Stage 1 compiles the module and what it depends on with the Maven wrapper; stage 2 is a JRE with the jar only.
FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# the Maven repository is a BuildKit cache: a second build does not download the world again
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" \
    && ./mvnw -B -q -DskipTests -pl "$MODULE" -am package \
    && cp "$MODULE"/target/"$MODULE"-*-exec.jar /app.jar

FROM eclipse-temurin:17-jre
ARG PORT=8080
# curl for the compose health check (newer Temurin images no longer ship it)
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin catalog
WORKDIR /app
COPY --from=build /app.jar /app/app.jar
USER 10001
# Same variable names as ./catalog (docs/contributing.md); compose sets them.
ENV JAVA_OPTS="-Xmx512m"
EXPOSE ${PORT}
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
