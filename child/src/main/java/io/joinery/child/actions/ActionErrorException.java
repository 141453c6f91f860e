package io.joinery.child.actions;

import io.joinery.core.error.ApiError;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;

/**
 * An {@link ActionError} thrown through the request pipeline: the whole request fails (SPEC §3.7).
 * The GraphQL route should render {@link #error()}{@code .toGraphqlError(isAdmin)}; handled as a
 * plain JoineryException it still keeps the handler's code and message (but not custom extensions).
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
}
