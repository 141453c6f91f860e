package io.joinery.gateway.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.language.FieldDefinition;
import graphql.language.ObjectTypeDefinition;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.gateway.metadata.RemoteSchemaPermissionDef;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subset check and preset parsing of SPEC §10.4 (Hasura's reasons), and the role's view. */
class RemotePermissionResolverTest {
    private static final String REMOTE = """
            type Query {
              user(id: Int!, tag: String): User
              users(limit: Int = 10, status: Status): [User!]!
              search(where: Where): [User]
            }
            type Mutation { rename(id: Int!, name: String!): User }
            type User { id: Int!  name: String  email: String  status: Status }
            enum Status { ACTIVE BANNED }
            input Where { name: String  status: Status  ids: [Int!] }
            """;

    private final RemoteSchema full = RemoteSchemaReaderTest.read(REMOTE, "");

    private RemoteSchema resolve(String sdl) {
        return RemotePermissionResolver.resolve(full, new RemoteSchemaPermissionDef("r", "user", sdl, null));
    }

    private void assertRefused(String sdl, String reason) {
        assertThatThrownBy(() -> resolve(sdl))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).isEqualTo("validation for the given role-based schema failed because "
                            + reason);
                });
    }

    @Test
    void subset_isAccepted_andIsWhatTheRoleSees() {
        RemoteSchema view = resolve("""
                schema { query: Query }
                type Query { user(id: Int!): User  users(limit: Int = 10): [User!]! }
                type User { id: Int!  name: String }
                """);

        assertThat(view.queryFields()).extracting(FieldDefinition::getName).containsExactly("user", "users");
        assertThat(view.mutationFields()).isEmpty();
        ObjectTypeDefinition user = (ObjectTypeDefinition) view.types().stream()
                .filter(t -> t.getName().equals("User")).findFirst().orElseThrow();
        assertThat(user.getFieldDefinitions()).extracting(FieldDefinition::getName).containsExactly("id", "name");
        assertThat(view.presets().isEmpty()).isTrue();
        assertThat(view.endpoint()).isEqualTo(full.endpoint());
    }

    @Test
    void extraField_isRefused_namingTypeAndField() {
        assertRefused("type Query { user(id: Int!): User }  type User { id: Int!  phone: String }",
                "field \"phone\" does not exist in the \"Object\": \"User\"");
    }

    @Test
    void wrongTypeReference_isRefused_nullabilityAndListsIncluded() {
        assertRefused("type Query { user(id: Int!): User }  type User { id: Int }",
                "expected type of \"id\"(\"Object field\") to be Int! but received Int");
        assertRefused("type Query { users: [User]! }  type User { id: Int! }",
                "expected type of \"users\"(\"Object field\") to be [User!]! but received [User]!");
        assertRefused("type Query { user(id: Int): User }  type User { id: Int! }",
                "field: \"user\" expects the following non nullable arguments to be present: \"id\"");
    }

    @Test
    void unknownEnumValue_isRefused() {
        assertRefused("type Query { users(status: Status): [User!]! }  type User { id: Int! }  enum Status { ACTIVE GONE }",
                "enum \"Status\" contains the following enum values that do not exist in the corresponding upstream"
                        + " remote enum: \"GONE\"");
    }

    @Test
    void unknownType_isRefused() {
        assertRefused("type Query { user(id: Int!): User }  type User { id: Int! }  type Secret { id: Int! }",
                "\"Object\": \"Secret\" does not exist in the upstream remote schema");
        assertRefused("type Query { user(id: Int!): User }",
                "type \"User\" is used in the role-based schema but not defined in it");
    }

    @Test
    void unknownArgumentAndInputField_andDefaults_areRefused() {
        assertRefused("type Query { user(id: Int!, nope: Int): User }  type User { id: Int! }",
                "input argument \"nope\" does not exist in the input object:\"user\"");
        assertRefused("type Query { search(where: Where): [User] }  type User { id: Int! }  input Where { age: Int }",
                "input argument \"age\" does not exist in the input object:\"Where\"");
        assertRefused("type Query { users(limit: Int = 5): [User!]! }  type User { id: Int! }",
                "expected default value of input value: \"limit\"of input object \"users\" to be 10 but received 5");
    }

    @Test
    void severalReasons_areListed() {
        assertThatThrownBy(() -> resolve("type Query { user(id: Int!): User  nope: Int }  type User { id: Int!  x: Int }"))
                .hasMessage("validation for the given role-based schema failed for the following reasons:\n"
                        + " • field \"nope\" does not exist in the \"Object\": \"Query\"\n"
                        + " • field \"x\" does not exist in the \"Object\": \"User\"\n");
    }

    @Test
    void notSdl_isParseFailed_atTheSchema() {
        assertThatThrownBy(() -> resolve("type Query {"))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED);
                    assertThat(e.path().toString()).isEqualTo("$.definition.schema");
                    assertThat(e.getMessage()).startsWith("parsing the schema document: ");
                });
    }

    @Test
    void wrongSchemaBlockRoot_isRefused() {
        assertRefused("schema { query: Root }  type Query { user(id: Int!): User }  type User { id: Int! }",
                "the query root \"Root\" of the schema definition is not the query root of the remote schema (\"Query\")");
    }

    @Test
    void presets_leaveTheRoleSchema_andAreRecorded() {
        RemoteSchema view = resolve("""
                type Query {
                  user(id: Int! @preset(value: "X-Hasura-User-Id"), tag: String @preset(value: "x-hasura-tag", static: true)): User
                  users(limit: Int = 10, status: Status @preset(value: BANNED)): [User!]!
                  search(where: Where @preset(value: {name: "x-hasura-user-name", ids: [1, 2]})): [User]
                }
                type User { id: Int! }
                enum Status { ACTIVE }
                input Where { name: String }
                """);

        FieldDefinition user = view.queryFields().get(0);
        assertThat(user.getInputValueDefinitions()).isEmpty();
        assertThat(view.queryFields().get(1).getInputValueDefinitions()).extracting(i -> i.getName())
                .containsExactly("limit");
        Map<String, PresetValue> userPresets = view.presets().of("Query", "user");
        assertThat(userPresets.get("id")).isInstanceOfSatisfying(PresetValue.Session.class,
                s -> assertThat(s.variable()).isEqualTo("x-hasura-user-id"));
        assertThat(userPresets.get("tag")).isInstanceOf(PresetValue.Static.class);
        assertThat(view.presets().of("Query", "users").get("status")).isInstanceOf(PresetValue.Static.class);
        assertThat(view.presets().of("Query", "search").get("where")).isInstanceOfSatisfying(PresetValue.Fields.class,
                f -> {
                    assertThat(f.fields().get("name")).isInstanceOf(PresetValue.Session.class);
                    assertThat(f.fields().get("ids")).isInstanceOf(PresetValue.Static.class);
                });
    }

    @Test
    void presetValues_mustFitTheirType() {
        String user = "type User { id: Int! }";
        assertRefused("type Query { user(id: Int! @preset(value: {a: 1})): User } " + user,
                "expected preset value \"{a : 1}\" of type \"Int\" to be a scalar value");
        assertRefused("type Query { users(status: Status @preset(value: GONE)): [User!]! } " + user,
                "\"GONE\" not found in the enum: \"Status\"");
        assertRefused("type Query { search(where: Where @preset(value: {age: 1})): [User] } " + user,
                "\"age\" does not exist in the input object \"Where\"");
        assertRefused("type Query { search(where: Where @preset(value: {ids: \"x-hasura-ids\"})): [User] } " + user,
                "illegal preset value at \"ids\". Session arguments can only be set for singleton values");
        assertRefused("type Query { user(id: Int! @preset(static: true)): User } " + user,
                "preset argument \"value\" not found at \"id\"");
        assertRefused("type Query { user(id: Int!): User @preset(value: 1) } " + user,
                "Preset directives can be defined only on INPUT_FIELD_DEFINITION or ARGUMENT_DEFINITION");
        assertRefused("type Query { search(where: Where): [User] } " + user
                        + " input Where { name: String @preset(value: \"x-hasura-user-id\") }",
                "presets on input object fields are not supported by Joinery (field \"name\" of input object \"Where\");"
                        + " preset the argument instead");
    }
}
