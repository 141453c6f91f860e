package io.joinery.child.http;

import io.joinery.child.ChildRuntime;
import io.joinery.child.graphql.GraphqlExecutor;
import io.joinery.core.http.AdminSecretCheck;
import io.joinery.core.http.HttpResponses;
import io.joinery.core.http.HttpServerFactory.Route;
import io.joinery.core.http.JoineryVersion;
import java.util.List;

/** The child's route table; `ChildMain` and the route tests both build the server from it. */
public final class ChildServer {
    private ChildServer() {}

    public static List<Route> routes(ChildRuntime runtime, AdminSecretCheck auth) {
        GraphqlRoute graphql = new GraphqlRoute(new GraphqlExecutor(runtime::snapshot, runtime.sql(),
                runtime.actionHandlers(), runtime.invocations()), auth);
        MetadataRoute metadata = new MetadataRoute(auth, (body, session) -> runtime.store().metadata(body, session));
        MetadataRoute query = new MetadataRoute(auth, (body, session) -> runtime.store().query(body, session));
        HealthRoute health = new HealthRoute(runtime);
        String version = "{\"version\":\"" + JoineryVersion.current() + "\",\"server\":\"joinery-child\"}";
        return List.of(
                Route.post("/v1/graphql", graphql::handle),
                Route.post("/v1/metadata", metadata::handle),
                Route.post("/v2/query", query::handle),
                Route.get("/healthz", health::handle),
                Route.get("/hasura/healthz", health::handle),
                Route.get("/v1/version", (request, response) -> HttpResponses.json(response, 200, version)));
    }
}
