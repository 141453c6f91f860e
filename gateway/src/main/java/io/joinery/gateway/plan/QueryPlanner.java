package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.node.TextNode;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import io.joinery.gateway.schema.RemoteSchema;
import io.joinery.gateway.schema.Supergraph;
import io.joinery.gateway.schema.SupergraphBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated operation into a {@link QueryPlan}. Pure: no I/O, no per-request values, so
 * plans are cached.
 *
 * <p>Design note.
 * <ol>
 *   <li>Walk the root selection set in document order, flattening fragments; `@skip` / `@include`
 *       met on the way are kept (forwarded upstream as directive-only inline fragments, and
 *       evaluated by the merger for what the gateway answers itself).</li>
 *   <li>Each remote root field goes to a fetch of its remote: for a query, ONE fetch per remote;
 *       for a mutation, a new fetch whenever the remote changes, so fields run in document order
 *       and consecutive fields of one remote share a request (SPEC §0.2).</li>
 *   <li>The upstream text uses the remote's own names; aliases are the client's response keys, so
 *       the answer needs no re-keying (only `__typename` values are translated).</li>
 *   <li>`__typename` of root and namespace types, `__schema`, `__type` are answered locally.</li>
 *   <li>A remote relationship field becomes a hidden placeholder `<key>_join_field: __typename`
 *       plus hidden join fields in its parent's request, and a {@link JoinNode} (SPEC §5.3) whose
 *       {@link ResponsePath} records the fragment type conditions of every level above it (a
 *       hidden `__typename` is selected where there is one); the client's selection of the
 *       relationship is written for the target remote, and the relationships inside it become the
 *       node's children (the next level).</li>
 *   <li>The supergraph is the role's (SPEC §10.4): its remotes are the role's views, whose argument
 *       presets are written into every field (and join path level) that has them; session variable
 *       presets become upstream variables named once per plan ({@link PresetVariables}), listed in
 *       {@link QueryPlan#sessionPresets} and valued from each request's session.</li>
 * </ol>
 * Invariants: the entries list has one entry per distinct client response key, in selection
 * order; hidden aliases come from one {@link HiddenAliases} per plan, unique within it, and the
 * plan's {@link HiddenFields} says which relationship each hidden field serves (so the executor
 * never works that out per request).
 */
public final class QueryPlanner {

    public QueryPlan plan(Supergraph supergraph, OperationDefinition operation,
                          Map<String, FragmentDefinition> fragments) {
        return new Walk(supergraph, operation, fragments).run();
    }

    private static final class Walk {
        private final Supergraph supergraph;
        private final OperationDefinition operation;
        private final Map<String, FragmentDefinition> fragments;
        private final boolean mutation;
        private final GraphQLObjectType root;
        private final List<String> fetchRemotes = new ArrayList<>();
        private final List<UpstreamDocumentWriter> writers = new ArrayList<>();
        private final Map<String, Integer> queryFetchByRemote = new LinkedHashMap<>();
        private final Map<String, Object> entries = new LinkedHashMap<>();
        private final JoinCollector joins;

        Walk(Supergraph supergraph, OperationDefinition operation, Map<String, FragmentDefinition> fragments) {
            this.supergraph = supergraph;
            this.operation = operation;
            this.fragments = fragments;
            this.mutation = operation.getOperation() == OperationDefinition.Operation.MUTATION;
            this.root = mutation ? supergraph.schema().getMutationType() : supergraph.schema().getQueryType();
            this.joins = new JoinCollector(supergraph, operation, fragments);
        }

        QueryPlan run() {
            rootSelections(operation.getSelectionSet(), List.of());
            List<RootFetch> roots = new ArrayList<>();
            for (int i = 0; i < writers.size(); i++) {
                roots.add(writers.get(i).finish(fetchRemotes.get(i), operation));
            }
            List<JoinNode> joinTree = joins.nodes();
            return new QueryPlan(mutation, roots, entries.values().stream().map(Walk::freeze).toList(), joinTree,
                    HiddenFields.of(joinTree), joins.presetVariables().all());
        }

        private void rootSelections(SelectionSet selectionSet, List<List<Directive>> wrappers) {
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field field) {
                    rootField(field, wrappers);
                } else if (selection instanceof InlineFragment inline) {
                    rootSelections(inline.getSelectionSet(), with(wrappers, inline.getDirectives()));
                } else if (selection instanceof FragmentSpread spread) {
                    rootSelections(fragments.get(spread.getName()).getSelectionSet(),
                            with(wrappers, spread.getDirectives()));
                }
            }
        }

        private void rootField(Field field, List<List<Directive>> wrappers) {
            String key = field.getResultKey();
            List<List<Directive>> path = with(wrappers, field.getDirectives());
            switch (field.getName()) {
                case "__typename" -> entries.putIfAbsent(key,
                        new RootEntry.Constant(key, TextNode.valueOf(root.getName()), conditions(path)));
                case "__schema", "__type" -> entries.putIfAbsent(key, new RootEntry.Introspection(key, conditions(path)));
                case SupergraphBuilder.PLACEHOLDER_FIELD -> entries.putIfAbsent(key,
                        new RootEntry.Constant(key, TextNode.valueOf(""), conditions(path)));
                default -> {
                    RemoteSchema remote = supergraph.owner(mutation, field.getName()).orElseThrow(
                            () -> new IllegalStateException("no remote owns root field " + field.getName()));
                    if (field.getName().equals(remote.names().namespace())) {
                        namespaceField(remote, key, field, path);
                    } else {
                        Object entry = remoteField(remote, key, key, field, root, wrappers, ClientPath.of(key));
                        entries.putIfAbsent(key, entry);
                    }
                }
            }
        }

        private void namespaceField(RemoteSchema remote, String key, Field field, List<List<Directive>> path) {
            NamespaceBuilder namespace = (NamespaceBuilder) entries.computeIfAbsent(key,
                    k -> new NamespaceBuilder(key, remote.name(), conditions(path)));
            GraphQLObjectType type = (GraphQLObjectType) GraphQLTypeUtil.unwrapAll(
                    root.getFieldDefinition(field.getName()).getType());
            namespaceSelections(remote, namespace, type, field.getSelectionSet(), path);
        }

        private void namespaceSelections(RemoteSchema remote, NamespaceBuilder namespace, GraphQLObjectType type,
                                         SelectionSet selectionSet, List<List<Directive>> wrappers) {
            for (Selection<?> selection : selectionSet.getSelections()) {
                if (selection instanceof Field inner) {
                    String innerKey = inner.getResultKey();
                    if (inner.getName().equals("__typename")) {
                        namespace.entries.putIfAbsent(innerKey, new RootEntry.Constant(innerKey,
                                TextNode.valueOf(type.getName()), conditions(with(wrappers, inner.getDirectives()))));
                        continue;
                    }
                    String upstreamKey = namespace.responseKey.equals(remote.names().namespace())
                            ? innerKey : namespace.responseKey + "__" + innerKey;
                    namespace.entries.putIfAbsent(innerKey,
                            remoteField(remote, innerKey, upstreamKey, inner, type, wrappers,
                                    ClientPath.of(namespace.responseKey, innerKey)));
                } else if (selection instanceof InlineFragment inline) {
                    namespaceSelections(remote, namespace, type, inline.getSelectionSet(),
                            with(wrappers, inline.getDirectives()));
                } else if (selection instanceof FragmentSpread spread) {
                    namespaceSelections(remote, namespace, type, fragments.get(spread.getName()).getSelectionSet(),
                            with(wrappers, spread.getDirectives()));
                }
            }
        }

        private RootEntry.Remote remoteField(RemoteSchema remote, String key, String upstreamKey, Field field,
                                             GraphQLFieldsContainer parent, List<List<Directive>> wrappers,
                                             ClientPath clientPath) {
            int fetch = fetchFor(remote);
            TypenameKeys keys = writers.get(fetch).addRootField(upstreamKey, field, parent, wrappers, clientPath);
            boolean conditional = !conditions(with(wrappers, field.getDirectives())).isEmpty();
            boolean nonNull = parent.getFieldDefinition(field.getName()).getType() instanceof GraphQLNonNull;
            TypenameKeys typenames = remote.names().hasTypeRenames()
                    ? keys.children().getOrDefault(upstreamKey, TypenameKeys.NONE) : TypenameKeys.NONE;
            return new RootEntry.Remote(key, fetch, upstreamKey, nonNull, conditional, typenames);
        }

        private int fetchFor(RemoteSchema remote) {
            if (mutation) {
                int last = fetchRemotes.size() - 1;
                if (last >= 0 && fetchRemotes.get(last).equals(remote.name())) {
                    return last;
                }
                return newFetch(remote);
            }
            Integer existing = queryFetchByRemote.get(remote.name());
            if (existing != null) {
                return existing;
            }
            int index = newFetch(remote);
            queryFetchByRemote.put(remote.name(), index);
            return index;
        }

        private int newFetch(RemoteSchema remote) {
            fetchRemotes.add(remote.name());
            writers.add(new UpstreamDocumentWriter(supergraph, remote, remote.names(), fragments, joins));
            return writers.size() - 1;
        }

        private List<Condition> conditions(List<List<Directive>> path) {
            List<Condition> out = new ArrayList<>();
            path.forEach(directives -> out.addAll(Condition.of(directives, operation)));
            return out;
        }

        private static List<List<Directive>> with(List<List<Directive>> wrappers, List<Directive> directives) {
            List<List<Directive>> out = new ArrayList<>(wrappers);
            out.add(directives);
            return out;
        }

        private static RootEntry freeze(Object entry) {
            if (entry instanceof NamespaceBuilder namespace) {
                return new RootEntry.Namespace(namespace.responseKey, namespace.remote,
                        namespace.entries.values().stream().toList(), namespace.conditions);
            }
            return (RootEntry) entry;
        }
    }

    /** A namespace entry while its fields are being collected (the same key may appear twice). */
    private static final class NamespaceBuilder {
        final String responseKey;
        final String remote;
        final List<Condition> conditions;
        final Map<String, RootEntry> entries = new LinkedHashMap<>();

        NamespaceBuilder(String responseKey, String remote, List<Condition> conditions) {
            this.responseKey = responseKey;
            this.remote = remote;
            this.conditions = conditions;
        }
    }
}
