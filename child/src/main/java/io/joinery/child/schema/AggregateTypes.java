package io.joinery.child.schema;

import static graphql.schema.GraphQLArgument.newArgument;
import static graphql.schema.GraphQLFieldDefinition.newFieldDefinition;
import static graphql.schema.GraphQLInputObjectField.newInputObjectField;

import graphql.Scalars;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLTypeReference;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.metadata.ResolvedTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The aggregate types of one table (SPEC §2.2), for `author_aggregate` and `articles_aggregate`:
 *
 * <pre>
 * type author_aggregate { aggregate: author_aggregate_fields  nodes: [author!]! }
 * type author_aggregate_fields { avg: author_avg_fields  count(columns, distinct): Int!  max: ... }
 * input author_aggregate_bool_exp { count: author_aggregate_bool_exp_count }
 * input author_aggregate_order_by { avg: author_avg_order_by  count: order_by  max: ... }
 * </pre>
 *
 * Per-function types exist only when some column qualifies ({@link AggregateFunction#appliesTo}).
 */
final class AggregateTypes {
    private final ScalarTypes scalars;

    AggregateTypes(ScalarTypes scalars) {
        this.scalars = scalars;
    }

    List<GraphQLNamedType> of(ResolvedTable table) {
        TableGraphqlNames names = TableGraphqlNames.of(table);
        String described = TableGraphqlNames.describe(table);
        List<ResolvedColumn> columns = ChildSchemaBuilder.exposedColumns(table);
        List<GraphQLNamedType> out = new ArrayList<>();
        GraphQLTypeReference direction = GraphQLTypeReference.typeRef(OrderDirection.ENUM_NAME);

        out.add(GraphQLObjectType.newObject().name(names.aggregateType())
                .description("aggregated selection of \"" + described + "\"")
                .field(newFieldDefinition().name("aggregate").type(GraphQLTypeReference.typeRef(names.aggregateFields())))
                .field(newFieldDefinition().name("nodes").type(GraphQLNonNull.nonNull(GraphQLList.list(
                        GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.objectType()))))))
                .build());

        GraphQLObjectType.Builder fields = GraphQLObjectType.newObject().name(names.aggregateFields())
                .description("aggregate fields of \"" + described + "\"");
        GraphQLInputObjectType.Builder orderBy = GraphQLInputObjectType.newInputObject().name(names.aggregateOrderBy())
                .description("order by aggregate values of table \"" + described + "\"");
        for (AggregateFunction function : AggregateFunction.values()) {
            if (function == AggregateFunction.MAX) {
                fields.field(count(names));
                orderBy.field(newInputObjectField().name("count").type(direction));
            }
            List<ResolvedColumn> applicable = columns.stream().filter(c -> function.appliesTo(c.type())).toList();
            if (applicable.isEmpty()) {
                continue;
            }
            GraphQLObjectType.Builder perColumn = GraphQLObjectType.newObject().name(names.functionFields(function))
                    .description("aggregate " + function.graphqlName() + " on columns");
            GraphQLInputObjectType.Builder perColumnOrder = GraphQLInputObjectType.newInputObject()
                    .name(names.functionOrderBy(function))
                    .description("order by " + function.graphqlName() + "() on columns of table \"" + described + "\"");
            for (ResolvedColumn column : applicable) {
                GraphQLOutputType type = function.keepsType() ? scalars.scalar(column.type())
                        : scalars.scalar(ScalarTypes.FLOAT);
                perColumn.field(newFieldDefinition().name(column.name()).type(type));
                perColumnOrder.field(newInputObjectField().name(column.name()).type(direction));
            }
            out.add(perColumn.build());
            out.add(perColumnOrder.build());
            fields.field(newFieldDefinition().name(function.graphqlName())
                    .type(GraphQLTypeReference.typeRef(names.functionFields(function))));
            orderBy.field(newInputObjectField().name(function.graphqlName())
                    .type(GraphQLTypeReference.typeRef(names.functionOrderBy(function))));
        }
        out.add(fields.build());
        out.add(orderBy.build());

        out.add(GraphQLInputObjectType.newInputObject().name(names.aggregateBoolExp())
                .field(newInputObjectField().name("count").type(GraphQLTypeReference.typeRef(names.aggregateBoolExpCount())))
                .build());
        out.add(GraphQLInputObjectType.newInputObject().name(names.aggregateBoolExpCount())
                .field(newInputObjectField().name("arguments").type(GraphQLList.list(
                        GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.selectColumn())))))
                .field(newInputObjectField().name("distinct").type(Scalars.GraphQLBoolean))
                .field(newInputObjectField().name("filter").type(GraphQLTypeReference.typeRef(names.boolExp())))
                .field(newInputObjectField().name("predicate")
                        .type(GraphQLNonNull.nonNull(scalars.comparisonExp(ScalarTypes.INT))))
                .build());
        return out;
    }

    private static graphql.schema.GraphQLFieldDefinition count(TableGraphqlNames names) {
        return newFieldDefinition().name("count")
                .argument(newArgument().name("columns").type(GraphQLList.list(
                        GraphQLNonNull.nonNull(GraphQLTypeReference.typeRef(names.selectColumn())))))
                .argument(newArgument().name("distinct").type(Scalars.GraphQLBoolean))
                .type(GraphQLNonNull.nonNull(Scalars.GraphQLInt))
                .build();
    }
}
