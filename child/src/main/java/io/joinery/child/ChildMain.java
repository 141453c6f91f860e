package io.joinery.child;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.child.db.Database;
import io.joinery.child.db.StatementTimeout;
import io.joinery.core.config.Environment;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.core.http.JoineryVersion;
import io.joinery.core.http.NettySettings;
import io.joinery.core.json.Json;
import io.joinery.core.observe.ObservabilityConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** `java -jar joinery-child.jar`: configuration from the environment, see docs/configuration.md. */
public final class ChildMain {
    private static final Logger LOG = LoggerFactory.getLogger(ChildMain.class);

    private ChildMain() {}

    public static void main(String[] args) throws InterruptedException {
        NettySettings.forService();
        ChildConfig config;
        Optional<JsonNode> metadata;
        Duration statementTimeout;
        try {
            config = ChildConfig.fromEnvironment(System.getenv());
            ObservabilityConfig.fromEnv(System::getenv);
            metadata = config.metadataFile().map(ChildMain::readMetadataFile);
            statementTimeout = StatementTimeout.fromEnvironment(Environment.of(config.env()));
        } catch (RuntimeException e) {
            System.err.println("joinery-child: " + e.getMessage());
            System.exit(2);
            return;
        }
        Database database;
        try {
            database = config.databaseUrl()
                    .map(url -> Database.connect(DatabaseUrl.parse(url), config.maxConnections(), statementTimeout))
                    .orElseGet(() -> Database.startEmbedded(config.dataDir(), config.maxConnections(), true,
                            statementTimeout));
        } catch (RuntimeException e) {
            System.err.println("joinery-child: " + e.getMessage());
            System.exit(1);
            return;
        }
        LOG.info("joinery-child {} using {} database {}", JoineryVersion.current(),
                database.isEmbedded() ? "embedded" : "external", database.url().redacted());
        ChildApp app;
        try {
            app = ChildApp.start(config, database, metadata);
        } catch (RuntimeException e) {
            database.close();
            System.err.println("joinery-child: cannot listen on port " + config.port() + ": " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            app.close();
            stopped.countDown();
        }, "joinery-shutdown"));
        app.store().ready().subscribe(loaded -> { }, error -> {
            LOG.error("stopping: metadata cannot be loaded: {}", error.getMessage());
            System.exit(1);
        });
        stopped.await();
    }

    private static JsonNode readMetadataFile(Path file) {
        try {
            return Json.parseJsonOrYaml(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JOINERY_METADATA file " + file + ": " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

}
