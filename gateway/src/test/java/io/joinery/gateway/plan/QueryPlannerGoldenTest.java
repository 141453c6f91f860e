package io.joinery.gateway.plan;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.GatewayCommand;
import io.joinery.gateway.metadata.GatewayCommandParser;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import io.joinery.gateway.schema.RemoteEndpoint;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.RemoteSchemaIntrospector;
import io.joinery.gateway.schema.RemoteSchemaReader;
import io.joinery.gateway.schema.Supergraph;
import io.joinery.gateway.schema.SupergraphBuilder;
import io.joinery.core.json.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
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
        JsonNode remotes = Json.parseBody(Files.readString(dir.resolve("remotes.json")));
        List<RemoteSchema> schemas = new ArrayList<>();
        for (JsonNode remote : remotes) {
            String sdl = Files.readString(dir.resolve(remote.get("sdl").asText()));
            ObjectNode entry = Json.object();
            entry.set("name", remote.get("name"));
            entry.set("definition", remote.get("definition"));
            RemoteSchemaDef def = RemoteSchemaDef.parse(entry, ErrorPath.root(), java.util.Set.of());
            schemas.add(RemoteSchemaReader.read(def, RemoteEndpoint.resolve(def, name -> null), introspect(sdl)));
        }
        List<RemoteRelationshipDef> relationships = new ArrayList<>();
        for (JsonNode args : Json.parseBody(Files.readString(dir.resolve("relationships.json")))) {
            ObjectNode command = Json.object();
            command.put("type", "create_remote_schema_remote_relationship");
            command.set("args", args);
            relationships.add(((GatewayCommand.CreateRemoteRelationship) GatewayCommandParser.parse(command,
                    ErrorPath.root())).def());
        }
        SupergraphBuilder.Result result = SupergraphBuilder.build(schemas, relationships,
                schemas.stream().map(RemoteSchema::name).collect(java.util.stream.Collectors.toSet()));
        Assertions.assertThat(result.rejected()).isEmpty();
        Assertions.assertThat(result.rejectedRelationships()).isEmpty();
        return result.supergraph();
    }

    static ObjectNode introspect(String sdl) {
        GraphQL graphql = GraphQL.newGraphQL(UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(sdl))).build();
        ExecutionResult result = graphql.execute(RemoteSchemaIntrospector.QUERY);
        Assertions.assertThat(result.getErrors()).isEmpty();
        Map<String, Object> data = result.getData();
        return (ObjectNode) Json.valueToTree(data);
    }
}
