package io.joinery.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class InconsistentObjectTest {
    static final InconsistentObject DOWN = InconsistentObject.of("remote_schema", "remote_schema a", Json.object(),
            "HTTP exception occurred");
    static final InconsistentObject CLASH = InconsistentObject.of("remote_schema", "remote_schema b", Json.object(),
            "Inconsistent object: type \"T\" is defined twice");

    @Test
    void reason_carriesThePrefixOnce_whetherOrNotItWasGiven() {
        assertThat(DOWN.reason()).isEqualTo("Inconsistent object: HTTP exception occurred");
        assertThat(CLASH.reason()).isEqualTo("Inconsistent object: type \"T\" is defined twice");
        assertThat(CLASH.reasonText()).isEqualTo("type \"T\" is defined twice");
    }

    @Test
    void severalOwnObjects_joinTheirReasonsAfterOnePrefix() {
        JoineryException e = InconsistencyReport.ownObjectsFailed(List.of(DOWN, CLASH), ErrorPath.args());

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CONFIGURATION);
        assertThat(e.getMessage())
                .isEqualTo("Inconsistent object: HTTP exception occurred, type \"T\" is defined twice");
        assertThat(e.internal().get(1).get("reason").asText()).isEqualTo(CLASH.reason());
    }

    @Test
    void newSince_comparesByTypeAndName() {
        InconsistentObject downAgain = InconsistentObject.of("remote_schema", "remote_schema a", Json.object(),
                "timeout");

        assertThat(InconsistentObject.newSince(List.of(downAgain, CLASH), List.of(DOWN))).containsExactly(CLASH);
    }

    @Test
    void reports_listTheObjects() {
        assertThat(InconsistencyReport.of(List.of())).isEqualTo(
                Json.parseBody("{\"is_consistent\": true, \"inconsistent_objects\": []}"));
        assertThat(InconsistencyReport.afterReload(List.of())).isEqualTo(
                Json.parseBody("{\"message\": \"success\", \"is_consistent\": true}"));
        assertThat(InconsistencyReport.afterReload(List.of(DOWN)).get("inconsistent_objects").get(0).get("name")
                .asText()).isEqualTo("remote_schema a");
    }
}
