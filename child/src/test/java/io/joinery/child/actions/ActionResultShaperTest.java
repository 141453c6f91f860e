package io.joinery.child.actions;

import static io.joinery.child.actions.ActionSelection.aliased;
import static io.joinery.child.actions.ActionSelection.field;
import static io.joinery.child.actions.ActionSelection.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypesParser;
import io.joinery.child.metadata.GraphqlTypeRef;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionResultShaperTest {
    private static final CustomTypes TYPES = CustomTypesParser.parse(Json.parseBody("""
            {"scalars": [{"name": "Money"}],
             "enums": [{"name": "OrderStatus", "values": [{"value": "PAID"}]}],
             "objects": [{"name": "OrderResult",
                          "fields": [{"name": "order_id", "type": "Int!"}, {"name": "author_id", "type": "Int"},
                                     {"name": "status", "type": "OrderStatus"}, {"name": "total", "type": "Money"},
                                     {"name": "data", "type": "jsonb"}, {"name": "line", "type": "Line"},
                                     {"name": "lines", "type": "[Line!]"}, {"name": "grid", "type": "[[Line]]"}],
                          "relationships": [{"name": "author", "type": "object", "remote_table": "author",
                                             "field_mapping": {"author_id": "id"}}]},
                         {"name": "Line", "fields": [{"name": "sku", "type": "String!"}, {"name": "qty", "type": "Int"}]}]}
            """), ErrorPath.args());
    private static final ActionResultShaper SHAPER = new ActionResultShaper(TYPES);

    private static String shape(String body, String type, List<ActionSelection> selection) throws Exception {
        return Json.write(SHAPER.shape(ActionResponseInterpreter.parseBody(body), GraphqlTypeRef.parse(type), selection));
    }

    @Test
    void selectionOrderAliasesTypenameAndMissingNullable() throws Exception {
        assertThat(shape("{\"author_id\": 7, \"order_id\": 1, \"ignored\": true}", "OrderResult!", List.of(
                field("__typename"), aliased("id", "order_id"), field("author_id"), aliased("again", "order_id"),
                field("status"), aliased("t", "__typename"))))
                .isEqualTo("{\"__typename\":\"OrderResult\",\"id\":1,\"author_id\":7,\"again\":1,\"status\":null,\"t\":\"OrderResult\"}");
    }

    @Test
    void scalarsEnumsCustomScalarsAndJsonPassThroughUnchanged() throws Exception {
        assertThat(shape("{\"status\": \"WHATEVER\", \"total\": {\"amount\": \"1.50\"}, \"data\": [1, {\"x\": null}], \"order_id\": 1.0}",
                "OrderResult", List.of(field("status"), field("total"), field("data"), field("order_id"))))
                .isEqualTo("{\"status\":\"WHATEVER\",\"total\":{\"amount\":\"1.50\"},\"data\":[1,{\"x\":null}],\"order_id\":1.0}");
    }

    @Test
    void nestedObjectsAndListsRecursively_nullStaysNull() throws Exception {
        List<ActionSelection> lineSelection = List.of(field("qty"), field("__typename"), field("sku"));
        assertThat(shape("""
                {"order_id": 1, "line": {"sku": "A", "extra": 1}, "lines": [{"sku": "B", "qty": 2}, null],
                 "grid": [[{"sku": "C"}], null, [null]]}
                """, "OrderResult", List.of(
                object("line", "line", lineSelection), object("ls", "lines", List.of(field("sku"))),
                object("grid", "grid", List.of(field("sku"))))))
                .isEqualTo("{\"line\":{\"qty\":null,\"__typename\":\"Line\",\"sku\":\"A\"},"
                        + "\"ls\":[{\"sku\":\"B\"},null],\"grid\":[[{\"sku\":\"C\"}],null,[null]]}");
        assertThat(shape("{\"order_id\": 1, \"line\": null}", "OrderResult", List.of(object("line", "line", lineSelection))))
                .isEqualTo("{\"line\":null}");
    }

    @Test
    void listOutput_andNullOutput() throws Exception {
        assertThat(shape("[{\"order_id\": 1}, {\"order_id\": 2, \"author_id\": 3}]", "[OrderResult!]!",
                List.of(field("author_id")))).isEqualTo("[{\"author_id\":null},{\"author_id\":3}]");
        assertThat(shape("null", "OrderResult", List.of(field("order_id")))).isEqualTo("null");
        assertThat(shape("[1, 2]", "[Int]", List.of())).isEqualTo("[1,2]");
        assertThat(shape("{\"free\": \"form\"}", "Money", List.of())).isEqualTo("{\"free\":\"form\"}");
    }

    @Test
    void relationshipFieldsAreLeftNullForTheSqlJoin_nonObjectNestedValueIsNull() throws Exception {
        assertThat(shape("{\"order_id\": 1, \"author_id\": 7, \"line\": 5}", "OrderResult", List.of(
                object("author", "author", List.of(field("name"))), object("line", "line", List.of(field("sku"))))))
                .isEqualTo("{\"author\":null,\"line\":null}");
    }
}
