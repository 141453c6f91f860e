package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import io.joinery.core.http.SessionVariables;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway does for one operation: the upstream requests ({@code roots}, in order) and how
 * their answers become the client's `data` ({@code entries}, in selection order). For a query the
 * roots run concurrently; for a mutation one after another, in order (SPEC §0.2).
 *
 * <p>{@code joins}: the remote relationships used, as a tree of {@link JoinNode}s run after the
 * roots, level by level (SPEC §5.3). {@code hiddenFields}: the fields the plan adds to upstream
 * requests for those joins, and which relationship each one serves. {@code sessionPresets}: the
 * upstream variables its requests use for session variable presets of the role (SPEC §10.4).
 */
public record QueryPlan(boolean mutation, List<RootFetch> roots, List<RootEntry> entries, List<JoinNode> joins,
                        HiddenFields hiddenFields, Map<String, SessionPreset> sessionPresets) {
    public QueryPlan {
        roots = List.copyOf(roots);
        entries = List.copyOf(entries);
        joins = List.copyOf(joins);
        sessionPresets = Collections.unmodifiableMap(new LinkedHashMap<>(sessionPresets));
    }

    /**
     * The values of the plan's session variable presets in {@code session} (SPEC §10.4), as
     * upstream variables: what the request adds to its variables.
     */
    public ObjectNode sessionValues(SessionVariables session) {
        return SessionPreset.values(sessionPresets, session);
    }

    /** The plan as JSON, for golden files and debugging. */
    public ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("operation", mutation ? "mutation" : "query");
        ArrayNode roots = out.putArray("roots");
        this.roots.forEach(r -> roots.add(r.toJson()));
        ArrayNode entries = out.putArray("entries");
        this.entries.forEach(e -> entries.add(entryJson(e)));
        if (!joins.isEmpty()) {
            ArrayNode list = out.putArray("joins");
            joins.forEach(j -> list.add(j.toJson()));
        }
        if (!sessionPresets.isEmpty()) {
            ObjectNode presets = out.putObject("sessionPresets");
            sessionPresets.forEach((name, preset) -> presets.put(name, preset.variable()));
        }
        return out;
    }

    private static ObjectNode entryJson(RootEntry entry) {
        ObjectNode out = Json.object();
        out.put("key", entry.responseKey());
        if (entry instanceof RootEntry.Remote remote) {
            out.put("fetch", remote.fetch());
            out.put("upstreamKey", remote.upstreamKey());
            if (remote.nonNull()) {
                out.put("nonNull", true);
            }
            if (remote.conditional()) {
                out.put("conditional", true);
            }
            if (!remote.typenames().isEmpty()) {
                out.set("typenames", typenamesJson(remote.typenames()));
            }
        } else if (entry instanceof RootEntry.Constant constant) {
            out.set("constant", constant.value());
            conditionsJson(constant.conditions(), out);
        } else if (entry instanceof RootEntry.Introspection introspection) {
            out.put("introspection", true);
            conditionsJson(introspection.conditions(), out);
        } else if (entry instanceof RootEntry.Namespace namespace) {
            out.put("namespace", namespace.remote());
            conditionsJson(namespace.conditions(), out);
            ArrayNode inner = out.putArray("entries");
            namespace.entries().forEach(e -> inner.add(entryJson(e)));
        }
        return out;
    }

    private static void conditionsJson(List<Condition> conditions, ObjectNode out) {
        if (conditions.isEmpty()) {
            return;
        }
        ArrayNode list = out.putArray("conditions");
        for (Condition condition : conditions) {
            ObjectNode item = list.addObject();
            item.put(condition.include() ? "include" : "skip", condition.variable() == null
                    ? String.valueOf(condition.value()) : "$" + condition.variable() + " (default " + condition.value() + ")");
        }
    }

    private static ObjectNode typenamesJson(TypenameKeys keys) {
        ObjectNode out = Json.object();
        keys.typenameKeys().stream().sorted().forEach(k -> out.put(k, "__typename"));
        keys.children().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> out.set(e.getKey(), typenamesJson(e.getValue())));
        return out;
    }
}
