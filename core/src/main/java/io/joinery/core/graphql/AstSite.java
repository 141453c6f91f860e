package io.joinery.core.graphql;

import graphql.language.Field;
import graphql.language.Node;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLType;
import io.joinery.core.error.ErrorPath;

/**
 * A node of the operation found at a source location, with what the schema says about it.
 *
 * <p>{@code path} is Hasura's request path to the node: `$.selectionSet.author.selectionSet.titel`
 * for a field (field names, not aliases), then `.args.where.id._eq` for argument values.
 * {@code field} is the enclosing field, {@code parentType} the type it was selected on,
 * {@code fieldDefinition} its definition (null when the field is unknown) and {@code inputType}
 * the expected type of an argument, object field or variable reference (null otherwise).
 */
record AstSite(Node<?> node, ErrorPath path, Field field, GraphQLType parentType,
               GraphQLFieldDefinition fieldDefinition, GraphQLInputType inputType) {}
