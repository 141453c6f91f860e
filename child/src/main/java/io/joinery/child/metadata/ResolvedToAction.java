package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A checked `to_action` relationship (SPEC §12): the GraphQL object type it is a field of (a table's
 * type, `author`, or a custom object type), its target query action, and the source fields its
 * arguments read. The schema, the SQL compiler (hidden join columns), the shaper and the join
 * executor all find it by (type, field) in {@link ToActionJoins}.
 *
 * <pre>
 * author.stats -> authorStats(author_id: $id)      lhsFields [id]   (table: the columns; object type: its fields)
 * </pre>
 */
public record ResolvedToAction(String sourceType, String name, boolean fromTable, ActionDef target,
                               List<String> lhsFields, JsonNode arguments) {
    public ResolvedToAction {
        lhsFields = List.copyOf(lhsFields);
        arguments = arguments.deepCopy();
    }
}
