package io.joinery.child.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ApiError;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/**
 * An {@link ActionError} thrown through the request pipeline: the whole request fails (SPEC §3.7).
 * As a GraphQL error it is the handler's own error, custom `extensions` included; as an API error
 * it keeps the handler's code and message.
 */
public final class ActionErrorException extends JoineryException {
    private final ActionError error;

    public ActionErrorException(ActionError error) {
        super(ErrorCode.UNEXPECTED, error.message(), ErrorPath.root(), error.internal());
        this.error = error;
    }

    public ActionError error() {
        return error;
    }

    @Override
    public ApiError toApiError() {
        return new ApiError(error.code(), error.message(), "$", error.internal());
    }

    @Override
    public ObjectNode toGraphqlError(boolean includeInternal) {
        return error.toGraphqlError(includeInternal);
    }
}
