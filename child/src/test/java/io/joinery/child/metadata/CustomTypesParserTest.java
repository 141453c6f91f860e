package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.RelationshipKind;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomTypesParserTest {

    /** The exported (canonical) form: parse then export gives the same JSON, key order included. */
    static final String CANONICAL = """
            {"input_objects": [{"name": "LineInput", "fields": [{"name": "sku", "type": "String!"},
                                                              {"name": "qty", "type": "Int!", "description": "how many"}],
                                "description": "one line"}],
             "objects": [{"name": "OrderResult",
                          "fields": [{"name": "order_id", "type": "Int!"}, {"name": "author_id", "type": "Int"},
                                     {"name": "status", "type": "OrderStatus"}, {"name": "total", "type": "Money"},
                                     {"name": "lines", "type": "[Line!]"}],
                          "description": "the result",
                          "relationships": [
                            {"name": "author", "type": "object", "source": "default",
                             "remote_table": {"schema": "public", "name": "author"}, "field_mapping": {"author_id": "id"}},
                            {"name": "articles", "type": "array", "source": "default",
                             "remote_table": {"schema": "blog", "name": "article"},
                             "field_mapping": {"author_id": "author_id", "order_id": "order_id"}}]},
                         {"name": "Line", "fields": [{"name": "sku", "type": "String!"}, {"name": "qty", "type": "Int!"}]}],
             "scalars": [{"name": "Money", "description": "decimal as string"}, {"name": "Plain"}],
             "enums": [{"name": "OrderStatus", "values": [{"value": "PENDING"},
                                                        {"value": "PAID", "description": "done", "is_deprecated": false}],
                        "description": "status"}]}
            """;

    @Test
    void parseThenExport_isIdentical() {
        JsonNode input = Json.parseBody(CANONICAL);
        CustomTypes types = CustomTypesParser.parse(input, ErrorPath.args());
        assertThat(Json.write(types.toJson())).isEqualTo(Json.write(input));
    }

    @Test
    void parsesSpecExample_shortTableAndDefaultSource() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody("""
                {"objects": [{"name": "OrderResult", "fields": [{"name": "author_id", "type": "Int"}],
                  "relationships": [{"name": "author", "type": "object", "remote_table": "author",
                                     "field_mapping": {"author_id": "id"}}]}]}
                """), ErrorPath.args());
        ObjectDef object = types.object("OrderResult").orElseThrow();
        TypeRelationshipDef relationship = object.relationship("author").orElseThrow();
        assertThat(relationship).isEqualTo(new TypeRelationshipDef("author", RelationshipKind.OBJECT, "default",
                QualifiedTable.publicTable("author"), Map.of("author_id", "id")));
        assertThat(Json.write(relationship.toJson())).isEqualTo(
                "{\"name\":\"author\",\"type\":\"object\",\"source\":\"default\","
                        + "\"remote_table\":{\"schema\":\"public\",\"name\":\"author\"},\"field_mapping\":{\"author_id\":\"id\"}}");
    }

    @Test
    void omittedKeysAreEmptyLists_andEmptyExportsAsEmptyObject() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody("{}"), ErrorPath.args());
        assertThat(types.isEmpty()).isTrue();
        assertThat(Json.write(types.toJson())).isEqualTo("{}");
    }

    @Test
    void objectFieldWithArguments_isRecordedForValidation() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody(
                "{\"objects\": [{\"name\": \"O\", \"fields\": [{\"name\": \"f\", \"type\": \"Int\", \"arguments\": {}}]}]}"),
                ErrorPath.args());
        assertThat(types.objects().get(0).fields().get(0).hasArguments()).isTrue();
    }

    @Test
    void missingFieldType_isParseFailedAtTheField() {
        assertThatThrownBy(() -> CustomTypesParser.parse(Json.parseBody(
                "{\"objects\": [{\"name\": \"O\", \"fields\": [{\"name\": \"f\"}]}]}"), ErrorPath.args()))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PARSE_FAILED);
                    assertThat(e.getMessage()).isEqualTo("key \"type\" not found");
                    assertThat(e.path().toString()).isEqualTo("$.args.objects[0].fields[0]");
                });
    }

    @Test
    void badTypeString_isParseFailedAtTheType() {
        assertThatThrownBy(() -> CustomTypesParser.parse(Json.parseBody(
                "{\"input_objects\": [{\"name\": \"I\", \"fields\": [{\"name\": \"f\", \"type\": \"[Int\"}]}]}"),
                ErrorPath.args()))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("\"[Int\" is not a valid GraphQL type");
                    assertThat(e.path().toString()).isEqualTo("$.args.input_objects[0].fields[0].type");
                });
    }

    @Test
    void unknownRelationshipType_isParseFailed() {
        assertThatThrownBy(() -> CustomTypesParser.parse(Json.parseBody("""
                {"objects": [{"name": "O", "fields": [{"name": "id", "type": "Int"}],
                  "relationships": [{"name": "r", "type": "many", "remote_table": "t", "field_mapping": {"id": "id"}}]}]}
                """), ErrorPath.args()))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("expected \"object\" or \"array\", but encountered \"many\"");
                    assertThat(e.path().toString()).isEqualTo("$.args.objects[0].relationships[0].type");
                });
    }

    @Test
    void listsMustBeArrays() {
        assertThatThrownBy(() -> CustomTypesParser.parse(Json.parseBody("{\"scalars\": {}}"), ErrorPath.args()))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("expected Array, but encountered Object");
                    assertThat(e.path().toString()).isEqualTo("$.args.scalars");
                });
    }
}
