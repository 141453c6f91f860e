package io.joinery.core.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Hasura's boolean texts, the one list of them: `true`, `t`, `yes`, `y` and `false`, `f`, `no`,
 * `n`, in any case, surrounding spaces ignored. Hasura reads its settings and the
 * `x-hasura-use-backend-only-permissions` header this way; {@link Environment#flag} also takes `1`
 * and `0`.
 */
public final class HasuraBooleans {
    private HasuraBooleans() {}

    /** The boolean {@code text} names, or empty when it is none of the texts above. */
    public static Optional<Boolean> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y" -> Optional.of(true);
            case "false", "f", "no", "n" -> Optional.of(false);
            default -> Optional.empty();
        };
    }
}
