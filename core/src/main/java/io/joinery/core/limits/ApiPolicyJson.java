package io.joinery.core.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The wire form of {@link ApiPolicy}, the same on both servers: the args of `set_api_limits` and
 * `set_graphql_schema_introspection_options`, and the metadata keys `api_limits` and
 * `graphql_schema_introspection` (written only when not empty, so metadata without them exports
 * without them). Unknown keys are refused rather than dropped (SPEC §0.4).
 */
public final class ApiPolicyJson {
    public static final String API_LIMITS = "api_limits";
    public static final String INTROSPECTION = "graphql_schema_introspection";
    /** The metadata keys this class owns, in export order. */
    public static final List<String> KEYS = List.of(API_LIMITS, INTROSPECTION);

    private static final Set<String> LIMIT_KEYS = Set.of("disabled", "depth_limit", "node_limit", "time_limit",
            "batch_limit", "rate_limit");

    private ApiPolicyJson() {}

    /** Both keys of a metadata object (either may be absent). */
    public static ApiPolicy read(JsonNode metadata, ErrorPath at) {
        ArgsReader root = ArgsReader.of(metadata, at);
        ApiLimits limits = root.optional(API_LIMITS).map(v -> limits(v, at.key(API_LIMITS))).orElse(ApiLimits.NONE);
        IntrospectionOptions introspection = root.optional(INTROSPECTION)
                .map(v -> introspection(v, at.key(INTROSPECTION))).orElse(IntrospectionOptions.NONE);
        return new ApiPolicy(limits, introspection);
    }

    /** Adds the non-empty keys of {@code policy} to an exported metadata object. */
    public static void write(ApiPolicy policy, ObjectNode metadata) {
        if (!policy.limits().isEmpty()) {
            metadata.set(API_LIMITS, toJson(policy.limits()));
        }
        if (!policy.introspection().isEmpty()) {
            metadata.set(INTROSPECTION, toJson(policy.introspection()));
        }
    }

    /** `set_api_limits` args, or the `api_limits` value. */
    public static ApiLimits limits(JsonNode value, ErrorPath at) {
        ArgsReader args = object(value, at);
        args.rejectUnknownKeys(LIMIT_KEYS);
        return new ApiLimits(args.bool("disabled", false),
                roleLimit(args, "depth_limit", ApiPolicyJson::count),
                roleLimit(args, "node_limit", ApiPolicyJson::count),
                roleLimit(args, "time_limit", ApiPolicyJson::seconds),
                roleLimit(args, "batch_limit", ApiPolicyJson::count),
                roleLimit(args, "rate_limit", ApiPolicyJson::rate));
    }

    /** `set_graphql_schema_introspection_options` args, or the `graphql_schema_introspection` value. */
    public static IntrospectionOptions introspection(JsonNode value, ErrorPath at) {
        ArgsReader args = object(value, at);
        args.rejectUnknownKeys(Set.of("disabled_for_roles"));
        return new IntrospectionOptions(new LinkedHashSet<>(args.strings("disabled_for_roles")));
    }

    public static ObjectNode toJson(ApiLimits limits) {
        ObjectNode out = Json.object();
        out.put("disabled", limits.disabled());
        limits.depthLimit().ifPresent(l -> out.set("depth_limit", roleLimitJson(l, IntNode::valueOf)));
        limits.nodeLimit().ifPresent(l -> out.set("node_limit", roleLimitJson(l, IntNode::valueOf)));
        limits.timeLimit().ifPresent(l -> out.set("time_limit", roleLimitJson(l, ApiPolicyJson::secondsJson)));
        limits.batchLimit().ifPresent(l -> out.set("batch_limit", roleLimitJson(l, IntNode::valueOf)));
        limits.rateLimit().ifPresent(l -> out.set("rate_limit", roleLimitJson(l, ApiPolicyJson::rateJson)));
        return out;
    }

    public static ObjectNode toJson(IntrospectionOptions options) {
        ObjectNode out = Json.object();
        ArrayNode roles = out.putArray("disabled_for_roles");
        options.disabledForRoles().forEach(roles::add);
        return out;
    }

    private static <T> Optional<RoleLimit<T>> roleLimit(ArgsReader args, String key,
                                                       BiFunction<JsonNode, ErrorPath, T> value) {
        return args.optional(key).map(node -> {
            ArgsReader limit = object(node, args.at(key));
            limit.rejectUnknownKeys(Set.of("global", "per_role"));
            T global = value.apply(limit.required("global"), limit.at("global"));
            Map<String, T> perRole = new LinkedHashMap<>();
            limit.optional("per_role").ifPresent(roles -> {
                ArgsReader byRole = object(roles, limit.at("per_role"));
                for (Iterator<Map.Entry<String, JsonNode>> it = byRole.node().fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    perRole.put(entry.getKey(), value.apply(entry.getValue(), byRole.at(entry.getKey())));
                }
            });
            return new RoleLimit<>(global, perRole);
        });
    }

    private static <T> ObjectNode roleLimitJson(RoleLimit<T> limit, Function<T, JsonNode> value) {
        ObjectNode out = Json.object();
        out.set("global", value.apply(limit.global()));
        ObjectNode perRole = out.putObject("per_role");
        limit.perRole().forEach((role, v) -> perRole.set(role, value.apply(v)));
        return out;
    }

    private static Integer count(JsonNode value, ErrorPath at) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ArgsReader.mismatch("Int", value, at);
        }
        if (value.intValue() < 0) {
            throw ArgsReader.parseFailed("expected a non-negative number, but encountered " + value.intValue(), at);
        }
        return value.intValue();
    }

    private static BigDecimal seconds(JsonNode value, ErrorPath at) {
        if (!value.isNumber()) {
            throw ArgsReader.mismatch("Number", value, at);
        }
        BigDecimal seconds = value.decimalValue();
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(86_400L * 365)) > 0) {
            throw ArgsReader.parseFailed("expected a number of seconds above 0 and at most a year, but encountered "
                    + seconds.toPlainString(), at);
        }
        return seconds;
    }

    /** Whole seconds as an integer (as most metadata writes them), others as the decimal given. */
    private static JsonNode secondsJson(BigDecimal seconds) {
        BigDecimal stripped = seconds.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return IntNode.valueOf(stripped.intValueExact());
        }
        return DecimalNode.valueOf(seconds);
    }

    private static RateLimit rate(JsonNode value, ErrorPath at) {
        ArgsReader args = object(value, at);
        args.rejectUnknownKeys(Set.of("max_reqs_per_min", "unique_params"));
        int max = count(args.required("max_reqs_per_min"), args.at("max_reqs_per_min"));
        Optional<RateLimit.UniqueParams> unique = args.optional("unique_params")
                .map(params -> uniqueParams(params, args.at("unique_params")));
        return new RateLimit(max, unique);
    }

    private static RateLimit.UniqueParams uniqueParams(JsonNode value, ErrorPath at) {
        String expected = "Not a valid value. Should be either: 'IP' or a list of Hasura session variables";
        if (value.isTextual() && value.asText().toLowerCase(Locale.ROOT).equals("ip")) {
            return RateLimit.UniqueParams.IP;
        }
        if (!value.isArray()) {
            throw ArgsReader.parseFailed(expected, at);
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i);
            String lowered = name.isTextual() ? name.asText().toLowerCase(Locale.ROOT) : "";
            if (!lowered.startsWith("x-hasura-") || lowered.equals("x-hasura-role")) {
                throw ArgsReader.parseFailed(expected, at.index(i));
            }
            names.add(lowered);
        }
        return new RateLimit.UniqueParams(false, names);
    }

    private static JsonNode rateJson(RateLimit rate) {
        ObjectNode out = Json.object();
        out.put("max_reqs_per_min", rate.maxReqsPerMin());
        rate.uniqueParams().ifPresent(unique -> {
            if (unique.ip()) {
                out.put("unique_params", "IP");
            } else {
                ArrayNode names = out.putArray("unique_params");
                unique.sessionVariables().forEach(names::add);
            }
        });
        return out;
    }

    private static ArgsReader object(JsonNode value, ErrorPath at) {
        if (value == null || !value.isObject()) {
            throw ArgsReader.mismatch("Object", value, at);
        }
        return ArgsReader.of(value, at);
    }
}
