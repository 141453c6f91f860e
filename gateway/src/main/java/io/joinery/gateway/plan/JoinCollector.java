package io.joinery.gateway.plan;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.gateway.metadata.RemoteRelationshipDef;
import io.joinery.gateway.schema.RemoteRelationship;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.Supergraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the relationship fields met while writing one level of upstream requests (the root
 * fetches, or one join's selection) into {@link JoinNode}s. The same relationship used with the
 * same alias, arguments and selection at several places is one node with several
 * paths, so it costs one request per level. A node's own selection is written here, once, by a
 * writer for the target remote whose collector yields the node's children.
 */
final class JoinCollector {
    private final Supergraph supergraph;
    private final OperationDefinition operation;
    private final Map<String, FragmentDefinition> fragments;
    private final int longestKey;
    private final Map<String, NodeBuilder> nodes = new LinkedHashMap<>();

    JoinCollector(Supergraph supergraph, OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        this(supergraph, operation, fragments, longestKey(operation, fragments));
    }

    private JoinCollector(Supergraph supergraph, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
                          int longestKey) {
        this.supergraph = supergraph;
        this.operation = operation;
        this.fragments = fragments;
        this.longestKey = longestKey;
    }

    /**
     * The longest response key anywhere in the operation. Hidden aliases are longer, so they can
     * collide with no client key, and one relationship has the same hidden fields wherever it is
     * used (which lets its uses share one node, and one request per level).
     */
    private static int longestKey(OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        int longest = longestKey(operation.getSelectionSet());
        for (FragmentDefinition fragment : fragments.values()) {
            longest = Math.max(longest, longestKey(fragment.getSelectionSet()));
        }
        return longest;
    }

    private static int longestKey(SelectionSet selectionSet) {
        int longest = 0;
        if (selectionSet == null) {
            return 0;
        }
        for (Selection<?> selection : selectionSet.getSelections()) {
            if (selection instanceof Field field) {
                longest = Math.max(longest, Math.max(field.getResultKey().length(), longestKey(field.getSelectionSet())));
            } else if (selection instanceof InlineFragment inline) {
                longest = Math.max(longest, longestKey(inline.getSelectionSet()));
            }
        }
        return longest;
    }

    private static final class NodeBuilder {
        final RemoteRelationship relationship;
        final String responseKey;
        final List<JoinKey> keys;
        final RemoteFieldTemplate template;
        final List<JoinNode> children;
        final List<ResponsePath> paths = new ArrayList<>();

        NodeBuilder(RemoteRelationship relationship, String responseKey, List<JoinKey> keys,
                    RemoteFieldTemplate template, List<JoinNode> children) {
            this.relationship = relationship;
            this.responseKey = responseKey;
            this.keys = keys;
            this.template = template;
            this.children = children;
        }
    }

    /**
     * Registers {@code field}, a use of {@code relationship} in an object reached by {@code path}.
     * Returns the hidden fields the LHS request must select.
     */
    List<JoinKey> add(RemoteRelationship relationship, Field field, List<String> path) {
        List<JoinKey> keys = new ArrayList<>();
        for (String lhsField : relationship.def().lhsFields()) {
            keys.add(new JoinKey(lhsField, hiddenAlias(lhsField, longestKey)));
        }
        String identity = relationship.id() + "\n" + AstPrinter.printAstCompact(field);
        NodeBuilder node = nodes.get(identity);
        if (node == null) {
            JoinCollector children = new JoinCollector(supergraph, operation, fragments, longestKey);
            RemoteFieldTemplate template = template(relationship, field, children);
            node = new NodeBuilder(relationship, field.getResultKey(), keys, template, children.nodes());
            nodes.put(identity, node);
        }
        ResponsePath responsePath = new ResponsePath(path);
        if (!node.paths.contains(responsePath)) {
            node.paths.add(responsePath);
        }
        return keys;
    }

    List<JoinNode> nodes() {
        return nodes.values().stream().map(n -> new JoinNode(n.relationship.id(), n.relationship.def().target(),
                n.paths, n.responseKey, n.relationship.def().typeName(), n.keys, n.template, n.children)).toList();
    }

    private RemoteFieldTemplate template(RemoteRelationship relationship, Field field, JoinCollector children) {
        RemoteSchema target = supergraph.remotes().get(relationship.def().target());
        // client variables of derived input types are declared upstream under the types they derive from
        UpstreamDocumentWriter writer = new UpstreamDocumentWriter(supergraph,
                target.names().withInputTypes(relationship.arguments().originalTypes()), fragments, children);
        List<RemoteRelationshipDef.PathLevel> levels = relationship.def().remoteField();
        List<JoinArgument.Field> arguments = JoinArguments.merge(levels.get(levels.size() - 1).arguments(),
                levels.size() - 1, field.getArguments(), relationship.arguments().positionTypes(), writer, operation);
        StringBuilder selection = new StringBuilder();
        TypenameKeys typenames = TypenameKeys.NONE;
        if (field.getSelectionSet() != null) {
            GraphQLObjectType lhs = supergraph.schema().getObjectType(relationship.lhsGatewayType());
            GraphQLFieldDefinition definition = lhs.getFieldDefinition(relationship.def().name());
            GraphQLCompositeType leaf = (GraphQLCompositeType) GraphQLTypeUtil.unwrapAll(definition.getType());
            typenames = writer.leafSelection(field.getSelectionSet(), leaf, selection);
        }
        return new RemoteFieldTemplate(relationship.def().remoteField(), arguments, selection.toString(),
                writer.variableDefinitions(operation), writer.usedVariables(operation),
                target.names().hasTypeRenames() ? typenames : TypenameKeys.NONE, relationship.enumPositions());
    }

    /** `<field>_join_column`, padded with `_` until longer than every key of the operation. */
    static String hiddenAlias(String lhsField, int longestKey) {
        StringBuilder alias = new StringBuilder(lhsField).append("_join_column");
        while (alias.length() <= longestKey) {
            alias.append('_');
        }
        return alias.toString();
    }
}
