package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A remote schema's `customization` as declared (SPEC §4.3): an optional root-field namespace,
 * type-name prefix/suffix/mapping and per-type field-name prefix/suffix/mapping.
 */
public record CustomizationDef(String rootFieldsNamespace, NameRule typeNames, List<FieldNameRule> fieldNames) {

    public static final CustomizationDef NONE = new CustomizationDef(null, NameRule.NONE, List.of());

    public CustomizationDef {
        typeNames = typeNames == null ? NameRule.NONE : typeNames;
        fieldNames = List.copyOf(fieldNames);
    }

    /** Prefix, suffix and explicit renames (original → new); the mapping wins over the affixes. */
    public record NameRule(String prefix, String suffix, Map<String, String> mapping) {
        public static final NameRule NONE = new NameRule("", "", Map.of());

        public NameRule {
            prefix = prefix == null ? "" : prefix;
            suffix = suffix == null ? "" : suffix;
            mapping = Collections.unmodifiableMap(new LinkedHashMap<>(mapping));
        }

        public boolean isEmpty() {
            return prefix.isEmpty() && suffix.isEmpty() && mapping.isEmpty();
        }

        /** The new name of {@code original}; {@code affixable} says whether prefix/suffix apply. */
        public String apply(String original, boolean affixable) {
            String mapped = mapping.get(original);
            if (mapped != null) {
                return mapped;
            }
            return affixable ? prefix + original + suffix : original;
        }

        static NameRule parse(JsonNode node, ErrorPath path) {
            ArgsReader args = ArgsReader.of(node, path);
            args.rejectUnknownKeys(Set.of("prefix", "suffix", "mapping"));
            return new NameRule(args.optionalString("prefix").orElse(null),
                    args.optionalString("suffix").orElse(null), args.stringMap("mapping"));
        }

        void writeTo(ObjectNode out) {
            if (!prefix.isEmpty()) {
                out.put("prefix", prefix);
            }
            if (!suffix.isEmpty()) {
                out.put("suffix", suffix);
            }
            if (!mapping.isEmpty()) {
                ObjectNode map = out.putObject("mapping");
                mapping.forEach(map::put);
            }
        }
    }

    /** Field renames for the fields of one original `parent_type`. */
    public record FieldNameRule(String parentType, NameRule rule) {}

    public boolean isEmpty() {
        return rootFieldsNamespace == null && typeNames.isEmpty() && fieldNames.isEmpty();
    }

    /** The field rule for original type {@code parentType}, or {@link NameRule#NONE}. */
    public NameRule fieldRule(String parentType) {
        for (FieldNameRule rule : fieldNames) {
            if (rule.parentType().equals(parentType)) {
                return rule.rule();
            }
        }
        return NameRule.NONE;
    }

    static CustomizationDef parse(JsonNode node, ErrorPath path) {
        ArgsReader args = ArgsReader.of(node, path);
        args.rejectUnknownKeys(Set.of("root_fields_namespace", "type_names", "field_names"));
        NameRule types = args.has("type_names")
                ? NameRule.parse(args.required("type_names"), path.key("type_names")) : NameRule.NONE;
        List<FieldNameRule> fields = args.list("field_names", (value, at) -> {
            ArgsReader entry = ArgsReader.of(value, at);
            entry.rejectUnknownKeys(Set.of("parent_type", "prefix", "suffix", "mapping"));
            return new FieldNameRule(entry.string("parent_type"),
                    new NameRule(entry.optionalString("prefix").orElse(null),
                            entry.optionalString("suffix").orElse(null), entry.stringMap("mapping")));
        });
        return new CustomizationDef(args.optionalString("root_fields_namespace").orElse(null), types, fields);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        if (rootFieldsNamespace != null) {
            out.put("root_fields_namespace", rootFieldsNamespace);
        }
        if (!typeNames.isEmpty()) {
            typeNames.writeTo(out.putObject("type_names"));
        }
        if (!fieldNames.isEmpty()) {
            ArrayNode list = out.putArray("field_names");
            for (FieldNameRule rule : fieldNames) {
                ObjectNode entry = list.addObject();
                entry.put("parent_type", rule.parentType());
                rule.rule().writeTo(entry);
            }
        }
        return out;
    }
}
