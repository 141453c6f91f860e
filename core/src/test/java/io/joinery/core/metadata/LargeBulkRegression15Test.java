package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.JoineryException;
import io.joinery.core.http.SessionVariables;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.MetadataEngineTest.Names;
import io.joinery.core.metadata.MetadataEngineTest.NameCommand;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: a `bulk` of thousands of calls (each answered at once) overflowed the stack of the
 * event loop applying it, as one nested operator per call; the connection was dropped and the
 * metadata queue, and with it the server, stopped answering. Time bounds are hang guards only.
 */
class LargeBulkRegression15Test {
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    private final MetadataEngineTest.NameApplier applier = new MetadataEngineTest.NameApplier();
    private final MetadataEngineTest.RecordingPersister persister = new MetadataEngineTest.RecordingPersister();
    private final MetadataEngine<Names, NameCommand> engine = new MetadataEngine<>(
            new Names(1, 1, new TreeSet<>(List.of("a"))), MetadataEngineTest::parse, applier, persister);

    private JsonNode run(String body) {
        return engine.run(Json.parseBody(body), SessionVariables.admin()).block();
    }

    private static String bulk(int size, String call) {
        return IntStream.range(0, size).mapToObj(i -> call.replace("%d", Integer.toString(i)))
                .collect(Collectors.joining(",", "{\"type\": \"bulk\", \"args\": [", "]}"));
    }

    @Test
    void bulkOfTwentyThousandReads_answersEveryOneInOrder() {
        JsonNode response = assertTimeoutPreemptively(HANG_GUARD,
                () -> run(bulk(20_000, "{\"type\": \"list\", \"args\": {}}")));

        assertThat(response).hasSize(20_000);
        assertThat(response.get(19_999)).isEqualTo(Json.parseBody("[\"a\"]"));
        assertThat(run("{\"type\": \"list\", \"args\": {}}")).isEqualTo(Json.parseBody("[\"a\"]"));
    }

    @Test
    void bulkOfFiveThousandChanges_isOneChange_eachSeeingTheEarlierOnes() {
        // (5,000: the test's applier copies its whole set on every change)
        JsonNode response = assertTimeoutPreemptively(HANG_GUARD,
                () -> run(bulk(5_000, "{\"type\": \"add\", \"args\": {\"name\": \"n%d\"}}")));

        assertThat(response).hasSize(5_000);
        assertThat(engine.current().names()).hasSize(5_001);
        assertThat(persister.saved).hasSize(1);
    }

    @Test
    void bulkOfFiveThousand_failingOnItsLast_changesNothing() {
        String body = bulk(5_000, "{\"type\": \"add\", \"args\": {\"name\": \"n%d\"}}")
                .replace("\"n4999\"", "\"n0\"");
        Names before = engine.current();

        JoineryException refused = assertTimeoutPreemptively(HANG_GUARD, () -> org.assertj.core.api.Assertions
                .catchThrowableOfType(JoineryException.class, () -> run(body)));

        assertThat(refused.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
        assertThat(refused.path()).hasToString("$.args[4999].args.name");
        assertThat(engine.current()).isSameAs(before);
        assertThat(persister.saved).isEmpty();
    }

    @Test
    void bulksNestedTwoHundredDeep_areApplied() {
        String body = "{\"type\": \"bulk\", \"args\": [".repeat(200) + "{\"type\": \"list\", \"args\": {}}"
                + "]}".repeat(200);

        JsonNode response = assertTimeoutPreemptively(HANG_GUARD, () -> run(body));

        JsonNode innermost = response;
        for (int i = 1; i < 200; i++) {
            innermost = innermost.get(0);
        }
        assertThat(innermost).isEqualTo(Json.parseBody("[[\"a\"]]"));
    }
}
