package io.joinery.core.auth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * JWT times given in seconds (the NumericDates `exp`, `nbf`, `iat`; `allowed_skew`) as whole
 * milliseconds. A JSON number can be `1e300000000`: scaling it is a power of ten with hundreds of
 * millions of digits (minutes of CPU), so callers compare it with {@link #MAX} and {@link #MIN}
 * first (comparisons of BigDecimals look at their exponents first: cheap) and convert only what lies
 * between them.
 */
final class JwtSeconds {
    /** The most seconds whose milliseconds fit in a long. */
    static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE / 1000);
    /** The fewest seconds whose milliseconds fit in a long. */
    static final BigDecimal MIN = BigDecimal.valueOf(Long.MIN_VALUE / 1000);
    private static final BigDecimal ONE_MILLISECOND = new BigDecimal("0.001");

    private JwtSeconds() {}

    /**
     * The whole milliseconds of {@code seconds} (cut towards zero; 0 under a millisecond, however
     * small), which lies between {@link #MIN} and {@link #MAX}; within them a number has at most
     * Jackson's 1,000 digits and a scale near them.
     */
    static long toMillis(BigDecimal seconds) {
        if (seconds.abs().compareTo(ONE_MILLISECOND) < 0) {
            return 0;
        }
        return seconds.setScale(3, RoundingMode.DOWN).movePointRight(3).longValueExact();
    }
}
