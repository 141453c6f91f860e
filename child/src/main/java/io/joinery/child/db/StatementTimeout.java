package io.joinery.child.db;

import io.joinery.core.config.Environment;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `JOINERY_DB_STATEMENT_TIMEOUT` (SPEC §11.2): how long one SQL statement of the child may run
 * before Postgres cancels it, set as `statement_timeout` on every connection of the child's pools.
 * Default 60 s; `0`: Joinery sets none, and the database's own setting (role, `postgresql.conf`) applies.
 *
 * <p>Values: a whole number of seconds (`30`), or Postgres's duration syntax, a number and one of
 * its units with or without a space (`500ms`, `30s`, `2min`, `1h`, `1 d`). Unlike Postgres, a bare
 * number means seconds, as every other `JOINERY_*` duration.
 */
public final class StatementTimeout {
    public static final String VARIABLE = "JOINERY_DB_STATEMENT_TIMEOUT";
    public static final Duration DEFAULT = Duration.ofSeconds(60);
    /** The longest `statement_timeout` Postgres takes (2^31 - 1 ms, about 24 days). */
    public static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

    private static final Pattern VALUE = Pattern.compile("(\\d{1,12})\\s*(ms|s|min|h|d)?");

    private StatementTimeout() {}

    /** The configured timeout; {@link Duration#ZERO} means Joinery sets none. */
    public static Duration fromEnvironment(Environment settings) {
        return settings.setting(VARIABLE).map(s -> parse(s.name(), s.value())).orElse(DEFAULT);
    }

    /** @throws IllegalArgumentException naming {@code variable} when {@code value} is not a duration */
    public static Duration parse(String variable, String value) {
        Matcher m = VALUE.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(variable + " must be a number of seconds or a Postgres duration"
                    + " such as 500ms, 30s or 2min, got \"" + value + "\"");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration timeout = switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (timeout.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(variable + " must be at most " + MAX.toMillis()
                    + "ms (Postgres's limit), got \"" + value + "\"");
        }
        return timeout;
    }
}
