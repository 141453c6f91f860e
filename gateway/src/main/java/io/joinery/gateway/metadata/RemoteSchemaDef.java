package io.joinery.gateway.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A remote schema as the user declared it (`add_remote_schema` args, an entry of `remote_schemas`).
 *
 * <pre>{"name": "child", "definition": {"url": "http://child:8081/v1/graphql", "timeout_seconds": 60}}</pre>
 */
public record RemoteSchemaDef(String name, String comment, String url, String urlFromEnv, Integer timeoutSeconds,
                              CustomizationDef customization, List<HeaderDef> headers,
                              boolean forwardClientHeaders) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;

    public RemoteSchemaDef {
        customization = customization == null ? CustomizationDef.NONE : customization;
        headers = List.copyOf(headers);
    }

    public int effectiveTimeoutSeconds() {
        return timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    }

    /** The URL as configured (template or env name), the form error messages show. */
    public String configuredUrl() {
        return url != null ? url : "{{" + urlFromEnv + "}}";
    }

    /** Parses `{name, definition, comment?}`; `remote_relationships` is handled by the caller. */
    public static RemoteSchemaDef parse(JsonNode node, ErrorPath path, Set<String> extraKeys) {
        ArgsReader args = ArgsReader.of(node, path);
        Set<String> known = new java.util.HashSet<>(Set.of("name", "definition", "comment"));
        known.addAll(extraKeys);
        args.rejectUnknownKeys(known);
        String name = args.string("name");
        String comment = args.optionalString("comment").orElse(null);
        ErrorPath defPath = path.key("definition");
        ArgsReader def = ArgsReader.of(args.required("definition"), defPath);
        def.rejectUnknownKeys(Set.of("url", "url_from_env", "timeout_seconds", "customization", "headers",
                "forward_client_headers"));
        String url = def.optionalString("url").orElse(null);
        String urlFromEnv = def.optionalString("url_from_env").orElse(null);
        if ((url == null) == (urlFromEnv == null)) {
            throw new JoineryException(ErrorCode.PARSE_FAILED,
                    "expecting exactly one of \"url\" and \"url_from_env\"", defPath);
        }
        Integer timeout = def.optionalInt("timeout_seconds").orElse(null);
        if (timeout != null && timeout <= 0) {
            throw new JoineryException(ErrorCode.PARSE_FAILED, "\"timeout_seconds\" must be positive",
                    defPath.key("timeout_seconds"));
        }
        CustomizationDef customization = def.has("customization")
                ? CustomizationDef.parse(def.required("customization"), defPath.key("customization"))
                : CustomizationDef.NONE;
        List<HeaderDef> headers = def.list("headers", HeaderDef::parse);
        return new RemoteSchemaDef(name, comment, url, urlFromEnv, timeout, customization, headers,
                def.bool("forward_client_headers", false));
    }

    /** The `definition` object in export order (SPEC §1.3). */
    public ObjectNode definitionJson() {
        ObjectNode def = Json.object();
        if (url != null) {
            def.put("url", url);
        }
        if (urlFromEnv != null) {
            def.put("url_from_env", urlFromEnv);
        }
        if (timeoutSeconds != null) {
            def.put("timeout_seconds", timeoutSeconds);
        }
        if (!customization.isEmpty()) {
            def.set("customization", customization.toJson());
        }
        if (!headers.isEmpty()) {
            ArrayNode list = def.putArray("headers");
            headers.forEach(h -> list.add(h.toJson()));
        }
        if (forwardClientHeaders) {
            def.put("forward_client_headers", true);
        }
        return def;
    }

    /** The export entry `{name, definition, comment?}`. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("name", name);
        out.set("definition", definitionJson());
        if (comment != null) {
            out.put("comment", comment);
        }
        return out;
    }
}
