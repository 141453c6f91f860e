package io.joinery.gateway.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.core.json.Json;
import java.util.List;

/**
 * One remote relationship field used by the operation (SPEC §5.3). At run time the executor walks
 * every path from its base value (keeping to the objects its type conditions admit, read from the
 * hidden {@code typenameKey}), finds the objects whose hidden placeholder {@code placeholderKey}
 * (`__typename`) answered {@code lhsType} (the relationship's type, in the LHS remote's names),
 * reads the hidden {@code lhsFields}, deduplicates the tuples, and sends ONE request to
 * {@code remote} with one aliased root field per distinct tuple. The value goes under the client's
 * {@code responseKey}, where the placeholder was. {@code children} are the joins inside the client's
 * selection of this field; their paths start at this field's value.
 *
 * <p>Two occurrences of the same relationship with the same alias, arguments and selection (under
 * different parents, or under different root fields) are one node with several paths.
 */
public record JoinNode(String relationship, String remote, List<ResponsePath> paths, String responseKey,
                       String placeholderKey, String lhsType, List<JoinKey> lhsFields, String typenameKey,
                       RemoteFieldTemplate target, List<JoinNode> children) {
    public JoinNode {
        paths = List.copyOf(paths);
        lhsFields = List.copyOf(lhsFields);
        children = List.copyOf(children);
    }

    ObjectNode toJson() {
        ObjectNode out = Json.object();
        out.put("relationship", relationship);
        out.put("remote", remote);
        ArrayNode paths = out.putArray("paths");
        this.paths.forEach(p -> paths.add(p.toString()));
        out.put("key", responseKey);
        out.put("placeholder", placeholderKey);
        out.put("lhsType", lhsType);
        ObjectNode keys = out.putObject("lhsFields");
        lhsFields.forEach(k -> keys.put(k.hiddenKey(), k.lhsField()));
        if (typenameKey != null) {
            out.put("typename", typenameKey);
        }
        out.put("request", UpstreamJoinRequest.preview(target));
        if (!target.variables().isEmpty()) {
            ArrayNode variables = out.putArray("variables");
            target.variables().forEach(variables::add);
        }
        if (!children.isEmpty()) {
            ArrayNode list = out.putArray("children");
            children.forEach(c -> list.add(c.toJson()));
        }
        return out;
    }
}
