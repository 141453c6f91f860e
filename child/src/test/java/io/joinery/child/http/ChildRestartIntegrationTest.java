package io.joinery.child.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.child.ChildApp;
import io.joinery.child.ChildConfig;
import io.joinery.child.db.Database;
import io.joinery.core.pg.DatabaseUrl;
import io.joinery.core.http.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durability and recovery: metadata survives a restart; a database outage is a clear error, then heals. */
class ChildRestartIntegrationTest {

    private static ChildConfig config() {
        return new ChildConfig(0, "127.0.0.1", Optional.empty(), Optional.empty(), Path.of("unused"),
                Optional.empty(), "*", 4);
    }

    @Test
    void embeddedDatabase_keepsDataAndMetadataAcrossRestarts() throws IOException {
        Path dataDir = Files.createTempDirectory("joinery-restart");
        try (ChildApp first = ChildApp.start(config(), Database.startEmbedded(dataDir, 4, false), Optional.empty())
                .awaitReady(Duration.ofSeconds(60))) {
            TestHttp http = new TestHttp(first.port());
            assertThat(http.runSql("CREATE TABLE author (id int PRIMARY KEY, name text); "
                    + "INSERT INTO author VALUES (1, 'Ada')").status()).isEqualTo(200);
            assertThat(http.metadata("{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}}").status())
                    .isEqualTo(200);
        }
        try (ChildApp second = ChildApp.start(config(), Database.startEmbedded(dataDir, 4, false), Optional.empty())
                .awaitReady(Duration.ofSeconds(60))) {
            TestHttp http = new TestHttp(second.port());
            assertThat(http.graphql("{ author { name } }").json().at("/data/author/0/name").asText()).isEqualTo("Ada");
            assertThat(http.get("/healthz").body()).isEqualTo("OK");
        }
    }

    @Test
    void databaseDown_givesClearError_andRecoversWithoutRestart() throws IOException {
        Path dataDir = Files.createTempDirectory("joinery-outage");
        int port = freePort();
        EmbeddedPostgres pg = startPg(dataDir, port);
        Database database = Database.connect(DatabaseUrl.local(port, "postgres", "postgres"), 4);
        try (ChildApp child = ChildApp.start(config(), database, Optional.empty()).awaitReady(Duration.ofSeconds(60))) {
            TestHttp http = new TestHttp(child.port());
            assertThat(http.runSql("CREATE TABLE author (id int PRIMARY KEY, name text); "
                    + "INSERT INTO author VALUES (1, 'Ada')").status()).isEqualTo(200);
            assertThat(http.metadata("{\"type\":\"pg_track_table\",\"args\":{\"table\":\"author\"}}").status())
                    .isEqualTo(200);
            assertThat(http.graphql("{ author { name } }").json().has("data")).isTrue();

            pg.close();
            TestHttp.Response down = http.graphql("{ author { name } }");
            assertThat(down.status()).isEqualTo(200);
            assertThat(down.json().at("/errors/0/extensions/code").asText()).isEqualTo("postgres-error");
            assertThat(down.json().at("/errors/0/message").asText()).contains("database");
            assertThat(http.get("/healthz").status()).isEqualTo(500);

            pg = startPg(dataDir, port);
            TestHttp.Response back = http.graphql("{ author { name } }");
            assertThat(back.json().at("/data/author/0/name").asText()).as(back.body()).isEqualTo("Ada");
            assertThat(http.get("/healthz").body()).isEqualTo("OK");
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres startPg(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
