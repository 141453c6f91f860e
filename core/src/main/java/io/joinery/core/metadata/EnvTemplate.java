package io.joinery.core.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar and the one resolver for environment values in metadata (SPEC §3.2, §4.1):
 * `{{VAR}}` templates in URLs and header values (`{{ACTION_BASE_URL}}/create-user`), and
 * `*_from_env` names. A variable is everything between `{{` and `}}` except braces and white
 * space, which may surround it (`{{ VAR }}`), as in Hasura's URL templates. Text outside `{{...}}`
 * is kept as it is.
 *
 * <p>Metadata never reads the server's own secrets ({@link #SERVER_SECRETS}, SPEC §11.2): whoever
 * may change metadata could otherwise send them to a URL of their choice (`{"name": "X-Leak",
 * "value_from_env": "JOINERY_ADMIN_SECRET"}`). Such a variable makes its object inconsistent
 * (`invalid-configuration`, naming it), whether or not it is set. Every read goes through
 * {@link #lookup}, so there is no second way in.
 *
 * <p>The environment is a function so tests need no real variables; production passes the
 * environment its config record read once. An unset variable is an error the caller chooses: the
 * child answers Hasura's `not-found` at request time, the gateway reports the remote inconsistent.
 */
public final class EnvTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

    /**
     * The server's own secrets and its database URLs (which carry passwords), under every name the
     * servers read them by (docs/security.md#template-secrets). Names are exact, as the environment's are.
     */
    public static final Set<String> SERVER_SECRETS = Set.of(
            "JOINERY_ADMIN_SECRET", "HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_ACCESS_KEY",
            "JOINERY_JWT_SECRET", "HASURA_GRAPHQL_JWT_SECRET",
            "JOINERY_DATABASE_URL", "HASURA_GRAPHQL_DATABASE_URL",
            "JOINERY_METADATA_DATABASE_URL", "HASURA_GRAPHQL_METADATA_DATABASE_URL",
            "JOINERY_METRICS_SECRET", "HASURA_GRAPHQL_METRICS_SECRET",
            "JOINERY_AUTH_HOOK", "HASURA_GRAPHQL_AUTH_HOOK");

    private EnvTemplate() {}

    /** The template with every variable replaced; an unset variable is {@link #notSet}. */
    public static String expand(String template, Function<String, String> env) {
        return expand(template, env, EnvTemplate::notSet);
    }

    /**
     * The template with every variable replaced; an unset variable throws {@code unset.apply(name)},
     * a server secret {@link #serverSecret}.
     */
    public static String expand(String template, Function<String, String> env,
                                Function<String, JoineryException> unset) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(lookup(matcher.group(1), env, unset)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The variables the template names, in order, each once. */
    public static List<String> variables(String template) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            if (!names.contains(matcher.group(1))) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The variables the template uses that {@code env} does not set, in order: for metadata-time checks. */
    public static List<String> missingVariables(String template, Function<String, String> env) {
        return variables(template).stream().filter(v -> env.apply(v) == null).toList();
    }

    /**
     * Why metadata naming {@code variables} (templates' and `*_from_env` names) cannot be resolved
     * now, as an inconsistency reason without its prefix: the first server secret, else the unset
     * ones ({@code unsetReason} of the list); empty when all can be read.
     */
    public static Optional<String> unreadable(List<String> variables, Function<String, String> env,
                                              Function<List<String>, String> unsetReason) {
        Optional<String> secret = variables.stream().filter(EnvTemplate::isServerSecret).findFirst();
        if (secret.isPresent()) {
            return secret.map(EnvTemplate::serverSecretReason);
        }
        List<String> missing = variables.stream().distinct().filter(v -> env.apply(v) == null).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of(unsetReason.apply(missing));
    }

    /** One variable's value (`value_from_env`); unset is {@link #notSet}. */
    public static String lookup(String variable, Function<String, String> env) {
        return lookup(variable, env, EnvTemplate::notSet);
    }

    /** The one read of a variable for metadata: a server secret is refused ({@link #serverSecret}), unset is {@code unset}. */
    public static String lookup(String variable, Function<String, String> env,
                                Function<String, JoineryException> unset) {
        if (isServerSecret(variable)) {
            throw serverSecret(variable);
        }
        String value = env.apply(variable);
        if (value == null) {
            throw unset.apply(variable);
        }
        return value;
    }

    public static boolean isServerSecret(String variable) {
        return SERVER_SECRETS.contains(variable);
    }

    /** The reason (without the `Inconsistent object: ` prefix) for metadata that names a server secret. */
    public static String serverSecretReason(String variable) {
        return "environment variable '" + variable + "' is a secret of this server: metadata cannot read it";
    }

    /** Metadata naming a server secret: `invalid-configuration`, the object is inconsistent. */
    public static JoineryException serverSecret(String variable) {
        return new JoineryException(ErrorCode.INVALID_CONFIGURATION,
                InconsistentObject.REASON_PREFIX + serverSecretReason(variable), ErrorPath.args());
    }

    /** Hasura's error for an unset variable at request time: `not-found`. */
    public static JoineryException notSet(String variable) {
        return new JoineryException(ErrorCode.NOT_FOUND, "environment variable '" + variable + "' not set",
                ErrorPath.root());
    }
}
