package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The `to_action` relationship as declared (SPEC §12): parsing, `$field` references, export. */
class ToActionRelationshipTest {
    private static ToActionRelationship parse(String json) {
        return ToActionRelationship.parse(ArgsReader.of(Json.parseBody(json), ErrorPath.args()));
    }

    @Test
    void lhsFields_derivedFromTheReferences_inOrder_nestedToo() {
        ToActionRelationship rel = parse("""
                {"name": "stats", "definition": {"to_action": {"action": "authorStats",
                  "arguments": {"filter": {"ids": ["$id", "$other_id"]}, "author_id": "$id", "label": "$"}}}}""");
        assertThat(rel.lhsFields()).containsExactly("id", "other_id");
        assertThat(rel.lhsDeclared()).isFalse();
        assertThat(rel.toJson()).isEqualTo(Json.parseBody("""
                {"name": "stats", "definition": {"to_action": {"action": "authorStats", "lhs_fields": ["id", "other_id"],
                  "arguments": {"filter": {"ids": ["$id", "$other_id"]}, "author_id": "$id", "label": "$"}}}}"""));
    }

    @Test
    void substitute_replacesReferences_keepsOtherValues() {
        JsonNode arguments = Json.parseBody("{\"filter\": {\"ids\": [\"$id\"]}, \"author_id\": \"$id\", \"limit\": 3}");
        JsonNode input = ToActionRelationship.substitute(arguments, Map.of("id", Json.MAPPER.getNodeFactory().numberNode(7)));
        assertThat(input).isEqualTo(Json.parseBody("{\"filter\": {\"ids\": [7]}, \"author_id\": 7, \"limit\": 3}"));
    }

    @Test
    void explicitLhsFields_areKept() {
        ToActionRelationship rel = parse("""
                {"name": "stats", "definition": {"to_action": {"action": "a", "lhs_fields": ["id", "name"],
                  "arguments": {"author_id": "$id"}}}}""");
        assertThat(rel.lhsFields()).isEqualTo(List.of("id", "name"));
        assertThat(rel.lhsDeclared()).isTrue();
    }

    @Test
    void toRemoteSchema_isNotSupportedOnTheChild() {
        assertThatThrownBy(() -> parse("""
                {"name": "x", "definition": {"to_remote_schema": {"remote_schema": "r", "lhs_fields": [],
                  "remote_field": {}}}}"""))
                .isInstanceOfSatisfying(JoineryException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
                    assertThat(e.getMessage()).contains("to_remote_schema");
                });
    }

    @Test
    void argumentsMustBeAnObject() {
        assertThatThrownBy(() -> parse("{\"name\": \"x\", \"definition\": {\"to_action\": {\"action\": \"a\", \"arguments\": []}}}"))
                .isInstanceOf(JoineryException.class);
    }
}
