package io.joinery.core.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonGenerator;
import io.joinery.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.slf4j.event.KeyValuePair;

/**
 * Writes one log event as one line: a JSON object (`JOINERY_LOG_FORMAT=json`, the default) or
 * plain text (`text`). core's `logback.xml` sets it up for both servers.
 *
 * <pre>
 * {"timestamp": "2026-12-02T23:00:00.123Z", "level": "info", "type": "http-log",
 *  "request_id": "…", "message": "…", "logger": "…", "detail": {…key-value pairs…}, "exception": "…"}
 * </pre>
 * The `type` is Hasura's: a logger named `joinery.<type>` ({@link Logs}) logs that type; any other
 * logger's lines are `unstructured`. Key-value pairs (SLF4J's fluent API) go in `detail`, except
 * `request_id` and `trace_id`, which are lifted to the top. A pair whose key names a credential (authorization,
 * cookie, secret, token, password) is written as `<redacted>`: a safety net, since nothing logs
 * such values by design.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {
    private static final byte[] NO_BYTES = new byte[0];
    private static final String TYPED_PREFIX = "joinery.";
    private static final String REDACTED = "<redacted>";
    private static final String TRACE_ID = "trace_id";

    private boolean json = true;

    /** `json` (the default) or `text`; anything else is refused when the configuration is read. */
    public void setFormat(String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("json") && !f.equals("text")) {
            throw new IllegalArgumentException("JOINERY_LOG_FORMAT must be json or text, got \"" + format + "\"");
        }
        json = f.equals("json");
    }

    @Override
    public byte[] headerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] footerBytes() {
        return NO_BYTES;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return json ? encodeJson(event) : encodeText(event);
    }

    /** The Hasura-like `type` of an event: from a `joinery.<type>` logger, else `unstructured`. */
    static String type(ILoggingEvent event) {
        String logger = event.getLoggerName();
        return logger.startsWith(TYPED_PREFIX) ? logger.substring(TYPED_PREFIX.length()) : "unstructured";
    }

    private static byte[] encodeJson(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
            g.writeStringField("type", type(event));
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            Object requestId = value(pairs, "request_id");
            if (requestId != null) {
                g.writeStringField("request_id", requestId.toString());
            }
            Object traceId = value(pairs, TRACE_ID);
            if (traceId != null) {
                g.writeStringField(TRACE_ID, traceId.toString());
            }
            String message = event.getFormattedMessage();
            if (message != null && !message.isEmpty()) {
                g.writeStringField("message", message);
            }
            g.writeStringField("logger", event.getLoggerName());
            if (pairs != null && pairs.stream().anyMatch(p -> !isLifted(p.key))) {
                g.writeObjectFieldStart("detail");
                for (KeyValuePair pair : pairs) {
                    if (!isLifted(pair.key)) {
                        g.writeFieldName(pair.key);
                        g.writeObject(isCredential(pair.key) ? REDACTED : pair.value);
                    }
                }
                g.writeEndObject();
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static byte[] encodeText(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(event.getTimeStamp())).append(' ')
                .append(String.format("%-5s", event.getLevel())).append(" [").append(type(event)).append("] ")
                .append(event.getLoggerName()).append(" - ").append(event.getFormattedMessage());
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                line.append(' ').append(pair.key).append('=')
                        .append(isCredential(pair.key) ? REDACTED : Json.write(pair.value));
            }
        }
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(thrown));
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** `request_id` and `trace_id` are written at the top of a line, not in `detail`. */
    private static boolean isLifted(String key) {
        return key.equals("request_id") || key.equals(TRACE_ID);
    }

    private static Object value(List<KeyValuePair> pairs, String key) {
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                if (pair.key.equals(key)) {
                    return pair.value;
                }
            }
        }
        return null;
    }

    private static boolean isCredential(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("authorization") || k.contains("cookie") || k.contains("secret") || k.contains("token")
                || k.contains("password");
    }
}
