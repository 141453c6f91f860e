package io.joinery.child.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joinery.child.db.RunSqlExecutor;
import io.joinery.child.db.RunSqlResult;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import io.joinery.core.json.Json;
import io.joinery.core.metadata.ArgsReader;
import io.joinery.core.metadata.MetadataEnvelope;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A `/v2/query` body (SPEC §1.8): one `run_sql`, or a `bulk` of them (nesting allowed), with the
 * response shapes `TuplesOk` / `CommandOk` and the `postgres-error` failure.
 */
public record RunSqlRequest(List<Statement> statements, boolean isBulk) {
    public RunSqlRequest {
        statements = List.copyOf(statements);
    }

    /** The longest `timeout` Postgres's `statement_timeout` can hold (2^31 - 1 ms), in seconds. */
    static final int MAX_TIMEOUT_SECONDS = Integer.MAX_VALUE / 1000;

    /**
     * One `run_sql`; {@code at} is where its failure is reported (`$`, or `$.args[i]` in a bulk);
     * {@code timeout} is its `timeout` argument (seconds, default 60), after which it is cancelled.
     */
    public record Statement(ErrorPath at, String sql, boolean cascade, boolean readOnly, Duration timeout) {}

    public static RunSqlRequest parse(JsonNode body) {
        MetadataEnvelope envelope = MetadataEnvelope.parse(body, ErrorPath.root());
        List<Statement> out = new ArrayList<>();
        collect(envelope, ErrorPath.root(), out);
        return new RunSqlRequest(out, envelope.type().equals("bulk"));
    }

    private static void collect(MetadataEnvelope envelope, ErrorPath at, List<Statement> out) {
        ErrorPath argsAt = at.key("args");
        if (envelope.type().equals("bulk")) {
            JsonNode args = envelope.args();
            if (!args.isArray()) {
                throw ArgsReader.mismatch("Array", args, argsAt);
            }
            for (int i = 0; i < args.size(); i++) {
                collect(MetadataEnvelope.parse(args.get(i), argsAt.index(i)), argsAt.index(i), out);
            }
            return;
        }
        if (!envelope.type().equals("run_sql")) {
            throw MetadataEnvelope.unknownCommand(envelope.type(), at);
        }
        ArgsReader args = ArgsReader.of(envelope.args(), argsAt);
        ChildMetadata.requireDefaultSource(args);
        String sql = args.string("sql");
        args.bool("check_metadata_consistency", false);
        Duration timeout = args.optionalInt("timeout").map(seconds -> {
            if (seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
                throw ArgsReader.parseFailed("timeout must be a whole number of seconds from 1 to "
                        + MAX_TIMEOUT_SECONDS + ", got " + seconds, args.at("timeout"));
            }
            return Duration.ofSeconds(seconds);
        }).orElse(RunSqlExecutor.DEFAULT_TIMEOUT);
        out.add(new Statement(at, sql, args.bool("cascade", false), args.bool("read_only", false), timeout));
    }

    /** `{"result_type": "TuplesOk", "result": [[columns...], [row...]]}` or `{"result_type": "CommandOk", "result": null}`. */
    public static ObjectNode response(RunSqlResult result) {
        ObjectNode node = Json.object();
        if (!result.isTuples()) {
            node.put("result_type", "CommandOk");
            node.putNull("result");
            return node;
        }
        node.put("result_type", "TuplesOk");
        ArrayNode rows = node.putArray("result");
        ArrayNode header = rows.addArray();
        result.columns().forEach(header::add);
        for (List<String> row : result.rows()) {
            ArrayNode values = rows.addArray();
            row.forEach(values::add);
        }
        return node;
    }

    /** A failed statement: 400 `postgres-error` "query execution failed", Postgres' detail in `internal`. */
    public static JoineryException failure(SQLException e, Statement statement) {
        ObjectNode internal = Json.object();
        internal.putArray("arguments");
        ObjectNode error = internal.putObject("error");
        ServerErrorMessage server = e instanceof PSQLException pg ? pg.getServerErrorMessage() : null;
        error.put("description", server == null ? null : server.getDetail());
        error.put("exec_status", "FatalError");
        error.put("hint", server == null ? null : server.getHint());
        error.put("message", server == null ? e.getMessage() : server.getMessage());
        error.put("status_code", e.getSQLState());
        internal.put("prepared", false);
        internal.put("statement", statement.sql());
        return new JoineryException(ErrorCode.POSTGRES_ERROR, "query execution failed", statement.at(), internal);
    }
}
