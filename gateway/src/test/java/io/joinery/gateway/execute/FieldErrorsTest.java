package io.joinery.gateway.execute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.joinery.core.json.Json;
import io.joinery.gateway.plan.ClientPath;
import io.joinery.gateway.plan.HiddenFields;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream error paths become client paths in one place (SPEC §0.1). */
class FieldErrorsTest {
    private static final HiddenFields HIDDEN = new HiddenFields(Map.of(
            "customerId_join_column_", "customer", "customer_join_field_____", "customer"));

    private static JsonNode upstreamError(String path) {
        return Json.parseBody("{\"message\": \"boom\", \"path\": " + path + "}");
    }

    private static String paths(FieldErrors errors) {
        StringBuilder out = new StringBuilder();
        errors.toJson().forEach(e -> out.append(e.get("path")));
        return out.toString();
    }

    @Test
    void rootFieldError_restOfTheUpstreamPathFollowsTheClientPath() {
        FieldErrors errors = new FieldErrors(false, HIDDEN);
        errors.addUpstream(upstreamError("[\"shop__order\", \"lines\", 1, \"sku\"]"), ClientPath.of("shop", "order"),
                List.of());

        assertThat(paths(errors)).isEqualTo("[\"shop\",\"order\",\"lines\",1,\"sku\"]");
    }

    @Test
    void joinError_innerRemoteFieldsAreDropped_restFollows() {
        FieldErrors errors = new FieldErrors(false, HIDDEN);
        ClientPath customer = ClientPath.of("orders").index(3).key("customer");
        errors.addUpstream(upstreamError("[\"f2\", \"account\", \"orders\", 0, \"total\"]"), customer,
                List.of("account", "orders"));
        errors.addUpstream(upstreamError("[\"f2\", \"orders\"]"), customer, List.of("account", "orders"));

        assertThat(paths(errors)).isEqualTo("[\"orders\",3,\"customer\",0,\"total\"][\"orders\",3,\"customer\",\"orders\"]");
    }

    @Test
    void pathThroughAHiddenJoinField_endsAtTheRelationshipThatReadIt() {
        FieldErrors errors = new FieldErrors(false, HIDDEN);
        errors.addUpstream(upstreamError("[\"orders\", 4, \"customerId_join_column_\"]"), ClientPath.of("orders"),
                List.of());

        assertThat(paths(errors)).isEqualTo("[\"orders\",4,\"customer\"]");
    }

    @Test
    void upstreamDetail_isForAdminsOnly() {
        FieldErrors user = new FieldErrors(false, HiddenFields.NONE);
        FieldErrors admin = new FieldErrors(true, HiddenFields.NONE);
        JsonNode error = upstreamError("[\"order\"]");
        user.addUnplaced(error, ClientPath.of("order"), error);
        admin.addUnplaced(error, ClientPath.of("order"), error);

        assertThat(user.toJson().get(0).toString()).isEqualTo(
                "{\"message\":\"boom\",\"path\":[\"order\"],\"extensions\":{\"code\":\"remote-schema-error\"}}");
        assertThat(admin.toJson().get(0).at("/extensions/internal")).isEqualTo(error);
    }
}
