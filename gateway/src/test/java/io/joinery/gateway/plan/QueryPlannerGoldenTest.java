package io.joinery.gateway.plan;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.Supergraph;
import io.joinery.core.json.GoldenFiles;
import io.joinery.gateway.testing.SdlSupergraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for the planner: operation in (`*.graphql`, validated against the supergraph in
 * `_supergraph/`: remote SDL, `remotes.json`, `relationships.json`), plan (`*.plan.json`, with the
 * join tree and each join's request for one tuple) and root upstream requests in order
 * (`*.requests.json`) out.
 */
class QueryPlannerGoldenTest {
    private static final String DIR = "golden/plan";

    @TestFactory
    Stream<DynamicTest> plansEveryGoldenOperation() throws IOException {
        Supergraph supergraph = supergraph(GoldenFiles.sourceDir(DIR).resolve("_supergraph"));
        QueryPlanner planner = new QueryPlanner();
        OperationPreparer preparer = new OperationPreparer(100);
        return GoldenFiles.cases(DIR, ".graphql").map(c -> dynamicTest(c.name(), () -> {
            PreparedOperation operation = preparer.prepare(c.name(), supergraph.schema(), c.input(), null);
            QueryPlan plan = planner.plan(supergraph, operation.operation(), operation.fragments());
            ObjectNode planJson = plan.toJson();
            ArrayNode requests = (ArrayNode) planJson.remove("roots");
            c.assertMatches(".plan.json", Json.pretty(planJson) + "\n");
            c.assertMatches(".requests.json", Json.pretty(requests) + "\n");
        }));
    }

    /** Builds the supergraph from SDL files, introspected in-process (no HTTP). */
    static Supergraph supergraph(Path dir) throws IOException {
        List<RemoteSchema> schemas = new ArrayList<>();
        for (JsonNode remote : Json.parseBody(Files.readString(dir.resolve("remotes.json")))) {
            ObjectNode entry = Json.object();
            entry.set("name", remote.get("name"));
            entry.set("definition", remote.get("definition"));
            schemas.add(SdlSupergraph.remote(entry, Files.readString(dir.resolve(remote.get("sdl").asText()))));
        }
        List<JsonNode> relationships = new ArrayList<>();
        Json.parseBody(Files.readString(dir.resolve("relationships.json"))).forEach(relationships::add);
        return SdlSupergraph.of(schemas, relationships);
    }
}
