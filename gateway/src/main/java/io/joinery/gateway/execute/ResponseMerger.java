package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.ClientPath;
import io.joinery.gateway.plan.Condition;
import io.joinery.gateway.plan.QueryPlan;
import io.joinery.gateway.plan.RootEntry;
import io.joinery.gateway.plan.TypenameKeys;
import io.joinery.gateway.schema.RemoteNames;
import io.joinery.gateway.schema.Supergraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assembles the client's `data` from the root fetch outcomes, in the client's selection order
 * (SPEC §0.1): a failed or erroring remote makes its fields `null` with one error per field at the
 * client path; an upstream error with a path is placed by {@link FieldErrors#addUpstream}; a null in
 * a non-null root position nulls `data`. `__typename` values of remotes that rename types are
 * translated to gateway names.
 */
final class ResponseMerger {
    private ResponseMerger() {}

    /** The client's `data`: an object, or a null that propagated from a non-null root field. */
    static JsonNode merge(QueryPlan plan, List<FetchOutcome> outcomes, Supergraph supergraph,
                          ExecutionRequest request, FieldErrors errors) {
        Merge merge = new Merge(plan, outcomes, supergraph, request, errors);
        ObjectNode data = Json.object();
        boolean nulled = merge.entries(plan.entries(), data, ClientPath.ROOT);
        return nulled ? NullNode.getInstance() : data;
    }

    private static final class Merge {
        private final QueryPlan plan;
        private final List<FetchOutcome> outcomes;
        private final Supergraph supergraph;
        private final ExecutionRequest request;
        private final FieldErrors errors;
        private final List<Set<String>> upstreamKeys = new ArrayList<>();

        Merge(QueryPlan plan, List<FetchOutcome> outcomes, Supergraph supergraph, ExecutionRequest request,
              FieldErrors errors) {
            this.plan = plan;
            this.outcomes = outcomes;
            this.supergraph = supergraph;
            this.request = request;
            this.errors = errors;
            plan.roots().forEach(r -> upstreamKeys.add(new HashSet<>()));
            collectKeys(plan.entries());
        }

        private void collectKeys(List<RootEntry> entries) {
            for (RootEntry entry : entries) {
                if (entry instanceof RootEntry.Remote remote) {
                    upstreamKeys.get(remote.fetch()).add(remote.upstreamKey());
                } else if (entry instanceof RootEntry.Namespace namespace) {
                    collectKeys(namespace.entries());
                }
            }
        }

        /** Fills {@code target}; true when a null must propagate to the parent. */
        boolean entries(List<RootEntry> entries, ObjectNode target, ClientPath parentPath) {
            boolean propagate = false;
            for (RootEntry entry : entries) {
                ClientPath path = parentPath.key(entry.responseKey());
                if (entry instanceof RootEntry.Remote remote) {
                    JsonNode value = remote(remote, path);
                    if (value != null) {
                        target.set(remote.responseKey(), value);
                        propagate |= value.isNull() && remote.nonNull();
                    }
                } else if (entry instanceof RootEntry.Constant constant) {
                    if (Condition.allPass(constant.conditions(), request.variables())) {
                        target.set(constant.responseKey(), constant.value());
                    }
                } else if (entry instanceof RootEntry.Introspection introspection) {
                    JsonNode value = request.introspection().get(introspection.responseKey());
                    if (value != null && Condition.allPass(introspection.conditions(), request.variables())) {
                        target.set(introspection.responseKey(), value);
                    }
                } else if (entry instanceof RootEntry.Namespace namespace) {
                    if (Condition.allPass(namespace.conditions(), request.variables())) {
                        ObjectNode inner = Json.object();
                        boolean nulled = entries(namespace.entries(), inner, path);
                        target.set(namespace.responseKey(), nulled ? NullNode.getInstance() : inner);
                    }
                }
            }
            return propagate;
        }

        /** The value for one remote root field, or null when the remote left it out (`@skip`). */
        private JsonNode remote(RootEntry.Remote entry, ClientPath path) {
            FetchOutcome outcome = outcomes.get(entry.fetch());
            if (outcome instanceof FetchOutcome.Failed failed) {
                errors.add(failed.message(), path, failed.internal());
                return NullNode.getInstance();
            }
            FetchOutcome.Answered answered = (FetchOutcome.Answered) outcome;
            Set<String> keys = upstreamKeys.get(entry.fetch());
            boolean unpathed = false;
            for (JsonNode upstreamError : answered.errors()) {
                Optional<String> key = FieldErrors.upstreamKey(upstreamError).filter(keys::contains);
                if (key.isEmpty()) {
                    unpathed = true;
                    errors.addUnplaced(upstreamError, path, upstreamError);
                } else if (key.get().equals(entry.upstreamKey())) {
                    errors.addUpstream(upstreamError, path, List.of());
                }
            }
            if (unpathed || answered.data() == null) {
                return NullNode.getInstance();
            }
            JsonNode value = answered.data().get(entry.upstreamKey());
            if (value == null) {
                if (entry.conditional()) {
                    return null;
                }
                errors.add("expecting key " + entry.upstreamKey() + " in the response from remote", path, null);
                return NullNode.getInstance();
            }
            if (!entry.typenames().isEmpty()) {
                RemoteNames names = supergraph.remotes().get(plan.roots().get(entry.fetch()).remote()).names();
                value = value.deepCopy();
                translate(value, entry.typenames(), names);
            }
            return value;
        }
    }

    /** Rewrites `__typename` values in place, following {@code keys}; lists are walked element-wise. */
    static void translate(JsonNode value, TypenameKeys keys, RemoteNames names) {
        if (value instanceof ArrayNode array) {
            array.forEach(element -> translate(element, keys, names));
            return;
        }
        if (!(value instanceof ObjectNode object)) {
            return;
        }
        for (String key : keys.typenameKeys()) {
            JsonNode typename = object.get(key);
            if (typename != null && typename.isTextual()) {
                object.set(key, TextNode.valueOf(names.gatewayType(typename.asText())));
            }
        }
        for (Map.Entry<String, TypenameKeys> child : keys.children().entrySet()) {
            JsonNode inner = object.get(child.getKey());
            if (inner != null) {
                translate(inner, child.getValue(), names);
            }
        }
    }
}
