package io.joinery.child.metadata;

import io.joinery.child.db.QualifiedTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved table relationship: however it was declared (foreign key on either side, or manual),
 * it joins this table's columns to the remote table's columns.
 *
 * <pre>
 * article.author  (object): {author_id -> id}   author.articles (array): {id -> author_id}
 * </pre>
 */
public record ResolvedRelationship(String name, Kind kind, QualifiedTable remoteTable, Map<String, String> columnMapping,
                                String comment) {
    public enum Kind { OBJECT, ARRAY }

    public ResolvedRelationship {
        if (columnMapping.isEmpty()) {
            throw new IllegalArgumentException("relationship " + name + " maps no columns");
        }
        columnMapping = Collections.unmodifiableMap(new LinkedHashMap<>(columnMapping));
    }
}
