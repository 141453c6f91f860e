package io.joinery.child.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;

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

    /** The table at {@code key}: a name in `public`, or `{"schema": ..., "name": ...}`. */
    public static QualifiedTable read(ArgsReader args, String key) {
        return parse(args.required(key), args.at(key));
    }

    public static QualifiedTable parse(JsonNode value, ErrorPath at) {
        if (value.isTextual()) {
            requireNonEmpty(value.asText(), at);
            return publicTable(value.asText());
        }
        if (value.isObject()) {
            ArgsReader table = ArgsReader.of(value, at);
            String name = table.string("name");
            requireNonEmpty(name, at.key("name"));
            String schema = table.optionalString("schema").orElse("public");
            requireNonEmpty(schema, at.key("schema"));
            return new QualifiedTable(schema, name);
        }
        throw ArgsReader.mismatch("a table name or an object with \"schema\" and \"name\"",
                value, at);
    }

    private static void requireNonEmpty(String text, ErrorPath at) {
        if (text.isEmpty()) {
            throw ArgsReader.parseFailed("a table name must not be empty", at);
        }
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
