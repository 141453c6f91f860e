package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;

/** A Postgres table or view name: `{"schema": "public", "name": "author"}`. */
public record QualifiedTable(String schema, String name) implements Comparable<QualifiedTable> {
    public QualifiedTable {
        if (schema == null || schema.isEmpty() || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("schema and name are required");
        }
    }

    public static QualifiedTable publicTable(String name) {
        return new QualifiedTable("public", name);
    }

    /** Hasura's GraphQL base name: `author`, or `<schema>_<table>` outside `public`. */
    public String graphqlName() {
        return schema.equals("public") ? name : schema + "_" + name;
    }

    /** How Hasura names a table in messages: `author` in `public`, otherwise `other.author`. */
    public String displayName() {
        return schema.equals("public") ? name : schema + "." + name;
    }

    /** The exported form, `{"schema": ..., "name": ...}` in that order (SPEC §1.3). */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("schema", schema);
        node.put("name", name);
        return node;
    }

    @Override
    public int compareTo(QualifiedTable o) {
        int bySchema = schema.compareTo(o.schema);
        return bySchema != 0 ? bySchema : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
