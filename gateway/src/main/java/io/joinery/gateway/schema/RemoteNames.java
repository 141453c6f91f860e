package io.joinery.gateway.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one remote's names appear in the gateway (SPEC §4.3), both ways. Types: original ↔ gateway
 * name (only renamed types are listed). Fields: per gateway parent type, gateway field name →
 * original field name (root fields are listed under `query_root` / `mutation_root`, or under the
 * namespace types). `namespace` is the `root_fields_namespace` or null.
 */
public record RemoteNames(String namespace, Map<String, String> typeToGateway, Map<String, String> typeToOriginal,
                          Map<String, Map<String, String>> fieldToOriginal) {

    public RemoteNames {
        typeToGateway = Collections.unmodifiableMap(new LinkedHashMap<>(typeToGateway));
        typeToOriginal = Collections.unmodifiableMap(new LinkedHashMap<>(typeToOriginal));
        Map<String, Map<String, String>> fields = new LinkedHashMap<>();
        fieldToOriginal.forEach((type, map) -> fields.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(map))));
        fieldToOriginal = Collections.unmodifiableMap(fields);
    }

    /**
     * These names plus gateway-only input types ({@code derived}: gateway name → the remote's name
     * of the type it stands for), so that variables of those types are declared upstream under
     * the remote's name.
     */
    public RemoteNames withInputTypes(Map<String, String> derived) {
        if (derived.isEmpty()) {
            return this;
        }
        Map<String, String> toOriginal = new LinkedHashMap<>(typeToOriginal);
        toOriginal.putAll(derived);
        return new RemoteNames(namespace, typeToGateway, toOriginal, fieldToOriginal);
    }

    public boolean hasTypeRenames() {
        return !typeToGateway.isEmpty();
    }

    public String originalType(String gatewayType) {
        return typeToOriginal.getOrDefault(gatewayType, gatewayType);
    }

    public String gatewayType(String originalType) {
        return typeToGateway.getOrDefault(originalType, originalType);
    }

    public String originalField(String gatewayParentType, String gatewayField) {
        Map<String, String> fields = fieldToOriginal.get(gatewayParentType);
        return fields == null ? gatewayField : fields.getOrDefault(gatewayField, gatewayField);
    }
}
