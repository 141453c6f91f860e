package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.metadata.ArgsReader;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a `permission` object (SPEC §10.1) into a {@link PermissionDef} of the given kind, and a
 * metadata entry `{role, permission, comment?}` into a {@link TablePermission}. Shapes only:
 * whether the columns and expressions fit the table is {@link MetadataResolver}'s question.
 * Keys Joinery does not implement (`computed_fields`, `validate_input`) are `not-supported`
 * when non-empty, never dropped (SPEC §0.4).
 */
public final class PermissionDefParser {
    private static final Map<PermissionKind, Set<String>> KEYS = Map.of(
            PermissionKind.SELECT, Set.of("columns", "filter", "limit", "allow_aggregations", "computed_fields",
                    "query_root_fields", "subscription_root_fields"),
            PermissionKind.INSERT, Set.of("check", "set", "columns", "backend_only", "validate_input"),
            PermissionKind.UPDATE, Set.of("columns", "filter", "check", "set", "backend_only", "validate_input"),
            PermissionKind.DELETE, Set.of("filter", "backend_only", "validate_input"));
    private static final Set<String> SELECT_ROOT_FIELDS = Set.of("select", "select_by_pk", "select_aggregate");

    private PermissionDefParser() {}

    /** `{role, permission, comment?}` of a table's `<kind>_permissions` list. */
    public static TablePermission entry(PermissionKind kind, JsonNode node, ErrorPath at) {
        ArgsReader entry = ArgsReader.of(node, at);
        return new TablePermission(entry.string("role"), parse(kind, entry.required("permission"), entry.at("permission")),
                entry.optionalString("comment").orElse(null));
    }

    public static PermissionDef parse(PermissionKind kind, JsonNode node, ErrorPath at) {
        ArgsReader args = ArgsReader.of(node, at);
        args.rejectUnknownKeys(KEYS.get(kind));
        for (String key : List.of("computed_fields", "validate_input")) {
            args.optional(key).filter(v -> !ArgsReader.isEmptyValue(v)).ifPresent(v -> {
                throw new JoineryException(ErrorCode.NOT_SUPPORTED, "permission key \"" + key
                        + "\" is not supported by Joinery", args.at(key));
            });
        }
        return switch (kind) {
            case SELECT -> new PermissionDef.Select(columns(args, true), boolExp(args, "filter"),
                    limit(args), args.bool("allow_aggregations", false),
                    rootFields(args, "query_root_fields"), rootFields(args, "subscription_root_fields"));
            case INSERT -> new PermissionDef.Insert(boolExp(args, "check"), presets(args),
                    args.has("columns") ? columns(args, true) : PermissionDef.Columns.ALL,
                    args.bool("backend_only", false));
            case UPDATE -> new PermissionDef.Update(columns(args, true), boolExp(args, "filter"),
                    args.has("check") ? boolExp(args, "check") : null, presets(args), args.bool("backend_only", false));
            case DELETE -> new PermissionDef.Delete(boolExp(args, "filter"), args.bool("backend_only", false));
        };
    }

    private static PermissionDef.Columns columns(ArgsReader args, boolean required) {
        JsonNode value = required ? args.required("columns") : args.optional("columns").orElse(null);
        if (value == null) {
            return PermissionDef.Columns.ALL;
        }
        if (value.isTextual() && value.asText().equals("*")) {
            return PermissionDef.Columns.ALL;
        }
        if (!value.isArray()) {
            throw ArgsReader.mismatch("Array or \"*\"", value, args.at("columns"));
        }
        return new PermissionDef.Columns(false, ArgsReader.stringList(value, args.at("columns")));
    }

    private static JsonNode boolExp(ArgsReader args, String key) {
        JsonNode value = args.optional(key).orElse(null);
        if (value != null && !value.isObject()) {
            throw ArgsReader.mismatch("Object", value, args.at(key));
        }
        return value;
    }

    private static Integer limit(ArgsReader args) {
        Integer limit = args.optionalInt("limit").orElse(null);
        if (limit != null && limit < 0) {
            throw ArgsReader.parseFailed("unexpected negative value", args.at("limit"));
        }
        return limit;
    }

    private static List<String> rootFields(ArgsReader args, String key) {
        if (!args.has(key)) {
            return null;
        }
        List<String> fields = args.strings(key);
        for (int i = 0; i < fields.size(); i++) {
            if (!SELECT_ROOT_FIELDS.contains(fields.get(i))) {
                throw ArgsReader.parseFailed("unexpected root field \"" + fields.get(i)
                        + "\": expected one of select, select_by_pk, select_aggregate", args.at(key).index(i));
            }
        }
        return fields;
    }

    private static Map<String, JsonNode> presets(ArgsReader args) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode set = args.optional("set").orElse(null);
        if (set == null) {
            return out;
        }
        if (!set.isObject()) {
            throw ArgsReader.mismatch("Object", set, args.at("set"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = set.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }
}
