package io.joinery.core.metadata;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for environment values in metadata (SPEC §3.2, §4.1): `{{VAR}}` templates in
 * URLs and header values (`{{ACTION_BASE_URL}}/create-user`), and `*_from_env` names. A variable is
 * everything between `{{` and `}}` except braces and white space, which may surround it
 * (`{{ VAR }}`), as in Hasura's URL templates. Text outside `{{...}}` is kept as it is.
 *
 * <p>The environment is a function so tests need no real variables; production passes the
 * environment its config record read once. An unset variable is an error the caller chooses: the
 * child answers Hasura's `not-found` at request time, the gateway reports the remote inconsistent.
 */
public final class EnvTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

    private EnvTemplate() {}

    /** The template with every variable replaced; an unset variable is {@link #notSet}. */
    public static String expand(String template, Function<String, String> env) {
        return expand(template, env, EnvTemplate::notSet);
    }

    /** The template with every variable replaced; an unset variable throws {@code unset.apply(name)}. */
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

    /** The variables the template uses that {@code env} does not set, in order: for metadata-time checks. */
    public static List<String> missingVariables(String template, Function<String, String> env) {
        List<String> missing = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find()) {
            if (env.apply(matcher.group(1)) == null && !missing.contains(matcher.group(1))) {
                missing.add(matcher.group(1));
            }
        }
        return missing;
    }

    /** One variable's value (`value_from_env`); unset is {@link #notSet}. */
    public static String lookup(String variable, Function<String, String> env) {
        return lookup(variable, env, EnvTemplate::notSet);
    }

    public static String lookup(String variable, Function<String, String> env,
                                Function<String, JoineryException> unset) {
        String value = env.apply(variable);
        if (value == null) {
            throw unset.apply(variable);
        }
        return value;
    }

    /** Hasura's error for an unset variable at request time: `not-found`. */
    public static JoineryException notSet(String variable) {
        return new JoineryException(ErrorCode.NOT_FOUND, "environment variable '" + variable + "' not set",
                ErrorPath.root());
    }
}
