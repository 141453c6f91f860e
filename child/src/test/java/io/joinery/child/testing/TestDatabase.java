package io.joinery.child.testing;

import io.joinery.child.db.Database;
import io.joinery.core.pg.DatabaseUrl;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded Postgres per test JVM (started on first use, stopped at JVM exit) and a fresh
 * database per caller, so test classes never see each other's tables or metadata.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    /** A new, empty database on the shared server, reached through the production pool. */
    public static synchronized Database fresh() {
        String name = "joinery_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        DatabaseUrl admin = DatabaseUrl.local(server().getPort(), "postgres", "postgres");
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return Database.connect(DatabaseUrl.local(server().getPort(), name, "postgres"), 8);
    }

    /**
     * A new, empty database owned by the login role {@code role} (created on first use, without
     * superuser rights), reached as that role: as in `docker-compose.yml`, where the child connects
     * as `joinery`.
     */
    public static synchronized Database freshOwnedBy(String role) {
        String name = "joinery_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        DatabaseUrl admin = DatabaseUrl.local(server().getPort(), "postgres", "postgres");
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), "postgres", null);
             Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE \"" + role + "\" LOGIN; "
                    + "EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            s.execute("CREATE DATABASE " + name + " OWNER \"" + role + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name + " for " + role, e);
        }
        return Database.connect(DatabaseUrl.local(server().getPort(), name, role), 8);
    }

    /** The port of the shared server (for tests that build their own connections). */
    public static int port() {
        return server().getPort();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("joinery-test-pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded Postgres for tests", e);
            }
        }
        return server;
    }
}
