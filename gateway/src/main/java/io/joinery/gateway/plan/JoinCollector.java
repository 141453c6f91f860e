package io.joinery.gateway.plan;

import graphql.language.AstPrinter;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLType;
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
    private final HiddenAliases aliases;
    private final PresetVariables presetVariables;
    private final Map<String, NodeBuilder> nodes = new LinkedHashMap<>();

    JoinCollector(Supergraph supergraph, OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
        this(supergraph, operation, fragments, HiddenAliases.of(operation, fragments), new PresetVariables(operation));
    }

    private JoinCollector(Supergraph supergraph, OperationDefinition operation, Map<String, FragmentDefinition> fragments,
                          HiddenAliases aliases, PresetVariables presetVariables) {
        this.supergraph = supergraph;
        this.operation = operation;
        this.fragments = fragments;
        this.aliases = aliases;
        this.presetVariables = presetVariables;
    }

    /** The operation's hidden aliases (one set for the whole plan, so they are unique in it). */
    HiddenAliases aliases() {
        return aliases;
    }

    /** The plan's session variable presets (one set for the whole plan, SPEC §10.4). */
    PresetVariables presetVariables() {
        return presetVariables;
    }

    private static final class NodeBuilder {
        final RemoteRelationship relationship;
        final String responseKey;
        final String placeholder;
        final List<JoinKey> keys;
        final RemoteFieldTemplate template;
        final List<JoinNode> children;
        final List<ResponsePath> paths = new ArrayList<>();

        NodeBuilder(RemoteRelationship relationship, String responseKey, String placeholder, List<JoinKey> keys,
                    RemoteFieldTemplate template, List<JoinNode> children) {
            this.relationship = relationship;
            this.responseKey = responseKey;
            this.placeholder = placeholder;
            this.keys = keys;
            this.template = template;
            this.children = children;
        }
    }

    /**
     * Registers {@code field}, a use of {@code relationship} in an object reached by {@code path}.
     * Returns the node's hidden placeholder and join columns, which the LHS request must select.
     */
    Hidden add(RemoteRelationship relationship, Field field, ResponsePath path) {
        List<JoinKey> keys = new ArrayList<>();
        for (String lhsField : relationship.def().lhsFields()) {
            keys.add(new JoinKey(lhsField, aliases.joinColumn(relationship.def().typeName(), lhsField)));
        }
        String identity = relationship.id() + "\n" + AstPrinter.printAstCompact(field);
        NodeBuilder node = nodes.get(identity);
        if (node == null) {
            JoinCollector children = new JoinCollector(supergraph, operation, fragments, aliases, presetVariables);
            RemoteFieldTemplate template = template(relationship, field, children);
            node = new NodeBuilder(relationship, field.getResultKey(), aliases.placeholder(field.getResultKey()), keys,
                    template, children.nodes());
            nodes.put(identity, node);
        }
        if (!node.paths.contains(path)) {
            node.paths.add(path);
        }
        return new Hidden(node.placeholder, keys);
    }

    /** What a relationship field becomes in the LHS request: `placeholder: __typename` and the join columns. */
    record Hidden(String placeholder, List<JoinKey> keys) {}

    List<JoinNode> nodes() {
        return nodes.values().stream().map(n -> new JoinNode(n.relationship.id(), n.relationship.def().target(),
                n.paths, n.responseKey, n.placeholder, n.relationship.def().typeName(), n.keys,
                n.paths.stream().anyMatch(ResponsePath::hasTypeConditions) ? aliases.typename() : null,
                n.template, n.children)).toList();
    }

    private RemoteFieldTemplate template(RemoteRelationship relationship, Field field, JoinCollector children) {
        RemoteSchema target = supergraph.remotes().get(relationship.def().target());
        // client variables of derived input types are declared upstream under the types they derive from
        UpstreamDocumentWriter writer = new UpstreamDocumentWriter(supergraph, target,
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
        List<String> presets = levelPresets(target, levels, writer);
        return new RemoteFieldTemplate(relationship.def().remoteField(), arguments, selection.toString(),
                writer.variableDefinitions(operation), writer.usedVariables(operation),
                target.names().hasTypeRenames() ? typenames : TypenameKeys.NONE, relationship.valueTypes(), presets);
    }

    /**
     * The role's argument presets of each `remote_field` level (SPEC §10.4: they apply to join
     * requests too), written by {@code writer}, which so declares their session variables.
     */
    private static List<String> levelPresets(RemoteSchema target, List<RemoteRelationshipDef.PathLevel> levels,
                                             UpstreamDocumentWriter writer) {
        List<String> out = new ArrayList<>();
        GraphQLFieldsContainer parent = target.original().getQueryType();
        for (RemoteRelationshipDef.PathLevel level : levels) {
            out.add(parent == null ? "" : writer.presetArguments(parent.getName(), level.field()));
            GraphQLFieldDefinition field = parent == null ? null : parent.getFieldDefinition(level.field());
            GraphQLType next = field == null ? null : GraphQLTypeUtil.unwrapAll(field.getType());
            parent = next instanceof GraphQLFieldsContainer container ? container : null;
        }
        return out;
    }
}
