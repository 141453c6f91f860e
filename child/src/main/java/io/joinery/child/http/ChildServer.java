package io.joinery.child.http;

import io.joinery.core.http.ConsoleRoute;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.http.Route;
import java.util.List;

/**
 * The child's route table: `POST /v1/graphql`, `POST /v1/graphql/explain`, `POST /v1/metadata`,
 * `POST /v2/query`, `GET /healthz` (and `/hasura/healthz`), `GET /v1/version`, `GET /v1/metrics` (core's {@code MetricsRoute}), `GET /console` (when
 * {@code console} is on). Everything else (CORS, 404/405, sessions, errors) is the core front
 * door's; `ChildApp` and the route tests build the server from this table.
 */
public final class ChildServer {
    public static final String SERVER_NAME = "joinery-child";

    private ChildServer() {}

    public static List<Route> routes(GraphqlRoute graphql, MetadataRoute metadata, HealthRoute health,
                                     boolean console, Route metrics) {
        return List.of(
                Route.graphql("/v1/graphql", graphql::execute, graphql.limiter()),
                Route.api("/v1/graphql/explain", graphql::explain),
                Route.api("/v1/metadata", metadata::metadata),
                Route.api("/v2/query", metadata::query),
                Route.get("/healthz", health::answer),
                Route.get("/hasura/healthz", health::answer),
                Route.version("/v1/version", SERVER_NAME, JoineryVersion.current()),
                metrics,
                ConsoleRoute.route(console));
    }
}
