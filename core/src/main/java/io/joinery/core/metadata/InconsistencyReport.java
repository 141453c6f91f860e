package io.joinery.core.metadata;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How inconsistent objects are reported, the same way by both services (SPEC §1.1, §1.5, §1.7):
 * the answers of `get_inconsistent_metadata` and `reload_metadata`, and the errors that refuse a
 * command because of them. Which objects count is the service's decision; the wording is made here.
 */
public final class InconsistencyReport {
    private InconsistencyReport() {}

    /** `{"is_consistent": ..., "inconsistent_objects": [...]}` */
    public static ObjectNode of(List<InconsistentObject> objects) {
        ObjectNode response = Json.object();
        response.put("is_consistent", objects.isEmpty());
        response.set("inconsistent_objects", InconsistentObject.toJson(objects));
        return response;
    }

    /** `reload_metadata`: `{"message": "success", "is_consistent": ...}`, plus the objects when there are some. */
    public static ObjectNode afterReload(List<InconsistentObject> objects) {
        ObjectNode response = Json.object();
        response.put("message", "success");
        response.put("is_consistent", objects.isEmpty());
        if (!objects.isEmpty()) {
            response.set("inconsistent_objects", InconsistentObject.toJson(objects));
        }
        return response;
    }

    /**
     * The command's own objects do not resolve: `invalid-configuration`, "Inconsistent object: "
     * and their reasons joined with `, `, the objects in `internal`.
     */
    public static JoineryException ownObjectsFailed(List<InconsistentObject> own, ErrorPath at) {
        return new JoineryException(ErrorCode.INVALID_CONFIGURATION, InconsistentObject.REASON_PREFIX
                + own.stream().map(InconsistentObject::reasonText).collect(Collectors.joining(", ")),
                at, InconsistentObject.toJson(own));
    }

    /** The command breaks objects other than its own: `unexpected`, the objects in `internal`. */
    public static JoineryException othersBroke(List<InconsistentObject> broken, ErrorPath at) {
        return new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to new inconsistent metadata", at,
                InconsistentObject.toJson(broken));
    }

    /** A reload of one object finds objects newly inconsistent (`reload_remote_schema`). */
    public static JoineryException newlyFound(List<InconsistentObject> broken, ErrorPath at) {
        return new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to newly found inconsistent metadata",
                at, InconsistentObject.toJson(broken));
    }

    /** `replace_metadata` without `allow_inconsistent_metadata` whose metadata does not all resolve. */
    public static JoineryException replacementInconsistent(List<InconsistentObject> objects, ErrorPath at) {
        return new JoineryException(ErrorCode.UNEXPECTED, "cannot continue due to inconsistent metadata", at,
                InconsistentObject.toJson(objects));
    }
}
