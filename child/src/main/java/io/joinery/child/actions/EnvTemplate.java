package io.joinery.child.actions;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `{{ENV_VAR}}` templates in action handler URLs and header values (SPEC §3.2). The environment
 * is a function so that tests need no real variables; production passes `System::getenv`.
 */
public final class EnvTemplate {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}\\s]+)\\s*}}");

    private EnvTemplate() {}

    /** The template with every variable replaced; a variable that is not set is `not-found`. */
    public static String expand(String template, Function<String, String> env) {
        Matcher matcher = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(lookup(matcher.group(1), env)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The variables the template uses that `env` does not set, in order: for metadata-time checks. */
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

    /** One variable's value; not set is `not-found` with Hasura's message. */
    public static String lookup(String variable, Function<String, String> env) {
        String value = env.apply(variable);
        if (value == null) {
            throw new JoineryException(ErrorCode.NOT_FOUND, "environment variable '" + variable + "' not set",
                    ErrorPath.root());
        }
        return value;
    }
}
