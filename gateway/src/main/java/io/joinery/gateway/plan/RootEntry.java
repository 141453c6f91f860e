package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One key of the client's `data` object, in selection order: a field answered by a remote, a value
 * the gateway knows itself (`__typename`), an introspection field, or a namespace object whose
 * keys are entries again.
 */
public sealed interface RootEntry permits RootEntry.Remote, RootEntry.Constant, RootEntry.Introspection,
        RootEntry.Namespace {

    String responseKey();

    /**
     * A remote root field: read {@code upstreamKey} from the answer of fetch {@code fetch}.
     * {@code conditional}: it carries `@skip` / `@include`, so the remote may leave it out.
     */
    record Remote(String responseKey, int fetch, String upstreamKey, boolean nonNull, boolean conditional,
                  TypenameKeys typenames) implements RootEntry {}

    /** A value the gateway answers itself (`__typename` on a root or namespace type). */
    record Constant(String responseKey, JsonNode value, List<Condition> conditions) implements RootEntry {
        public Constant {
            conditions = List.copyOf(conditions);
        }
    }

    /** `__schema` / `__type`, answered from the gateway schema. */
    record Introspection(String responseKey, List<Condition> conditions) implements RootEntry {
        public Introspection {
            conditions = List.copyOf(conditions);
        }
    }

    /** A `root_fields_namespace` field: an object whose keys are the remote's root fields. */
    record Namespace(String responseKey, String remote, List<RootEntry> entries, List<Condition> conditions)
            implements RootEntry {
        public Namespace {
            entries = List.copyOf(entries);
            conditions = List.copyOf(conditions);
        }
    }
}
