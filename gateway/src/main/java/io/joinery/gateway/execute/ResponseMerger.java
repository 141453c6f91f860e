package io.joinery.gateway.execute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.joinery.core.json.Json;
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
import java.util.Set;

/**
 * Assembles the client's `{data, errors}` from the fetch outcomes, in the client's selection order
 * (SPEC §0.1): a failed or erroring remote makes its fields `null` with one error per field at the
 * client path; an upstream error with a path gets the client path in front of the rest of its
 * path; a null in a non-null root position nulls `data`. `__typename` values of remotes that rename
 * types are translated to gateway names.
 */
public final class ResponseMerger {
    private ResponseMerger() {}

    public static ExecutionOutcome merge(QueryPlan plan, List<FetchOutcome> outcomes, Supergraph supergraph,
                                         ExecutionRequest request) {
        Merge merge = new Merge(plan, outcomes, supergraph, request);
        ObjectNode data = Json.object();
        boolean nulled = merge.entries(plan.entries(), data, List.of());
        ObjectNode body = Json.object();
        if (nulled) {
            body.putNull("data");
        } else {
            body.set("data", data);
        }
        if (!merge.errors.isEmpty()) {
            body.set("errors", merge.errors);
        }
        List<String> cookies = new ArrayList<>();
        outcomes.forEach(o -> {
            if (o instanceof FetchOutcome.Answered answered) {
                cookies.addAll(answered.setCookies());
            }
        });
        return new ExecutionOutcome(body, cookies);
    }

    private static final class Merge {
        private final QueryPlan plan;
        private final List<FetchOutcome> outcomes;
        private final Supergraph supergraph;
        private final ExecutionRequest request;
        private final ArrayNode errors = Json.array();
        private final List<Set<String>> upstreamKeys = new ArrayList<>();
        private final FieldErrors fieldErrors;

        Merge(QueryPlan plan, List<FetchOutcome> outcomes, Supergraph supergraph, ExecutionRequest request) {
            this.plan = plan;
            this.outcomes = outcomes;
            this.supergraph = supergraph;
            this.request = request;
            this.fieldErrors = new FieldErrors(errors, request.session().isAdmin(),
                    io.joinery.gateway.plan.JoinNode.hiddenKeyOwners(plan.joins()));
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
        boolean entries(List<RootEntry> entries, ObjectNode target, List<Object> parentPath) {
            boolean propagate = false;
            for (RootEntry entry : entries) {
                List<Object> path = new ArrayList<>(parentPath);
                path.add(entry.responseKey());
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
        private JsonNode remote(RootEntry.Remote entry, List<Object> path) {
            FetchOutcome outcome = outcomes.get(entry.fetch());
            if (outcome instanceof FetchOutcome.Failed failed) {
                error(failed.message(), path, failed.internal());
                return NullNode.getInstance();
            }
            FetchOutcome.Answered answered = (FetchOutcome.Answered) outcome;
            Set<String> keys = upstreamKeys.get(entry.fetch());
            boolean unpathed = false;
            for (JsonNode upstreamError : answered.errors()) {
                JsonNode upstreamPath = upstreamError.get("path");
                boolean usable = upstreamPath != null && upstreamPath.isArray() && !upstreamPath.isEmpty()
                        && upstreamPath.get(0).isTextual() && keys.contains(upstreamPath.get(0).asText());
                if (!usable) {
                    unpathed = true;
                    error(FieldErrors.message(upstreamError), path, upstreamError);
                } else if (upstreamPath.get(0).asText().equals(entry.upstreamKey())) {
                    List<Object> full = new ArrayList<>(path);
                    for (int i = 1; i < upstreamPath.size(); i++) {
                        JsonNode segment = upstreamPath.get(i);
                        full.add(segment.isInt() ? (Object) segment.asInt() : segment.asText());
                    }
                    error(FieldErrors.message(upstreamError), full, upstreamError);
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
                error("expecting key " + entry.upstreamKey() + " in the response from remote", path, null);
                return NullNode.getInstance();
            }
            if (!entry.typenames().isEmpty()) {
                RemoteNames names = supergraph.remotes().get(plan.roots().get(entry.fetch()).remote()).names();
                value = value.deepCopy();
                translate(value, entry.typenames(), names);
            }
            return value;
        }

        private void error(String message, List<Object> path, JsonNode internal) {
            fieldErrors.add(message, path, internal);
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
