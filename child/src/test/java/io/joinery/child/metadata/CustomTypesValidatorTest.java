package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CustomTypesValidatorTest {
    private static final CustomTypesValidator VALIDATOR = new CustomTypesValidator(CustomTypesValidator.Catalog.of(
            Map.of(QualifiedTable.publicTable("author"), List.of("id", "name"),
                    new QualifiedTable("blog", "article"), List.of("id", "author_id", "order_id", "title")),
            Set.of("uuid", "jsonb", "timestamptz", "bigint")));

    private static List<String> problems(String json) {
        return VALIDATOR.problems(CustomTypesParser.parse(Json.parseBody(json), ErrorPath.args()));
    }

    @Test
    void specExampleWithPostgresScalarsAndRecursion_isValid() {
        assertThat(VALIDATOR.problems(CustomTypesParser.parse(Json.parseBody(CustomTypesParserTest.CANONICAL),
                ErrorPath.args()))).isEmpty();
        assertThat(problems("""
                {"objects": [{"name": "Node", "fields": [{"name": "id", "type": "uuid!"}, {"name": "at", "type": "timestamptz"},
                                                        {"name": "data", "type": "jsonb"}, {"name": "next", "type": "Node"},
                                                        {"name": "children", "type": "[Node!]!"}]}],
                 "input_objects": [{"name": "In", "fields": [{"name": "id", "type": "uuid"}, {"name": "big", "type": "bigint"},
                                                             {"name": "self", "type": "[In!]"}]}]}
                """)).isEmpty();
    }

    @Test
    void duplicateTypeNames_acrossKinds() {
        assertThat(problems("""
                {"scalars": [{"name": "B"}, {"name": "A"}], "enums": [{"name": "A", "values": [{"value": "X"}]}],
                 "objects": [{"name": "B", "fields": [{"name": "f", "type": "Int"}]}]}
                """)).containsExactly("duplicate type names: \"A\", \"B\"");
    }

    @Test
    void duplicateEnumValues() {
        assertThat(problems("{\"enums\": [{\"name\": \"E\", \"values\": [{\"value\": \"X\"}, {\"value\": \"X\"}]}]}"))
                .containsExactly("the enum type \"E\" has duplicate values: \"X\"");
    }

    @Test
    void inputObject_duplicateFields_andObjectTypedField() {
        assertThat(problems("""
                {"input_objects": [{"name": "I", "fields": [{"name": "a", "type": "Int"}, {"name": "a", "type": "Int"},
                                                            {"name": "o", "type": "[O!]"}]}],
                 "objects": [{"name": "O", "fields": [{"name": "f", "type": "Int"}]}]}
                """)).containsExactly(
                "the input object \"I\" has duplicate fields: \"a\"",
                "the type \"O\" for field \"o\" in  input object type \"I\" does not exist");
    }

    @Test
    void object_unknownFieldType_inputObjectFieldType_duplicateWithRelationship_arguments() {
        assertThat(problems("""
                {"input_objects": [{"name": "I", "fields": [{"name": "a", "type": "Int"}]}],
                 "objects": [{"name": "O", "fields": [{"name": "author", "type": "Int"}, {"name": "x", "type": "Nope!"},
                                                     {"name": "i", "type": "I"}, {"name": "g", "type": "Int", "arguments": {}}],
                              "relationships": [{"name": "author", "type": "object", "remote_table": "author",
                                                 "field_mapping": {"author": "id"}}]}]}
                """)).containsExactly(
                "the object \"O\" has duplicate fields: \"author\"",
                "the type \"Nope\" for field \"x\" in  object type \"O\" does not exist",
                "the type \"I\" for field \"i\" in  object type \"O\" does not exist",
                "the object \"O\" can't have arguments");
    }

    @Test
    void relationship_untrackedTable_otherSchemaNamed_unknownSource() {
        assertThat(problems("""
                {"objects": [{"name": "O", "fields": [{"name": "id", "type": "Int"}],
                  "relationships": [
                    {"name": "a", "type": "object", "remote_table": "nope", "field_mapping": {"id": "id"}},
                    {"name": "b", "type": "array", "remote_table": {"schema": "other", "name": "author"}, "field_mapping": {"id": "id"}},
                    {"name": "c", "type": "object", "source": "elsewhere", "remote_table": "author", "field_mapping": {"id": "id"}}]}]}
                """)).containsExactly(
                "the remote table \"nope\" for relationship \"a\" of object type \"O\" does not exist",
                "the remote table \"other.author\" for relationship \"b\" of object type \"O\" does not exist",
                "the remote table \"author\" for relationship \"c\" of object type \"O\" does not exist");
    }

    @Test
    void relationship_unknownField_listField_unknownColumn() {
        assertThat(problems("""
                {"objects": [{"name": "User", "fields": [{"name": "id", "type": "Int"}, {"name": "names", "type": "[String]"}],
                  "relationships": [
                    {"name": "Names", "type": "array", "remote_table": {"schema": "blog", "name": "article"},
                     "field_mapping": {"names": "title", "missing": "id", "id": "nope"}}]}]}
                """)).containsExactly(
                "the type of the field \"names\" for relationship \"Names\" in object type \"User\" is a list type",
                "the field \"missing\" for relationship \"Names\" in object type \"User\" does not exist",
                "the column \"nope\" of remote table \"blog.article\" for relationship \"Names\" of object type \"User\" does not exist");
    }

    @Test
    void relationship_mappedFieldOfObjectType() {
        assertThat(problems("""
                {"objects": [{"name": "O", "fields": [{"name": "inner", "type": "P"}],
                  "relationships": [{"name": "r", "type": "object", "remote_table": "author", "field_mapping": {"inner": "id"}}]},
                 {"name": "P", "fields": [{"name": "id", "type": "Int"}]}]}
                """)).containsExactly(
                "the type of the field \"inner\" for relationship \"r\" in object type \"O\" is an object type");
    }

    @Test
    void oneProblem_messageWithBecause() {
        assertThat(CustomTypesValidator.failureReason(List.of("duplicate type names: \"A\"")))
                .isEqualTo("validation for the given custom types failed because duplicate type names: \"A\"");
    }

    @Test
    void severalProblems_bulletedLines() {
        assertThat(CustomTypesValidator.failureReason(List.of("first", "second")))
                .isEqualTo("validation for the given custom types failed for the following reasons:\n  • first\n  • second\n");
    }

    @Test
    void requireValid_throwsInvalidConfigurationAtArgs() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody(
                "{\"enums\": [{\"name\": \"E\", \"values\": [{\"value\": \"X\"}, {\"value\": \"X\"}]}]}"), ErrorPath.args());
        assertThatThrownBy(() -> VALIDATOR.requireValid(types))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
                    assertThat(e.path().toString()).isEqualTo("$.args");
                    assertThat(e.getMessage()).isEqualTo("Inconsistent object: validation for the given custom types "
                            + "failed because the enum type \"E\" has duplicate values: \"X\"");
                });
    }
}
