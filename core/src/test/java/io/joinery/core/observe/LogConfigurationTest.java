package io.joinery.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** core's `logback.xml` as the servers run it: JSON or text lines on stdout, at the configured level. */
class LogConfigurationTest {

    private static final List<String> SETTINGS = List.of("JOINERY_LOG_FORMAT", "JOINERY_LOG_LEVEL");

    /**
     * Logs through a fresh context configured from logback.xml with {@code settings} (as system
     * properties, which Logback reads before the environment; the build sets both for the tests);
     * what reached stdout.
     */
    private static String logged(Map<String, String> settings, java.util.function.Consumer<LoggerContext> logging)
            throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        Map<String, String> saved = new java.util.HashMap<>();
        for (String name : SETTINGS) {
            if (System.getProperty(name) != null) {
                saved.put(name, System.getProperty(name));
            }
            if (settings.containsKey(name)) {
                System.setProperty(name, settings.get(name));
            } else {
                System.clearProperty(name);
            }
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogConfigurationTest.class.getResource("/logback.xml"));
            List<Status> errors = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.WARN).toList();
            assertThat(errors).as("logback.xml problems").isEmpty();
            logging.accept(context);
            context.stop(); // flushes the asynchronous appender
        } finally {
            System.setOut(stdout);
            SETTINGS.forEach(System::clearProperty);
            saved.forEach(System::setProperty);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void byDefault_oneJsonObjectPerLine_atInfo_withTypeAndRequestId() throws Exception {
        String out = logged(Map.of(), context -> {
            Logger http = context.getLogger("joinery.http-log");
            http.atInfo().addKeyValue("request_id", "r-1").addKeyValue("http_info", Map.of("status", 200))
                    .log("POST /v1/graphql 200");
            context.getLogger("joinery.query-log").debug("not at info");
            context.getLogger("io.joinery.gateway.Gateway").warn("plain {}", "warning");
        });
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = Json.parseJsonOrYaml(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("http-log");
        assertThat(first.get("level").asText()).isEqualTo("info");
        assertThat(first.get("request_id").asText()).isEqualTo("r-1");
        assertThat(first.at("/detail/http_info/status").asInt()).isEqualTo(200);
        assertThat(first.get("timestamp").asText()).endsWith("Z");
        JsonNode second = Json.parseJsonOrYaml(lines.get(1));
        assertThat(second.get("type").asText()).isEqualTo("unstructured");
        assertThat(second.get("message").asText()).isEqualTo("plain warning");
    }

    @Test
    void textFormat_andDebugLevel_areApplied() throws Exception {
        String out = logged(Map.of("JOINERY_LOG_FORMAT", "text", "JOINERY_LOG_LEVEL", "debug"), context ->
                context.getLogger("joinery.query-log").atDebug().addKeyValue("request_id", "r-2").log("a query"));
        assertThat(out).contains("DEBUG [query-log] joinery.query-log - a query request_id=\"r-2\"");
        assertThat(out.trim()).doesNotStartWith("{");
    }

    @Test
    void credentialKeys_areRedacted() throws Exception {
        String out = logged(Map.of(), context -> context.getLogger("joinery.http-log").atInfo()
                .addKeyValue("authorization", "Bearer abc.def.ghi").addKeyValue("admin_secret", "s3cret").log("x"));
        assertThat(out).doesNotContain("abc.def.ghi").doesNotContain("s3cret").contains("<redacted>");
    }
}
