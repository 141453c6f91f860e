package io.joinery.core.observe;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what libraries log through `java.util.logging` (the OpenTelemetry SDK: a failed export, a
 * wrong setting) to SLF4J, so that it is written as every other line, one JSON object at the
 * configured level (core's `logback.xml` keeps `io.opentelemetry` at warnings), instead of JUL's
 * two-line text on stderr. Installed once, at start ({@link Tracing#fromEnv}).
 */
final class JulBridge extends Handler {
    private static final AtomicBoolean INSTALLED = new AtomicBoolean();
    private final SimpleFormatter formatter = new SimpleFormatter();

    private JulBridge() {}

    /** Replaces the JUL root logger's handlers (its console handler) by this bridge; once per JVM. */
    static void install() {
        if (!INSTALLED.compareAndSet(false, true)) {
            return;
        }
        java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        root.addHandler(new JulBridge());
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(record.getLoggerName() == null ? "jul" : record.getLoggerName());
        int level = record.getLevel().intValue();
        org.slf4j.event.Level to = level >= Level.SEVERE.intValue() ? org.slf4j.event.Level.ERROR
                : level >= Level.WARNING.intValue() ? org.slf4j.event.Level.WARN
                : level >= Level.INFO.intValue() ? org.slf4j.event.Level.INFO
                : level >= Level.FINE.intValue() ? org.slf4j.event.Level.DEBUG : org.slf4j.event.Level.TRACE;
        if (!logger.isEnabledForLevel(to)) {
            return;
        }
        logger.atLevel(to).setCause(record.getThrown()).log(formatter.formatMessage(record));
    }

    @Override
    public void flush() {
        // nothing buffered here: SLF4J's appenders flush
    }

    @Override
    public void close() {
        // nothing held
    }
}
