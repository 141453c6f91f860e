package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.QualifiedTable;
import io.joinery.core.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The custom GraphQL types of `set_custom_types` as the user declared them (SPEC §3.1): scalars,
 * enums, input objects, and objects whose fields may join to tables. Order is kept as given
 * (export keeps it too). {@link CustomTypesParser} reads it, {@link CustomTypesValidator} checks it.
 */
public record CustomTypes(List<ScalarDef> scalars, List<EnumDef> enums, List<InputObjectDef> inputObjects,
                          List<ObjectDef> objects) {
    /** The GraphQL built-in scalars, always available to custom types and actions. */
    public static final List<String> BUILT_IN_SCALARS = List.of("Int", "Float", "String", "Boolean", "ID");

    public CustomTypes {
        scalars = List.copyOf(scalars);
        enums = List.copyOf(enums);
        inputObjects = List.copyOf(inputObjects);
        objects = List.copyOf(objects);
    }

    public static CustomTypes empty() {
        return new CustomTypes(List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return scalars.isEmpty() && enums.isEmpty() && inputObjects.isEmpty() && objects.isEmpty();
    }

    public Optional<ObjectDef> object(String name) {
        return objects.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public Optional<InputObjectDef> inputObject(String name) {
        return inputObjects.stream().filter(o -> o.name().equals(name)).findFirst();
    }

    public Optional<EnumDef> enumType(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public boolean isCustomScalar(String name) {
        return scalars.stream().anyMatch(s -> s.name().equals(name));
    }

    public static boolean isBuiltInScalar(String name) {
        return BUILT_IN_SCALARS.contains(name);
    }

    /** The exported form (SPEC §1.3): `input_objects`, `objects`, `scalars`, `enums`, each only when non-empty. */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        putUnlessEmpty(node, "input_objects", inputObjects, InputObjectDef::toJson);
        putUnlessEmpty(node, "objects", objects, ObjectDef::toJson);
        putUnlessEmpty(node, "scalars", scalars, ScalarDef::toJson);
        putUnlessEmpty(node, "enums", enums, EnumDef::toJson);
        return node;
    }

    private static <T> void putUnlessEmpty(ObjectNode node, String key, List<T> items, Function<T, ObjectNode> toJson) {
        if (!items.isEmpty()) {
            ArrayNode list = node.putArray(key);
            items.forEach(item -> list.add(toJson.apply(item)));
        }
    }

    /** `{"name": "Money", "description": "decimal as string"}`. */
    public record ScalarDef(String name, String description) {
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("name", name);
            putIfSet(node, "description", description);
            return node;
        }
    }

    /** `{"name": "OrderStatus", "values": [{"value": "PAID", "description": "done"}]}`. */
    public record EnumDef(String name, List<EnumValueDef> values, String description) {
        public ObjectNode toJson() {
            return named(name, "values", values, EnumValueDef::toJson, description);
        }

        public EnumDef {
            values = List.copyOf(values);
        }
    }

    /** One enum value; `isDeprecated` null when not given. */
    public record EnumValueDef(String value, String description, Boolean isDeprecated) {
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("value", value);
            putIfSet(node, "description", description);
            if (isDeprecated != null) {
                node.put("is_deprecated", isDeprecated);
            }
            return node;
        }
    }

    /** An input object: its fields may use scalars, enums and input objects. */
    public record InputObjectDef(String name, List<FieldDef> fields, String description) {
        public InputObjectDef {
            fields = List.copyOf(fields);
        }

        public ObjectNode toJson() {
            return named(name, "fields", fields, FieldDef::toJson, description);
        }
    }

    /**
     * An output object type with fields, relationships to tables, and `to_action` relationships
     * (SPEC §12; in the same `relationships` list on the wire, exported after the table ones).
     */
    public record ObjectDef(String name, List<FieldDef> fields, String description,
                            List<TypeRelationshipDef> relationships, List<ToActionRelationship> actionRelationships) {
        public ObjectDef {
            fields = List.copyOf(fields);
            relationships = List.copyOf(relationships);
            actionRelationships = List.copyOf(actionRelationships);
        }

        public ObjectDef(String name, List<FieldDef> fields, String description, List<TypeRelationshipDef> relationships) {
            this(name, fields, description, relationships, List.of());
        }

        public Optional<ToActionRelationship> actionRelationship(String relationshipName) {
            return actionRelationships.stream().filter(r -> r.name().equals(relationshipName)).findFirst();
        }

        public Optional<FieldDef> field(String fieldName) {
            return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
        }

        public Optional<TypeRelationshipDef> relationship(String relationshipName) {
            return relationships.stream().filter(r -> r.name().equals(relationshipName)).findFirst();
        }

        public ObjectNode toJson() {
            ObjectNode node = named(name, "fields", fields, FieldDef::toJson, description);
            if (!relationships.isEmpty() || !actionRelationships.isEmpty()) {
                ArrayNode list = node.putArray("relationships");
                relationships.forEach(r -> list.add(r.toJson()));
                actionRelationships.forEach(r -> list.add(r.toJson()));
            }
            return node;
        }
    }

    /**
     * A field of an object or input object. `hasArguments` records an `arguments` key on an object
     * field, which validation rejects (object fields of custom types take no arguments).
     */
    public record FieldDef(String name, GraphqlTypeRef type, String description, boolean hasArguments) {
        public FieldDef(String name, GraphqlTypeRef type) {
            this(name, type, null, false);
        }

        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("name", name);
            node.put("type", type.toString());
            putIfSet(node, "description", description);
            return node;
        }
    }

    /** `object` (at most one row) or `array` (rows). */
    public enum RelationshipKind {
        OBJECT("object"), ARRAY("array");

        private final String wire;

        RelationshipKind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * A relationship from an object type to a table: `field_mapping` maps object fields to columns,
     * in the order given. `source` is always `default` on the child.
     */
    public record TypeRelationshipDef(String name, RelationshipKind kind, String source, QualifiedTable remoteTable,
                                      Map<String, String> fieldMapping) {
        public TypeRelationshipDef {
            fieldMapping = Collections.unmodifiableMap(new LinkedHashMap<>(fieldMapping));
        }

        /** Hasura's export order: `name`, `type`, `source`, `remote_table`, `field_mapping`. */
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("name", name);
            node.put("type", kind.wire());
            node.put("source", source);
            ObjectNode table = node.putObject("remote_table");
            table.put("schema", remoteTable.schema());
            table.put("name", remoteTable.name());
            ObjectNode mapping = node.putObject("field_mapping");
            fieldMapping.forEach(mapping::put);
            return node;
        }
    }

    /** `{"name": ..., "<listKey>": [...], "description": ...}` (no description when unset). */
    private static <T> ObjectNode named(String name, String listKey, List<T> items, Function<T, ObjectNode> toJson,
                                        String description) {
        ObjectNode node = Json.object();
        node.put("name", name);
        ArrayNode list = node.putArray(listKey);
        items.forEach(item -> list.add(toJson.apply(item)));
        putIfSet(node, "description", description);
        return node;
    }

    private static void putIfSet(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }
}
