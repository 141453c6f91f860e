package io.joinery.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.GraphQL;
import graphql.schema.GraphQLObjectType;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.RemoteSchemaDef;
import io.joinery.gateway.testing.SdlSupergraph;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemoteSchemaReaderTest {
    private static final String SDL = """
            schema { query: Root  mutation: Writes }
            type Root { thing(id: ID!): Thing  things(filter: Filter): [Thing!]! }
            type Writes { touch(id: ID!): Thing }
            interface Named { name: String }
            type Thing implements Named { id: ID!  name: String  kind: Kind }
            enum Kind { A B }
            input Filter { kind: Kind }
            scalar Json
            """;

    static RemoteSchema read(String sdl, String definition) {
        RemoteSchemaDef def = RemoteSchemaDef.parse(Json.parseBody("{\"name\":\"r\",\"definition\":{\"url\":\"http://r.test\""
                + (definition.isEmpty() ? "" : "," + definition) + "}}"), ErrorPath.args(), Set.of());
        return RemoteSchemaReader.read(def, RemoteEndpoint.resolve(def, name -> null), SdlSupergraph.introspect(sdl));
    }

    @Test
    void rootTypesFoundByName_evenWhenNotQueryAndMutation() {
        RemoteSchema remote = read(SDL, "");

        assertThat(remote.queryFields()).extracting(f -> f.getName()).containsExactly("thing", "things");
        assertThat(remote.mutationFields()).extracting(f -> f.getName()).containsExactly("touch");
        assertThat(remote.types()).extracting(t -> t.getName()).doesNotContain("Root", "Writes", "String", "ID");
    }

    @Test
    void customization_renamesTypesAndFields_andRemembersOriginals() {
        RemoteSchema remote = read(SDL, """
                "customization": {"type_names": {"prefix": "P_", "suffix": "_s", "mapping": {"Kind": "ThingKind"}},
                  "field_names": [{"parent_type": "Thing", "prefix": "t_", "mapping": {"id": "key"}},
                                  {"parent_type": "Named", "prefix": "t_"},
                                  {"parent_type": "Root", "suffix": "_q"}]}""");

        assertThat(remote.types()).extracting(t -> t.getName())
                .containsExactlyInAnyOrder("P_Named_s", "P_Thing_s", "ThingKind", "P_Filter_s", "P_Json_s");
        assertThat(remote.queryFields()).extracting(f -> f.getName()).containsExactly("thing_q", "things_q");
        RemoteNames names = remote.names();
        assertThat(names.originalType("P_Thing_s")).isEqualTo("Thing");
        assertThat(names.gatewayType("Kind")).isEqualTo("ThingKind");
        assertThat(names.originalField("P_Thing_s", "key")).isEqualTo("id");
        assertThat(names.originalField("P_Thing_s", "t_name")).isEqualTo("name");
        assertThat(names.originalField("query_root", "things_q")).isEqualTo("things");
        GraphQLObjectType thing = SupergraphBuilder.build(List.of(remote)).supergraph().schema().getObjectType("P_Thing_s");
        assertThat(thing.getFieldDefinitions()).extracting(f -> f.getName()).containsExactly("key", "t_name", "t_kind");
    }

    @Test
    void interfaceFieldsRenamedInconsistently_rejected() {
        assertThatThrownBy(() -> read(SDL, """
                "customization": {"field_names": [{"parent_type": "Thing", "prefix": "t_"}]}"""))
                .isInstanceOf(JoineryException.class)
                .hasMessageStartingWith("Inconsistent object: remote schema \"r\" is not a valid schema after customization");
    }

    @Test
    void fieldMappingsNotDistinct_rejected() {
        assertThatThrownBy(() -> read(SDL, """
                "customization": {"field_names": [{"parent_type": "Thing", "mapping": {"id": "name"}}]}"""))
                .hasMessage("Inconsistent object: Field name mappings for type \"Thing\" are not distinct; "
                        + "the following fields appear more than once: \"name\"");
    }

    @Test
    void namespace_wrapsRootFields() {
        RemoteSchema remote = read(SDL, "\"customization\": {\"root_fields_namespace\": \"ns\"}");

        assertThat(remote.queryFields()).extracting(f -> f.getName()).containsExactly("ns");
        assertThat(remote.mutationFields()).extracting(f -> f.getName()).containsExactly("ns");
        assertThat(remote.types()).extracting(t -> t.getName()).contains("ns_query", "ns_mutation");
    }

    @Test
    void introspectionWithoutSchema_isRemoteSchemaError() {
        RemoteSchemaDef def = RemoteSchemaDef.parse(Json.parseBody("{\"name\":\"r\",\"definition\":{\"url\":\"http://r.test\"}}"),
                ErrorPath.args(), Set.of());
        ObjectNode broken = (ObjectNode) Json.parseBody("{\"__schema\": {\"queryType\": {\"name\": \"Query\"}, \"types\": 3}}");

        assertThatThrownBy(() -> RemoteSchemaReader.read(def, RemoteEndpoint.resolve(def, n -> null), broken))
                .isInstanceOf(JoineryException.class)
                .satisfies(e -> assertThat(((JoineryException) e).code().wire()).isEqualTo("remote-schema-error"));
    }
}
