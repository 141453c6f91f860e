package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a relationship is declared (SPEC §2.1 `using`). Each form exports itself; single-column
 * lists export in the scalar form (`"author_id"`, `"column"`), as Hasura does.
 */
public sealed interface RelationshipUsing {

    /** The `using` object as exported. */
    ObjectNode toJson();

    /** `{"foreign_key_constraint_on": "author_id"}`: a foreign key on THIS table (object relationships). */
    record ForeignKeyOnColumns(List<String> columns) implements RelationshipUsing {
        public ForeignKeyOnColumns {
            columns = List.copyOf(columns);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode using = Json.object();
            if (columns.size() == 1) {
                using.put("foreign_key_constraint_on", columns.get(0));
            } else {
                ArrayNode list = using.putArray("foreign_key_constraint_on");
                columns.forEach(list::add);
            }
            return using;
        }
    }

    /** `{"foreign_key_constraint_on": {"table": "article", "columns": [...]}}`: a foreign key on the remote table pointing here. */
    record ForeignKeyOnRemote(QualifiedTable table, List<String> columns) implements RelationshipUsing {
        public ForeignKeyOnRemote {
            columns = List.copyOf(columns);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode fk = Json.object();
            if (columns.size() == 1) {
                fk.put("column", columns.get(0));
            } else {
                ArrayNode list = fk.putArray("columns");
                columns.forEach(list::add);
            }
            fk.set("table", table.toJson());
            ObjectNode using = Json.object();
            using.set("foreign_key_constraint_on", fk);
            return using;
        }
    }

    /** `{"manual_configuration": {"remote_table": ..., "column_mapping": {this: remote}}}`. */
    record Manual(QualifiedTable remoteTable, Map<String, String> columnMapping) implements RelationshipUsing {
        public Manual {
            columnMapping = Collections.unmodifiableMap(new LinkedHashMap<>(columnMapping));
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode manual = Json.object();
            manual.set("remote_table", remoteTable.toJson());
            ObjectNode mapping = manual.putObject("column_mapping");
            columnMapping.forEach(mapping::put);
            ObjectNode using = Json.object();
            using.set("manual_configuration", manual);
            return using;
        }
    }

}
