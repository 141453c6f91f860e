package io.joinery.child.actions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What a handler call means for the client (SPEC §3.5): a validated value to shape, or the error
 * that fails the request. Both carry the handler's `Set-Cookie` values for the client's response.
 */
public sealed interface ActionResult permits ActionResult.Success, ActionResult.Failure {

    List<String> setCookies();

    /** The validated body; `value` is a JSON null when the handler answered `null` for a nullable type. */
    record Success(JsonNode value, List<String> setCookies) implements ActionResult {
        public Success {
            Objects.requireNonNull(value, "value: a JSON null, never a Java null");
            setCookies = List.copyOf(setCookies);
        }
    }

    record Failure(ActionError error, List<String> setCookies) implements ActionResult {
        public Failure {
            Objects.requireNonNull(error, "error");
            setCookies = List.copyOf(setCookies);
        }
    }

    /** The value, or the error thrown as {@link ActionErrorException}. */
    default JsonNode valueOrThrow() {
        if (this instanceof Failure failure) {
            throw failure.error().toException();
        }
        return ((Success) this).value();
    }
}
