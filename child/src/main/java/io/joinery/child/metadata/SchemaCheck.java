package io.joinery.child.metadata;

/**
 * Whether the GraphQL schema can be built from a resolved model. The schema stage supplies it
 * (`ChildSchemaBuilder::check`, wired in `ChildApp`): metadata sits left of `schema` in the
 * pipeline and cannot call it, yet resolution must know when custom types clash with generated
 * names (`author`, `author_bool_exp`, `query_root`), which makes them inconsistent.
 */
@FunctionalInterface
public interface SchemaCheck {
    /** Throws, with the reason as its message, when no schema can be built from {@code model}. */
    void check(ResolvedModel model);
}
