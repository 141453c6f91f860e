package io.joinery.gateway;

import static io.joinery.gateway.testing.GatewayHarness.addRemote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.metadata.MetadataFile;
import io.joinery.gateway.testing.GatewayHarness;
import io.joinery.gateway.testing.GatewayHarness.Reply;
import io.joinery.gateway.testing.Remotes;
import io.joinery.gateway.testing.TestUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `JOINERY_METADATA`: read at start, changes written back atomically, read-only file = read-only API. */
class MetadataFileIntegrationTest {
    @TempDir
    Path dir;
    private final List<String> log = TestUpstream.sharedLog();
    private TestUpstream users;
    private GatewayHarness gateway;

    @BeforeEach
    void start() {
        users = Remotes.users(log);
    }

    @AfterEach
    void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        users.close();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(dir.resolve("metadata.json"))) {
            Files.setPosixFilePermissions(dir.resolve("metadata.json"), PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void changes_writtenBackAtomically_andReadAtRestart() throws IOException {
        gateway = GatewayHarness.start(dir);
        gateway.metadataOk(addRemote("users", users.url(), "\"timeout_seconds\": 9"));

        JsonNode onDisk = Json.parseBody(Files.readString(gateway.metadataFile()));
        assertThat(onDisk).isEqualTo(gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("metadata.json");
        }

        gateway.restart();

        assertThat(gateway.graphql("{ user(id: 2) { name } }").toString())
                .isEqualTo("{\"data\":{\"user\":{\"name\":\"Grace\"}}}");
        assertThat(gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}")).isEqualTo(onDisk);
    }

    @Test
    void failedChange_leavesFileUntouched() throws IOException {
        gateway = GatewayHarness.start(dir);
        gateway.metadataOk(addRemote("users", users.url(), null));
        String before = Files.readString(gateway.metadataFile());

        gateway.metadata(addRemote("users", users.url(), null));
        gateway.metadata("{\"type\":\"bulk\",\"args\":[{\"type\":\"clear_metadata\",\"args\":{}},{\"type\":\"nope\",\"args\":{}}]}");

        assertThat(Files.readString(gateway.metadataFile())).isEqualTo(before);
    }

    @Test
    void yamlMetadataFile_isRead() {
        GatewayHarness.writeMetadata(dir.resolve("metadata.json"), """
                version: 3
                sources: []
                remote_schemas:
                  - name: users
                    definition:
                      url: %s
                """.formatted(users.url()));

        gateway = GatewayHarness.start(dir);

        assertThat(gateway.graphql("{ users { name } }").toString())
                .isEqualTo("{\"data\":{\"users\":[{\"name\":\"Ada\"},{\"name\":\"Grace\"}]}}");
    }

    @Test
    void fileWithoutWritePermission_isDetectedAsReadOnly() throws IOException {
        Path file = dir.resolve("metadata.json");
        GatewayHarness.writeMetadata(file, "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        Assumptions.assumeFalse(Files.isWritable(file), "this user (root) may write read-only files");

        assertThat(MetadataFile.at(file).isWritable()).isFalse();
    }

    @Test
    void writableFile_isDetectedAsWritable() {
        assertThat(MetadataFile.at(dir.resolve("metadata.json")).isWritable()).isTrue();
        assertThat(MetadataFile.at(dir.resolve("missing-dir/metadata.json")).isWritable()).isFalse();
    }

    @Test
    void writeBack_keepsTheFilesPermissions() throws IOException {
        Path path = dir.resolve("shared.json");
        GatewayHarness.writeMetadata(path, "{}");
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
        MetadataFile file = MetadataFile.at(path);
        file.write(io.joinery.gateway.metadata.GatewayMetadata.parse(
                Json.parseBody("{\"remote_schemas\":[{\"name\":\"u\",\"definition\":{\"url\":\"http://u\"}}]}"),
                io.joinery.core.error.ErrorPath.root()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-r--r--");
        assertThat(Files.readString(path)).contains("\"url\" : \"http://u\"");
    }

    @Test
    void yamlFile_writtenBackAsYaml() throws IOException {
        Path yaml = dir.resolve("metadata.yaml");
        MetadataFile file = MetadataFile.at(yaml);
        io.joinery.gateway.metadata.GatewayMetadata metadata = io.joinery.gateway.metadata.GatewayMetadata.parse(
                Json.parseBody("{\"remote_schemas\":[{\"name\":\"u\",\"definition\":{\"url\":\"http://u\"}}]}"),
                io.joinery.core.error.ErrorPath.root());

        file.write(metadata);

        assertThat(Files.readString(yaml)).contains("remote_schemas:").contains("name: \"u\"");
        assertThat(file.read()).contains(metadata);
    }

    @Test
    void readOnlyFile_refusesChangesWithClearError_keepsServing() throws IOException {
        Path file = dir.resolve("metadata.json");
        GatewayHarness.writeMetadata(file, "{\"version\":3,\"sources\":[],\"remote_schemas\":[{\"name\":\"users\","
                + "\"definition\":{\"url\":\"" + users.url() + "\"}}]}");
        gateway = GatewayHarness.start(dir);
        gateway.restartReadOnly();

        Reply refused = gateway.metadata("{\"type\":\"clear_metadata\",\"args\":{}}");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("not-supported");
        assertThat(refused.json().get("error").asText()).startsWith("metadata is read-only: the metadata file \""
                + file.toAbsolutePath() + "\" is not writable");
        assertThat(gateway.metadataOk("{\"type\":\"export_metadata\",\"args\":{}}").get("remote_schemas")).hasSize(1);
        assertThat(gateway.metadataOk("{\"type\":\"reload_metadata\",\"args\":{}}").get("is_consistent").asBoolean())
                .isTrue();
        assertThat(gateway.graphql("{ user(id: 1) { name } }").toString())
                .isEqualTo("{\"data\":{\"user\":{\"name\":\"Ada\"}}}");
        assertThat(Files.readString(file)).contains(users.url());
    }
}
