package io.joinery.gateway.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The argument presets of one role on one remote (SPEC §10.4): per type and field, in the
 * remote's ORIGINAL names, the arguments the role's schema hides and the values they always get.
 * The admin's view of a remote has none.
 */
public record ArgumentPresets(Map<String, Map<String, Map<String, PresetValue>>> byField) {
    public static final ArgumentPresets NONE = new ArgumentPresets(Map.of());

    public ArgumentPresets {
        Map<String, Map<String, Map<String, PresetValue>>> types = new LinkedHashMap<>();
        byField.forEach((type, fields) -> {
            Map<String, Map<String, PresetValue>> copy = new LinkedHashMap<>();
            fields.forEach((field, arguments) -> copy.put(field,
                    Collections.unmodifiableMap(new LinkedHashMap<>(arguments))));
            types.put(type, Collections.unmodifiableMap(copy));
        });
        byField = Collections.unmodifiableMap(types);
    }

    /** The presets of field {@code field} of type {@code type} (original names), argument name → value. */
    public Map<String, PresetValue> of(String type, String field) {
        Map<String, Map<String, PresetValue>> fields = byField.get(type);
        Map<String, PresetValue> arguments = fields == null ? null : fields.get(field);
        return arguments == null ? Map.of() : arguments;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }
}
