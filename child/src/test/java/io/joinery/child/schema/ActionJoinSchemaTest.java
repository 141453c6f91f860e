package io.joinery.child.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedToAction;
import io.joinery.child.metadata.ToActionJoins;
import io.joinery.child.sql.ActionFixture;
import io.joinery.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * `to_action` relationship fields in a role's schema (SPEC §12): the target's output type, a list
 * when it returns one, nullable at the outer level, no arguments, only for roles that may call it.
 */
class ActionJoinSchemaTest {
    private static final ResolvedModel MODEL = model();

    /** {@link ActionFixture} with `author.recentOrders` and `Order.again`, both -> `orders` (`[Order!]!`, role user). */
    private static ResolvedModel model() {
        ResolvedModel base = ActionFixture.model();
        ActionDef orders = base.actions().action("orders").orElseThrow();
        ActionDef placeOrder = base.actions().action("place_order").orElseThrow()
                .withPermissions(List.of(new ActionDef.Permission("writer", null)));
        ToActionJoins joins = ToActionJoins.of(List.of(
                new ResolvedToAction("author", "recentOrders", true, orders, List.of("id"), Json.object()),
                new ResolvedToAction("Order", "again", false, orders, List.of("order_id"), Json.object())));
        return base.withActions(new ResolvedActions(List.of(orders, placeOrder), base.actions().customTypes(), joins));
    }

    private static GraphQLFieldDefinition field(GraphQLSchema schema, String type, String field) {
        GraphQLObjectType object = (GraphQLObjectType) schema.getType(type);
        return object == null ? null : object.getFieldDefinition(field);
    }

    @Test
    void tableAndOutputType_listTarget_nullableOuterType_noArguments() {
        GraphQLSchema schema = ChildSchemaBuilder.build(MODEL, "admin");
        GraphQLFieldDefinition recent = field(schema, "author", "recentOrders");
        assertThat(GraphQLTypeUtil.simplePrint(recent.getType())).isEqualTo("[Order!]");
        assertThat(recent.getArguments()).isEmpty();
        assertThat(GraphQLTypeUtil.simplePrint(field(schema, "Order", "again").getType())).isEqualTo("[Order!]");
    }

    @Test
    void onlyRolesThatMayCallTheTarget_seeTheField() {
        assertThat(field(ChildSchemaBuilder.build(MODEL, "user"), "Order", "again")).isNotNull();
        GraphQLSchema writer = ChildSchemaBuilder.build(MODEL, "writer");
        assertThat(writer.getType("Order")).as("place_order returns Order").isNotNull();
        assertThat(field(writer, "Order", "again")).isNull();
    }
}
