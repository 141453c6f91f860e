package io.joinery.gateway.plan;

/**
 * One lhs field a join reads: the field's original name on the LHS remote and the hidden alias the
 * planner added to the LHS request to fetch it (`order_id_join_column`, padded with `_` so it cannot
 * collide with a client alias). The hidden key is removed from the response before it is returned.
 */
public record JoinKey(String lhsField, String hiddenKey) {}
