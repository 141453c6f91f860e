package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * An action as the user declared it (`create_action` plus its permissions; SPEC §3.2):
 * <pre>
 * {"name": "place_order", "definition": {"handler": "{{ACTION_BASE_URL}}/place-order",
 *  "output_type": "OrderResult", "arguments": [{"name": "author_id", "type": "Int!"}],
 *  "type": "mutation", "kind": "synchronous"}, "permissions": [{"role": "user"}]}
 * </pre>
 * {@link ActionDefParser} reads it; {@link #toJson()} writes SPEC §1.3's export form.
 */
public record ActionDef(String name, Definition definition, String comment, List<Permission> permissions) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    public ActionDef {
        permissions = List.copyOf(permissions);
    }

    /** `update_action`: a new definition and comment, permissions kept. */
    public ActionDef withDefinition(Definition newDefinition, String newComment) {
        return new ActionDef(name, newDefinition, newComment, permissions);
    }

    public ActionDef withPermissions(List<Permission> newPermissions) {
        return new ActionDef(name, definition, comment, newPermissions);
    }

    /** Admin always; another role only with an action permission. */
    public boolean isAllowedFor(String role) {
        return role.equals("admin") || permissions.stream().anyMatch(p -> p.role().equals(role));
    }

    /** Export form: `name`, `definition`, `comment`?, `permissions`? (sorted by role). */
    public ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("name", name);
        node.set("definition", definition.toJson());
        if (comment != null) {
            node.put("comment", comment);
        }
        if (!permissions.isEmpty()) {
            ArrayNode list = node.putArray("permissions");
            List<Permission> sorted = new ArrayList<>(permissions);
            sorted.sort((a, b) -> a.role().compareTo(b.role()));
            sorted.forEach(p -> list.add(p.toJson()));
        }
        return node;
    }

    /** Where the action's root field lives. */
    public enum Type {
        QUERY("query"), MUTATION("mutation");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Whether the client waits for the handler (queries are always synchronous). */
    public enum Kind {
        SYNCHRONOUS("synchronous"), ASYNCHRONOUS("asynchronous");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * The `definition` object. `handler` is the URL as configured, `{{ENV_VAR}}` templates not
     * expanded (they are expanded per call, and error reports show the template).
     */
    public record Definition(String handler, GraphqlTypeRef outputType, List<Argument> arguments, Type type,
                             Kind kind, List<ActionHeader> headers, boolean forwardClientHeaders,
                             int timeoutSeconds) {
        public Definition {
            arguments = List.copyOf(arguments);
            headers = List.copyOf(headers);
            if (type == Type.QUERY) {
                kind = Kind.SYNCHRONOUS;
            }
            if (timeoutSeconds <= 0) {
                throw new IllegalArgumentException("timeout must be positive");
            }
        }

        public boolean isAsynchronous() {
            return kind == Kind.ASYNCHRONOUS;
        }

        /** Keys in SPEC §1.3's order; defaults left out. */
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("handler", handler);
            node.put("output_type", outputType.toString());
            if (forwardClientHeaders) {
                node.put("forward_client_headers", true);
            }
            if (!headers.isEmpty()) {
                ArrayNode list = node.putArray("headers");
                headers.forEach(h -> list.add(h.toJson()));
            }
            if (!arguments.isEmpty()) {
                ArrayNode list = node.putArray("arguments");
                arguments.forEach(a -> list.add(a.toJson()));
            }
            node.put("type", type.wire());
            if (type == Type.MUTATION) {
                node.put("kind", kind.wire());
            }
            if (timeoutSeconds != DEFAULT_TIMEOUT_SECONDS) {
                node.put("timeout", timeoutSeconds);
            }
            return node;
        }
    }

    /** An argument of the action's root field: `{"name": "author_id", "type": "Int!"}`. */
    public record Argument(String name, GraphqlTypeRef type, String description) {
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("name", name);
            node.put("type", type.toString());
            if (description != null) {
                node.put("description", description);
            }
            return node;
        }
    }

    /** `{"role": "user", "comment"?: ...}`: the role may call the action. */
    public record Permission(String role, String comment) {
        public ObjectNode toJson() {
            ObjectNode node = Json.object();
            node.put("role", role);
            if (comment != null) {
                node.put("comment", comment);
            }
            return node;
        }
    }
}
