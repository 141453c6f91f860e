package io.joinery.child.schema;

import static graphql.schema.GraphQLInputObjectField.newInputObjectField;

import graphql.Scalars;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import io.joinery.child.db.PgType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The scalars and `<Scalar>_comparison_exp` inputs of one schema build: one instance per name, as
 * graphql-java requires, shared by the query, aggregate and mutation parts of the schema.
 */
final class ScalarTypes {
    /** `Int`, for counts and their comparison (`Int_comparison_exp`). */
    static final PgType INT = new PgType("int4", "integer", 'N');
    /** `Float`, the output of avg/stddev/variance aggregates. */
    static final PgType FLOAT = new PgType("float4", "real", 'N');

    private static final Set<String> BUILT_IN_SCALARS = Set.of("Int", "Float", "String", "Boolean");

    private final Map<String, GraphQLScalarType> scalars = new LinkedHashMap<>();
    private final Map<String, GraphQLInputObjectType> comparisons = new LinkedHashMap<>();

    /** The scalar for a column type. */
    GraphQLScalarType scalar(PgType type) {
        return named(type.graphqlScalar());
    }

    /** A scalar by GraphQL name: a built-in one, or a pass-through scalar named after a Postgres type. */
    GraphQLScalarType named(String name) {
        if (name.equals("ID")) {
            return Scalars.GraphQLID;
        }
        if (BUILT_IN_SCALARS.contains(name)) {
            return switch (name) {
                case "Int" -> Scalars.GraphQLInt;
                case "Float" -> Scalars.GraphQLFloat;
                case "Boolean" -> Scalars.GraphQLBoolean;
                default -> Scalars.GraphQLString;
            };
        }
        return scalars.computeIfAbsent(name, PassThroughScalar::named);
    }

    /** `<Scalar>_comparison_exp` with the operators {@link ComparisonOperator#forType} gives the type. */
    GraphQLInputObjectType comparisonExp(PgType type) {
        String scalarName = type.graphqlScalar();
        String name = TableGraphqlNames.comparisonExp(scalarName);
        GraphQLInputObjectType existing = comparisons.get(name);
        if (existing != null) {
            return existing;
        }
        GraphQLInputType scalar = scalar(type);
        GraphQLInputObjectType.Builder exp = GraphQLInputObjectType.newInputObject().name(name)
                .description("Boolean expression to compare columns of type \"" + scalarName
                        + "\". All fields are combined with logical 'AND'.");
        for (ComparisonOperator op : ComparisonOperator.forType(type)) {
            GraphQLInputType operand = switch (op.operand()) {
                case SAME -> scalar;
                case LIST -> GraphQLList.list(GraphQLNonNull.nonNull(scalar));
                case BOOLEAN -> Scalars.GraphQLBoolean;
                case TEXT -> Scalars.GraphQLString;
                case TEXT_LIST -> GraphQLList.list(GraphQLNonNull.nonNull(Scalars.GraphQLString));
            };
            exp.field(newInputObjectField().name(op.graphqlName()).type(operand));
        }
        GraphQLInputObjectType built = exp.build();
        comparisons.put(name, built);
        return built;
    }
}
