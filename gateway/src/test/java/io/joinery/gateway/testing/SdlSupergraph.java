package io.joinery.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.joinery.core.error.ErrorPath;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Remote schemas and supergraphs built from SDL in-process, as the gateway builds them from
 * introspection, without HTTP: for planner and executor tests that need no server.
 */
public final class SdlSupergraph {
    private SdlSupergraph() {}

    /** What introspecting a server with schema {@code sdl} answers (`data`). */
    public static ObjectNode introspect(String sdl) {
        ExecutionResult result = GraphQL.newGraphQL(UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new SchemaParser().parse(sdl))).build().execute(RemoteSchemaIntrospector.QUERY);
        assertThat(result.getErrors()).isEmpty();
        return (ObjectNode) Json.valueToTree(result.getData());
    }

    /** The remote schema {@code entry} (`{name, definition}`, as `add_remote_schema`'s args) serving {@code sdl}. */
    public static RemoteSchema remote(JsonNode entry, String sdl) {
        RemoteSchemaDef def = RemoteSchemaDef.parse(entry, ErrorPath.args(), Set.of());
        return RemoteSchemaReader.read(def, RemoteEndpoint.resolve(def, name -> null), introspect(sdl));
    }

    /** The supergraph of {@code remotes} with {@code relationships} (each `create_remote_schema_remote_relationship`'s args); none rejected. */
    public static Supergraph of(List<RemoteSchema> remotes, List<JsonNode> relationships) {
        List<RemoteRelationshipDef> defs = new ArrayList<>();
        for (JsonNode args : relationships) {
            ObjectNode command = Json.object();
            command.put("type", "create_remote_schema_remote_relationship");
            command.set("args", args);
            defs.add(((GatewayCommand.CreateRemoteRelationship) GatewayCommandParser.parse(command,
                    ErrorPath.root())).def());
        }
        SupergraphBuilder.Result result = SupergraphBuilder.build(remotes, defs,
                remotes.stream().map(RemoteSchema::name).collect(Collectors.toSet()));
        assertThat(result.rejected()).isEmpty();
        assertThat(result.rejectedRelationships()).isEmpty();
        return result.supergraph();
    }
}
