package io.joinery.child.sql;

import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ActionDefParser;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.CustomTypesParser;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.List;

/**
 * {@link LibraryFixture}'s tables plus actions: `orders` (query, `[Order!]!`, permitted to `user`)
 * and `place_order` (mutation); `Order` joins `author` (object) and `articles` (array).
 */
public final class ActionFixture {
    private ActionFixture() {}

    public static ResolvedModel model() {
        CustomTypes types = CustomTypesParser.parse(Json.parseBody("""
                {"enums": [{"name": "Status", "values": [{"value": "OPEN"}, {"value": "DONE"}]}],
                 "input_objects": [{"name": "LineInput", "fields": [{"name": "sku", "type": "String!"}]}],
                 "objects": [{"name": "Order", "fields": [{"name": "order_id", "type": "Int!"},
                    {"name": "author_id", "type": "Int"}, {"name": "status", "type": "Status"},
                    {"name": "placed_at", "type": "timestamptz"}],
                   "relationships": [
                     {"name": "author", "type": "object", "remote_table": "author", "field_mapping": {"author_id": "id"}},
                     {"name": "articles", "type": "array", "remote_table": "article",
                      "field_mapping": {"author_id": "author_id"}}]}]}"""), ErrorPath.root());
        ActionDef orders = ActionDefParser.parse(Json.parseBody("""
                {"name": "orders", "definition": {"handler": "http://h/orders", "output_type": "[Order!]!",
                 "type": "query", "arguments": [{"name": "status", "type": "Status"}]},
                 "permissions": [{"role": "user"}]}"""), ErrorPath.root());
        ActionDef placeOrder = ActionDefParser.parse(Json.parseBody("""
                {"name": "place_order", "definition": {"handler": "http://h/place", "output_type": "Order",
                 "arguments": [{"name": "lines", "type": "[LineInput!]!"}]}}"""), ErrorPath.root());
        return LibraryFixture.model().withActions(new ResolvedActions(List.of(orders, placeOrder), types));
    }
}
