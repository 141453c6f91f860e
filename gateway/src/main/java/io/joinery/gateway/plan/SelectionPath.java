package io.joinery.gateway.plan;

import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import io.joinery.gateway.schema.RemoteNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where an {@link UpstreamDocumentWriter} is in the response while it writes: one level per object
 * value from the base value down to the selection set being written, each with the object types
 * the enclosing fragments admit there. A relationship field met on the way gets its
 * {@link ResponsePath} from here; a level where that path has a type condition is marked, and the
 * writer then selects the hidden `__typename` in that level's selection set.
 *
 * <pre>
 * objects {                    level 1: Artist | Writer | Article
 *   ... on Artist {            level 1 admits Artist (a condition: marked)
 *     local_articles {         level 2: Article
 *       foo: writer { … }      path $.objects(on Artist).local_articles
 * </pre>
 * Type names are the remote's own, as its `__typename` answers them.
 */
final class SelectionPath {
    private final GraphQLSchema schema;
    private final RemoteNames names;
    private final List<Level> levels = new ArrayList<>();

    private static final class Level {
        final String key;
        final Set<String> possible;
        Set<String> admitted;
        boolean typenameNeeded;

        Level(String key, Set<String> possible) {
            this.key = key;
            this.possible = possible;
            this.admitted = possible;
        }

        List<String> conditions() {
            return admitted.equals(possible) ? List.of() : List.copyOf(admitted);
        }
    }

    SelectionPath(GraphQLSchema schema, RemoteNames names) {
        this.schema = schema;
        this.names = names;
    }

    /** Starts again at a base value reached by {@code base} (`data`, or a namespace field). */
    void reset(ClientPath base) {
        levels.clear();
        levels.add(new Level(null, Set.of()));
        base.segments().forEach(key -> levels.add(new Level((String) key, Set.of())));
    }

    /** Enters the value under {@code key} ({@code null} for a base value), of {@code type}. */
    void enter(String key, GraphQLCompositeType type) {
        levels.add(new Level(key, possibleTypes(type)));
    }

    /** Leaves the current level; true when its selection set must select the hidden `__typename`. */
    boolean leave() {
        return levels.remove(levels.size() - 1).typenameNeeded;
    }

    /** Enters a fragment on {@code on}; returns what {@link #restore} needs when it ends. */
    Set<String> narrow(GraphQLCompositeType on) {
        Level level = levels.get(levels.size() - 1);
        Set<String> before = level.admitted;
        if (!before.isEmpty()) {
            Set<String> admitted = new LinkedHashSet<>(before);
            admitted.retainAll(possibleTypes(on));
            level.admitted = admitted;
        }
        return before;
    }

    void restore(Set<String> before) {
        levels.get(levels.size() - 1).admitted = before;
    }

    /** The path from the base value to the current level; marks the levels it has conditions on. */
    ResponsePath here() {
        List<ResponsePath.Step> steps = new ArrayList<>();
        for (int i = 0; i + 1 < levels.size(); i++) {
            Level level = levels.get(i);
            List<String> conditions = level.conditions();
            if (!conditions.isEmpty()) {
                level.typenameNeeded = true;
            }
            steps.add(new ResponsePath.Step(conditions, levels.get(i + 1).key));
        }
        return new ResponsePath(steps);
    }

    private Set<String> possibleTypes(GraphQLCompositeType type) {
        List<? extends GraphQLNamedType> objects;
        if (type instanceof GraphQLObjectType object) {
            objects = List.of(object);
        } else if (type instanceof GraphQLInterfaceType face) {
            objects = schema.getImplementations(face);
        } else if (type instanceof GraphQLUnionType union) {
            objects = union.getTypes();
        } else {
            objects = List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        objects.forEach(o -> out.add(names.originalType(o.getName())));
        return out;
    }
}
