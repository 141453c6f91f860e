package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.metadata.ArgsReader;
import java.util.List;
import java.util.Map;

/** Parses a relationship's `using` (SPEC §2.1), the only place its wire names appear. */
final class RelationshipParser {
    private RelationshipParser() {}

    /** A `{"name", "using", "comment"?}` entry, as in `object_relationships` or the create commands' args. */
    static RelationshipDef relationship(ArgsReader args, RelationshipDef.Kind kind) {
        String name = args.string("name");
        if (name.isEmpty()) {
            throw ArgsReader.parseFailed("a relationship name must not be empty", args.at("name"));
        }
        RelationshipUsing using = using(args.required("using"), args.at("using"), kind);
        return new RelationshipDef(name, kind, using, args.optionalString("comment").orElse(null));
    }

    static RelationshipUsing using(JsonNode node, ErrorPath at, RelationshipDef.Kind kind) {
        ArgsReader using = ArgsReader.of(node, at);
        boolean fk = using.has("foreign_key_constraint_on");
        boolean manual = using.has("manual_configuration");
        if (fk == manual) {
            throw ArgsReader.parseFailed(
                    "expected exactly one of \"foreign_key_constraint_on\" and \"manual_configuration\"", at);
        }
        if (manual) {
            return manual(ArgsReader.of(using.required("manual_configuration"), at.key("manual_configuration")));
        }
        JsonNode target = using.required("foreign_key_constraint_on");
        ErrorPath targetAt = at.key("foreign_key_constraint_on");
        if (target.isObject()) {
            return onRemote(ArgsReader.of(target, targetAt));
        }
        if (kind == RelationshipDef.Kind.ARRAY) {
            throw ArgsReader.mismatch("an object with \"table\" and \"column\" or \"columns\"",
                    target, targetAt);
        }
        List<String> columns = target.isTextual() ? List.of(target.asText()) : ArgsReader.stringList(target, targetAt);
        requireColumns(columns, targetAt);
        return new RelationshipUsing.ForeignKeyOnColumns(columns);
    }

    private static RelationshipUsing onRemote(ArgsReader fk) {
        QualifiedTable table = QualifiedTable.read(fk, "table");
        List<String> columns;
        if (fk.has("columns")) {
            columns = fk.strings("columns");
            requireColumns(columns, fk.at("columns"));
        } else if (fk.has("column")) {
            columns = List.of(fk.string("column"));
        } else {
            throw ArgsReader.parseFailed("key \"column\" or \"columns\" not found", fk.at());
        }
        return new RelationshipUsing.ForeignKeyOnRemote(table, columns);
    }

    private static RelationshipUsing manual(ArgsReader manual) {
        QualifiedTable remote = QualifiedTable.read(manual, "remote_table");
        Map<String, String> mapping = ArgsReader.stringMap(manual.required("column_mapping"), manual.at("column_mapping"));
        if (mapping.isEmpty()) {
            throw ArgsReader.parseFailed("\"column_mapping\" must map at least one column", manual.at("column_mapping"));
        }
        return new RelationshipUsing.Manual(remote, mapping);
    }

    private static void requireColumns(List<String> columns, ErrorPath at) {
        if (columns.isEmpty()) {
            throw ArgsReader.parseFailed("expected at least one column", at);
        }
    }
}
