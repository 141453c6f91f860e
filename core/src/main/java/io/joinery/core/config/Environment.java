package io.joinery.core.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The process environment as both servers read their settings from it (SPEC §9): a `JOINERY_X`
 * variable, or, when it is unset or blank, its Hasura twin, so a Hasura deployment's environment
 * works unchanged. Only `main` builds one from the real environment; tests pass a map.
 *
 * <pre>
 * JOINERY_ADMIN_SECRET       HASURA_GRAPHQL_ADMIN_SECRET, then HASURA_GRAPHQL_ACCESS_KEY (deprecated)
 * JOINERY_JWT_SECRET         HASURA_GRAPHQL_JWT_SECRET
 * JOINERY_AUTH_HOOK          HASURA_GRAPHQL_AUTH_HOOK
 * JOINERY_AUTH_HOOK_MODE     HASURA_GRAPHQL_AUTH_HOOK_MODE
 * JOINERY_UNAUTHORIZED_ROLE  HASURA_GRAPHQL_UNAUTHORIZED_ROLE
 * JOINERY_CORS_DOMAIN        HASURA_GRAPHQL_CORS_DOMAIN
 * JOINERY_PORT               HASURA_GRAPHQL_SERVER_PORT
 * JOINERY_HOST               HASURA_GRAPHQL_SERVER_HOST
 * JOINERY_DATABASE_URL       HASURA_GRAPHQL_DATABASE_URL
 * JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS  HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS
 * </pre>
 */
public final class Environment {
    private static final Map<String, List<String>> HASURA_TWINS = Map.of(
            "JOINERY_ADMIN_SECRET", List.of("HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_ACCESS_KEY"),
            "JOINERY_JWT_SECRET", List.of("HASURA_GRAPHQL_JWT_SECRET"),
            "JOINERY_AUTH_HOOK", List.of("HASURA_GRAPHQL_AUTH_HOOK"),
            "JOINERY_AUTH_HOOK_MODE", List.of("HASURA_GRAPHQL_AUTH_HOOK_MODE"),
            "JOINERY_UNAUTHORIZED_ROLE", List.of("HASURA_GRAPHQL_UNAUTHORIZED_ROLE"),
            "JOINERY_CORS_DOMAIN", List.of("HASURA_GRAPHQL_CORS_DOMAIN"),
            "JOINERY_PORT", List.of("HASURA_GRAPHQL_SERVER_PORT"),
            "JOINERY_HOST", List.of("HASURA_GRAPHQL_SERVER_HOST"),
            "JOINERY_DATABASE_URL", List.of("HASURA_GRAPHQL_DATABASE_URL"),
            "JOINERY_ENABLE_REMOTE_SCHEMA_PERMISSIONS", List.of("HASURA_GRAPHQL_ENABLE_REMOTE_SCHEMA_PERMISSIONS"));

    /** One variable that was set, and under which name (messages name the variable the user set). */
    public record Setting(String name, String value) {}

    private final Function<String, String> lookup;

    private Environment(Function<String, String> lookup) {
        this.lookup = lookup;
    }

    public static Environment of(Function<String, String> lookup) {
        return new Environment(lookup);
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables::get);
    }

    /** {@code name} if set and not blank, else the first of its Hasura twins that is. */
    public Optional<Setting> setting(String name) {
        Optional<Setting> own = named(name);
        for (String twin : HASURA_TWINS.getOrDefault(name, List.of())) {
            own = own.or(() -> named(twin));
        }
        return own;
    }

    /** The value of {@link #setting}. */
    public Optional<String> get(String name) {
        return setting(name).map(Setting::value);
    }

    /**
     * The whole number in {@link #setting}, or {@code fallback} when unset.
     *
     * @throws IllegalArgumentException naming the variable when it is not a whole number
     */
    public int integer(String name, int fallback) {
        return setting(name).map(s -> {
            try {
                return Integer.parseInt(s.value().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(s.name() + " must be a whole number, got \"" + s.value() + "\"");
            }
        }).orElse(fallback);
    }

    /**
     * The yes/no in {@link #setting}, or {@code fallback} when unset. Values as Hasura reads booleans:
     * true/t/yes/y/1 or false/f/no/n/0, in any case.
     *
     * @throws IllegalArgumentException naming the variable for any other value
     */
    public boolean flag(String name, boolean fallback) {
        return setting(name).map(s -> switch (s.value().trim()) {
            case "1" -> true;
            case "0" -> false;
            default -> HasuraBooleans.parse(s.value()).orElseThrow(() ->
                    new IllegalArgumentException(s.name() + " must be true or false, got \"" + s.value() + "\""));
        }).orElse(fallback);
    }

    /** Exactly {@code name}, no twins: for variables the metadata names (`url_from_env`, `{{VAR}}`). */
    public Optional<Setting> named(String name) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Setting(name, value));
    }
}
