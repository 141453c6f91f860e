package io.joinery.bench.jmh;

import graphql.normalized.ExecutableNormalizedField;
import graphql.schema.GraphQLSchema;
import io.joinery.bench.Scenarios;
import io.joinery.child.db.QualifiedTable;
import io.joinery.child.schema.ChildSchemaBuilder;
import io.joinery.child.schema.RootField;
import io.joinery.child.schema.RootFieldClassifier;
import io.joinery.child.metadata.ResolvedColumn;
import io.joinery.child.db.PgTable;
import io.joinery.child.db.PgType;
import io.joinery.child.metadata.ResolvedRelationship;
import io.joinery.child.metadata.ResolvedModel;
import io.joinery.child.metadata.ResolvedTable;
import io.joinery.core.graphql.OperationPreparer;
import io.joinery.core.graphql.PreparedOperation;
import java.util.List;
import java.util.Map;

/**
 * The load benchmark's child schema (seed.sql: author, article and their relationships) as the
 * metadata layer resolves it, without a database: the SQL compiler's input.
 */
public final class ChildFixture {
    private static final PgType INT = new PgType("int4", "integer", 'N');
    private static final PgType TEXT = new PgType("text", "text", 'S');
    private static final PgType BOOL = new PgType("bool", "boolean", 'B');
    private static final PgType TIMESTAMPTZ = new PgType("timestamptz", "timestamp with time zone", 'D');
    private static final QualifiedTable AUTHOR = QualifiedTable.publicTable("author");
    private static final QualifiedTable ARTICLE = QualifiedTable.publicTable("article");

    private final ResolvedModel model;
    private final GraphQLSchema schema;

    private ChildFixture(ResolvedModel model) {
        this.model = model;
        this.schema = ChildSchemaBuilder.build(model, "admin");
    }

    public static ChildFixture create() {
        return new ChildFixture(ResolvedModel.of(List.of(
                table(AUTHOR, List.of(column("id", INT, true), column("name", TEXT, false),
                                column("email", TEXT, false), column("created_at", TIMESTAMPTZ, false)),
                        List.of(new ResolvedRelationship("articles", ResolvedRelationship.Kind.ARRAY, ARTICLE,
                                Map.of("id", "author_id"), null))),
                table(ARTICLE, List.of(column("id", INT, true), column("author_id", INT, false),
                                column("title", TEXT, false), column("body", TEXT, false),
                                column("rating", INT, false), column("published", BOOL, false)),
                        List.of(new ResolvedRelationship("author", ResolvedRelationship.Kind.OBJECT, AUTHOR,
                                Map.of("author_id", "id"), null))))));
    }

    public ResolvedModel model() {
        return model;
    }

    public GraphQLSchema schema() {
        return schema;
    }

    /** Parsed and validated, as the child's request pipeline does before compiling. */
    public PreparedOperation operation(String scenario) {
        String query = Scenarios.query(scenario);
        return new OperationPreparer(0).prepare(query, schema, query, null);
    }

    /** The normalized root fields, classified, as the SQL compiler is given them. */
    public List<RootField> rootFields(PreparedOperation operation) {
        List<ExecutableNormalizedField> roots = OperationPreparer.normalize(schema, operation, Map.of())
                .getTopLevelFields();
        return new RootFieldClassifier(model).classify(false, roots);
    }

    private static ResolvedTable table(QualifiedTable name, List<ResolvedColumn> columns,
                                    List<ResolvedRelationship> relationships) {
        return new ResolvedTable(name, false, columns, List.of("id"),
                List.of(new PgTable.PgConstraint(name.name() + "_pkey", List.of("id"))), relationships, null);
    }

    private static ResolvedColumn column(String name, PgType type, boolean hasDefault) {
        return new ResolvedColumn(name, type, false, hasDefault, false, null);
    }
}
