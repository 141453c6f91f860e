package io.joinery.child.schema;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.child.metadata.ActionDefParser;
import io.joinery.child.metadata.CustomTypes;
import io.joinery.child.metadata.ResolvedActions;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.sql.ActionFixture;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Action root fields and custom types in a role's schema (SPEC §3.3, §0.3). */
class ActionSchemaTest {
    private static final ResolvedModel MODEL = ActionFixture.model();

    @Test
    void admin_queryActionOnQueryRoot_mutationActionOnMutationRoot() {
        GraphQLSchema schema = ChildSchemaBuilder.build(MODEL, "admin");
        GraphQLFieldDefinition orders = schema.getQueryType().getFieldDefinition("orders");
        assertThat(GraphQLTypeUtil.simplePrint(orders.getType())).isEqualTo("[Order!]!");
        assertThat(GraphQLTypeUtil.simplePrint(orders.getArgument("status").getType())).isEqualTo("Status");
        assertThat(schema.getQueryType().getFieldDefinition("author")).isNotNull();
        GraphQLFieldDefinition place = schema.getMutationType().getFieldDefinition("place_order");
        assertThat(GraphQLTypeUtil.simplePrint(place.getArgument("lines").getType())).isEqualTo("[LineInput!]!");
        assertThat(schema.getQueryType().getFieldDefinition("place_order")).isNull();
    }

    @Test
    void relationshipFields_areNullable_arraysTakeSelectArguments() {
        GraphQLObjectType order = (GraphQLObjectType) ChildSchemaBuilder.build(MODEL, "admin").getType("Order");
        assertThat(order.getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
                .containsExactly("order_id", "author_id", "status", "placed_at", "author", "articles", "articles_aggregate");
        assertThat(GraphQLTypeUtil.simplePrint(order.getFieldDefinition("articles_aggregate").getType()))
                .as("nullable, SPEC §0.3").isEqualTo("article_aggregate");
        assertThat(GraphQLTypeUtil.simplePrint(order.getFieldDefinition("author").getType())).isEqualTo("author");
        GraphQLFieldDefinition articles = order.getFieldDefinition("articles");
        assertThat(articles.getType()).isInstanceOf(GraphQLList.class);
        assertThat(((GraphQLList) articles.getType()).getWrappedType()).isInstanceOf(GraphQLNonNull.class);
        assertThat(articles.getArguments()).extracting(a -> a.getName())
                .containsExactly("distinct_on", "limit", "offset", "order_by", "where");
        assertThat(GraphQLTypeUtil.simplePrint(order.getFieldDefinition("placed_at").getType())).isEqualTo("timestamptz");
    }

    @Test
    void otherRole_seesPermittedActionsOnly_withoutTableRelationships() {
        GraphQLSchema schema = ChildSchemaBuilder.build(MODEL, "user");
        assertThat(schema.getQueryType().getFieldDefinitions()).extracting(GraphQLFieldDefinition::getName)
                .containsExactly("orders");
        assertThat(schema.getMutationType()).isNull();
        GraphQLObjectType order = (GraphQLObjectType) schema.getType("Order");
        assertThat(order.getFieldDefinition("author")).isNull();
        assertThat(schema.getType("LineInput")).isNull();
        assertThat(ChildSchemaBuilder.build(MODEL, "nobody").getQueryType().getFieldDefinition(
                ChildSchemaBuilder.NO_QUERIES_FIELD)).isNotNull();
    }

    @Test
    void onlyMutationActions_queryRootKeepsNoQueriesAvailable() {
        ResolvedModel model = ResolvedModel.EMPTY.withActions(new ResolvedActions(List.of(ActionDefParser.parse(Json.parseBody(
                "{\"name\": \"ping\", \"definition\": {\"handler\": \"http://h\", \"output_type\": \"String!\"}}"),
                ErrorPath.root())), CustomTypes.empty()));
        GraphQLSchema schema = ChildSchemaBuilder.build(model, "admin");
        assertThat(schema.getQueryType().getFieldDefinition(ChildSchemaBuilder.NO_QUERIES_FIELD)).isNotNull();
        assertThat(schema.getMutationType().getFieldDefinition("ping")).isNotNull();
    }

    @Test
    void asyncAction_mutationReturnsUuid_queryFieldOfTheSameNameReadsTheResult() {
        ResolvedModel model = MODEL.withActions(new ResolvedActions(List.of(ActionDefParser.parse(Json.parseBody("""
                {"name": "place_later", "definition": {"handler": "http://h", "output_type": "Order!",
                 "kind": "asynchronous", "arguments": [{"name": "author_id", "type": "Int!"}]},
                 "permissions": [{"role": "user"}]}"""), ErrorPath.root())), MODEL.actions().customTypes()));
        GraphQLSchema schema = ChildSchemaBuilder.build(model, "admin");
        GraphQLFieldDefinition submit = schema.getMutationType().getFieldDefinition("place_later");
        assertThat(GraphQLTypeUtil.simplePrint(submit.getType())).isEqualTo("uuid!");
        assertThat(GraphQLTypeUtil.simplePrint(submit.getArgument("author_id").getType())).isEqualTo("Int!");
        GraphQLFieldDefinition read = schema.getQueryType().getFieldDefinition("place_later");
        assertThat(read.getArguments()).extracting(a -> a.getName() + ": " + GraphQLTypeUtil.simplePrint(a.getType()))
                .containsExactly("id: uuid!");
        assertThat(GraphQLTypeUtil.simplePrint(read.getType())).isEqualTo("place_later");
        GraphQLObjectType result = (GraphQLObjectType) schema.getType("place_later");
        assertThat(result.getFieldDefinitions()).extracting(f -> f.getName() + ": " + GraphQLTypeUtil.simplePrint(f.getType()))
                .as("output nullable: null until the call completes")
                .containsExactly("id: uuid!", "created_at: timestamptz!", "errors: json", "output: Order");
        GraphQLSchema user = ChildSchemaBuilder.build(model, "user");
        assertThat(user.getQueryType().getFieldDefinition("place_later")).isNotNull();
        assertThat(user.getMutationType().getFieldDefinition("place_later")).isNotNull();
        assertThat(ChildSchemaBuilder.build(model, "nobody").getMutationType()).isNull();
    }
}
