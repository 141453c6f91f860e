package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.metadata.CustomTypes.EnumDef;
import io.joinery.child.metadata.CustomTypes.EnumValueDef;
import io.joinery.child.metadata.CustomTypes.FieldDef;
import io.joinery.child.metadata.CustomTypes.InputObjectDef;
import io.joinery.child.metadata.CustomTypes.ObjectDef;
import io.joinery.child.metadata.CustomTypes.RelationshipKind;
import io.joinery.child.metadata.CustomTypes.ScalarDef;
import io.joinery.child.metadata.CustomTypes.TypeRelationshipDef;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.metadata.ArgsReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads `set_custom_types` args (and the `custom_types` section of exported metadata) into
 * {@link CustomTypes}. Shape problems are `parse-failed` at their path; whether the types make
 * sense together is {@link CustomTypesValidator}'s job.
 */
public final class CustomTypesParser {
    private CustomTypesParser() {}

    public static CustomTypes parse(JsonNode args, ErrorPath at) {
        if (args == null || args.isNull()) {
            return CustomTypes.empty();
        }
        ArgsReader reader = ArgsReader.of(args, at);
        return new CustomTypes(
                reader.list("scalars", CustomTypesParser::scalar),
                reader.list("enums", CustomTypesParser::enumType),
                reader.list("input_objects", CustomTypesParser::inputObject),
                reader.list("objects", CustomTypesParser::object));
    }

    private static ScalarDef scalar(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        return new ScalarDef(GraphqlTypeRef.readName(reader, "name"), description(reader));
    }

    private static EnumDef enumType(JsonNode node, ErrorPath at) {
        return named(node, at, "values", CustomTypesParser::enumValue, EnumDef::new);
    }

    private static EnumValueDef enumValue(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        Boolean deprecated = reader.has("is_deprecated") ? reader.bool("is_deprecated", false) : null;
        return new EnumValueDef(GraphqlTypeRef.readName(reader, "value"), description(reader), deprecated);
    }

    private static InputObjectDef inputObject(JsonNode node, ErrorPath at) {
        return named(node, at, "fields", CustomTypesParser::field, InputObjectDef::new);
    }

    private static ObjectDef object(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        String name = GraphqlTypeRef.readName(reader, "name");
        List<FieldDef> fields = requiredList(reader, "fields", CustomTypesParser::field);
        String description = description(reader);
        List<TypeRelationshipDef> tables = new java.util.ArrayList<>();
        List<ToActionRelationship> actions = new java.util.ArrayList<>();
        reader.list("relationships", (entry, entryAt) -> {
            if (ToActionRelationship.isEntry(entry)) {
                actions.add(ToActionRelationship.parse(ArgsReader.of(entry, entryAt)));
            } else {
                tables.add(relationship(entry, entryAt));
            }
            return entry;
        });
        return new ObjectDef(name, fields, description, tables, actions);
    }

    /** A type made of a name, a list that must be present ({@code listKey}) and a description. */
    private interface NamedList<T, E> {
        T of(String name, List<E> elements, String description);
    }

    /** `{"name": ..., "<listKey>": [...], "description": ...}`, read in that order. */
    private static <T, E> T named(JsonNode node, ErrorPath at, String listKey, BiFunction<JsonNode, ErrorPath, E> element,
                                  NamedList<T, E> type) {
        ArgsReader reader = ArgsReader.of(node, at);
        return type.of(GraphqlTypeRef.readName(reader, "name"), requiredList(reader, listKey, element), description(reader));
    }

    /** A list that must be present, though it may be empty: an enum's `values`, an object's `fields`. */
    private static <T> List<T> requiredList(ArgsReader reader, String key, BiFunction<JsonNode, ErrorPath, T> element) {
        reader.required(key);
        return reader.list(key, element);
    }

    private static String description(ArgsReader reader) {
        return reader.optionalString("description").orElse(null);
    }

    private static FieldDef field(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        return new FieldDef(GraphqlTypeRef.readName(reader, "name"), GraphqlTypeRef.read(reader, "type"),
                description(reader), reader.has("arguments"));
    }

    private static TypeRelationshipDef relationship(JsonNode node, ErrorPath at) {
        ArgsReader reader = ArgsReader.of(node, at);
        String name = GraphqlTypeRef.readName(reader, "name");
        String type = reader.string("type");
        RelationshipKind kind = switch (type) {
            case "object" -> RelationshipKind.OBJECT;
            case "array" -> RelationshipKind.ARRAY;
            default -> throw ArgsReader.parseFailed(
                    "expected \"object\" or \"array\", but encountered \"" + type + "\"", reader.at("type"));
        };
        String source = reader.optionalString("source").orElse("default");
        QualifiedTable table = table(reader.required("remote_table"), reader.at("remote_table"));
        JsonNode mapping = reader.required("field_mapping");
        if (!mapping.isObject()) {
            throw ArgsReader.mismatch("Object", mapping, reader.at("field_mapping"));
        }
        Map<String, String> fieldMapping = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = mapping.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            fieldMapping.put(e.getKey(), ArgsReader.text(e.getValue(), reader.at("field_mapping").key(e.getKey())));
        }
        if (fieldMapping.isEmpty()) {
            throw ArgsReader.parseFailed("field_mapping must map at least one field", reader.at("field_mapping"));
        }
        return new TypeRelationshipDef(name, kind, source, table, fieldMapping);
    }

    /** `"author"` (schema `public`) or `{"schema": "public", "name": "author"}`. */
    static QualifiedTable table(JsonNode value, ErrorPath at) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            return QualifiedTable.publicTable(value.asText());
        }
        if (value.isObject()) {
            ArgsReader table = ArgsReader.of(value, at);
            String name = table.string("name");
            String schema = table.optionalString("schema").orElse("public");
            if (!name.isEmpty() && !schema.isEmpty()) {
                return new QualifiedTable(schema, name);
            }
        }
        throw ArgsReader.mismatch("a table name or an object with \"schema\" and \"name\"",
                value, at);
    }
}
