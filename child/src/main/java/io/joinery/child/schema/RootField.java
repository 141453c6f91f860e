package io.joinery.child.schema;

import graphql.normalized.ExecutableNormalizedField;
import io.joinery.child.metadata.ActionDef;
import io.joinery.child.metadata.ResolvedTable;

/**
 * What one root field of an operation is, decided ONCE when the request is prepared
 * ({@link RootFieldClassifier}, the inverse of the names {@link ChildSchemaBuilder} generates). The
 * later stages switch on the kind and never look at the field's name again:
 *
 * <pre>
 * query    { author {..}  author_by_pk(id: 1) {..}  author_aggregate {..} }  TableSelect   sql (ONE statement)
 * mutation { insert_author(objects: [..]) {..}  delete_author_by_pk(id: 1) {..} }  TableMutation  sql
 * query    { author_stats(id: 1) {..} }  mutation { updateAuthor(..) {..} }    Action        actions: handler call
 * mutation { place_order(..) }           (asynchronous action)                 AsyncActionSubmit  actions: stored
 * query    { place_order(id: "..") {..} } (asynchronous action)                AsyncActionResult  actions: read back
 * { __schema {..}  __type(name: "author") {..} }                                Introspection graphql-java
 * { __typename  no_queries_available }                                          Constant
 * </pre>
 */
public sealed interface RootField {
    ExecutableNormalizedField field();

    /** The key the field's value has in the response (its alias, else its name). */
    default String resultKey() {
        return field().getResultKey();
    }

    enum SelectKind { LIST, BY_PK, AGGREGATE }

    enum MutationKind { INSERT, INSERT_ONE, UPDATE, UPDATE_BY_PK, DELETE, DELETE_BY_PK }

    /** `author`, `author_by_pk`, `author_aggregate` on the query root. */
    record TableSelect(ExecutableNormalizedField field, ResolvedTable table, SelectKind kind) implements RootField {}

    /** `insert_author`, `insert_author_one`, `update_author[_by_pk]`, `delete_author[_by_pk]` on the mutation root. */
    record TableMutation(ExecutableNormalizedField field, ResolvedTable table, MutationKind kind)
            implements RootField {}

    /** A field of an action (SPEC §3): answered by the `actions` stage. */
    sealed interface ActionField extends RootField {
        ActionDef action();
    }

    /** A synchronous action, on either root: its handler is called now. */
    record Action(ExecutableNormalizedField field, ActionDef action) implements ActionField {}

    /** An asynchronous action's mutation field: the call is stored, its id answered (SPEC §3.9). */
    record AsyncActionSubmit(ExecutableNormalizedField field, ActionDef action) implements ActionField {}

    /** An asynchronous action's query field: the stored call's state and result (SPEC §3.3). */
    record AsyncActionResult(ExecutableNormalizedField field, ActionDef action) implements ActionField {}

    /** `__schema` or `__type`: answered by graphql-java from the role's schema. */
    record Introspection(ExecutableNormalizedField field) implements RootField {}

    /** `__typename` (the root type's name) or `no_queries_available` (its message). */
    record Constant(ExecutableNormalizedField field, String value) implements RootField {}
}
