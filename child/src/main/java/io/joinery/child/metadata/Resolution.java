package io.joinery.child.metadata;

import io.joinery.core.metadata.InconsistentObject;
import java.util.List;

/** Metadata resolved against a catalog: the consistent part as a model, and what did not resolve. */
public record Resolution(ResolvedModel model, List<InconsistentObject> inconsistencies) {
    public Resolution {
        inconsistencies = List.copyOf(inconsistencies);
    }

    /** The objects inconsistent here that were not inconsistent in {@code before}. */
    public List<InconsistentObject> newSince(Resolution before) {
        return InconsistentObject.newSince(inconsistencies, before.inconsistencies);
    }
}
