package io.joinery.core.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.normalized.ExecutableNormalizedOperation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.schema.GraphQLSchema;
import graphql.validation.OperationValidationRule;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.joinery.core.error.ErrorCode;
import io.joinery.core.error.ErrorPath;
import io.joinery.core.error.JoineryException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GraphQL front door both servers share: parse, select the operation, validate, all with
 * Hasura's error codes, messages and paths (SPEC §7); then, per request, coerce variables into
 * graphql-java's normalized operation and answer introspection root fields.
 *
 * <pre>
 *   query text ──parse (tokens, characters, nesting bounded)──> Document
 *              ──select operationName──> one operation + its fragments, measured (OperationSize)
 *              ──fields and nesting after fragment expansion bounded (DocumentLimits)──
 *              ──validate (graphql-java)──> PreparedOperation   (cached: same key, same instance)
 *   PreparedOperation + variables ──normalize──> ExecutableNormalizedOperation  (for the planners)
 *   PreparedOperation + variables ──introspect──> {"__schema": {...}}           (graphql-java answers)
 * </pre>
 *
 * Invariants: every failure leaves here as a {@link JoineryException}, one problem only: the one
 * Hasura reports first ({@link ValidationErrorTranslator}); a cached {@link PreparedOperation} is
 * immutable and holds no per-request values.
 */
public final class OperationPreparer {
    /** graphql-java's parser guard on characters: the request body limit (SPEC §11.2) is 4 MiB. */
    static final int MAX_CHARACTERS = 4 * 1024 * 1024;
    /** graphql-java's guard on whitespace and comma tokens (its default). */
    static final int MAX_WHITESPACE_TOKENS = 200_000;
    /** graphql-java's guard on grammar nesting (its default): about 500 nested selections or values. */
    static final int MAX_RULE_DEPTH = 500;

    private final Cache<Object, PreparedOperation> cache;
    private final DocumentLimits limits;
    private final ParserOptions parserOptions;

    static {
        // graphql-java reads its message bundles from the jar the first time it needs them. Load
        // them here, on the thread that builds the server, so that first read never happens on
        // an event loop (BlockHound flags it; a failed load would be retried on every request).
        for (graphql.i18n.I18n.BundleType bundle : graphql.i18n.I18n.BundleType.values()) {
            java.util.ResourceBundle.getBundle("i18n." + bundle.name(), Locale.ENGLISH);
            java.util.ResourceBundle.getBundle("i18n." + bundle.name(), Locale.getDefault());
        }
    }

    /** With the default document limits (SPEC §11.2). */
    public OperationPreparer(long maximumCacheSize) {
        this(maximumCacheSize, DocumentLimits.DEFAULTS);
    }

    public OperationPreparer(long maximumCacheSize, DocumentLimits limits) {
        this(Caffeine.newBuilder().maximumSize(maximumCacheSize).build(), limits);
    }

    /** With {@code cache} as its cache of prepared operations (a monitored one: {@code Telemetry.planCache}). */
    public OperationPreparer(Cache<Object, PreparedOperation> cache) {
        this(cache, DocumentLimits.DEFAULTS);
    }

    public OperationPreparer(Cache<Object, PreparedOperation> cache, DocumentLimits limits) {
        this.cache = cache;
        this.limits = limits;
        // graphql-java's default of 15,000 tokens is too low for generated operations with many aliases
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(limits.maxTokens())
                .maxWhitespaceTokens(MAX_WHITESPACE_TOKENS)
                .maxCharacters(MAX_CHARACTERS)
                .maxRuleDepth(MAX_RULE_DEPTH)
                .captureSourceLocation(true)
                .captureIgnoredChars(false));
    }

    /**
     * Parses, selects and validates; cached under {@code cacheKey} (callers pass schema version,
     * role, query and operationName). Failures are not cached.
     */
    public PreparedOperation prepare(Object cacheKey, GraphQLSchema schema, String query, String operationName) {
        return cache.get(cacheKey, key -> prepareUncached(schema, query, operationName));
    }

    private PreparedOperation prepareUncached(GraphQLSchema schema, String query, String operationName) {
        Document document = parse(query, parserOptions);
        PreparedOperation prepared = OperationSelector.select(document, operationName);
        // before validation, which would expand a fragment bomb
        if (prepared.size().fields() > limits.maxFields()) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "the query selects more than "
                    + limits.maxFields() + " fields once its fragments are expanded", ErrorPath.root().key("query"));
        }
        if (prepared.size().nesting() > limits.maxNesting()) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "the query nests fields and fragment spreads more"
                    + " than " + limits.maxNesting() + " levels deep", ErrorPath.root().key("query"));
        }
        if (prepared.kind() == OperationKind.SUBSCRIPTION) {
            throw new JoineryException(ErrorCode.UNEXPECTED_PAYLOAD,
                    "subscriptions are not supported over HTTP, use websockets instead", ErrorPath.root());
        }
        if (prepared.kind() == OperationKind.MUTATION && schema.getMutationType() == null) {
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "no mutations exist", ErrorPath.root());
        }
        List<ValidationError> errors;
        try {
            errors = new Validator().validateDocument(schema, prepared.document(), OperationPreparer::hasuraRule,
                    Locale.ENGLISH);
            if (errors.isEmpty()) {
                errors = OverlappingFieldsChecker.check(schema, prepared.operation(), prepared.fragments()).stream()
                        .toList();
            }
        } catch (RuntimeException e) {
            throw unexpected("the query could not be validated", e);
        }
        if (!errors.isEmpty()) {
            throw ValidationErrorTranslator.translate(schema, prepared, errors);
        }
        return prepared;
    }

    /**
     * Every graphql-java rule except two Hasura does not apply: "good faith introspection" (it
     * rejects e.g. two `__type` lookups in one operation) and "no unused variables" (Hasura accepts
     * declared but unused variables; values sent for them are rejected in {@link #normalize}); and
     * one it applies more loosely: "overlapping fields can be merged" is
     * {@link OverlappingFieldsChecker}, run once the other rules pass.
     */
    private static boolean hasuraRule(OperationValidationRule rule) {
        return rule != OperationValidationRule.GOOD_FAITH_INTROSPECTION
                && rule != OperationValidationRule.NO_UNUSED_VARIABLES
                && rule != OperationValidationRule.OVERLAPPING_FIELDS_CAN_BE_MERGED;
    }

    static Document parse(String query, ParserOptions options) {
        if (query == null) {
            throw notAQuery("no query given");
        }
        NumberBounds.checkDocument(query);
        Document document;
        try {
            document = Parser.parse(ParserEnvironment.newParserEnvironment().document(query)
                    .parserOptions(options).locale(Locale.ENGLISH).build());
        } catch (ParseCancelledException e) {
            // a parser guard (tokens, characters, nesting): the client can act on which one
            throw new JoineryException(ErrorCode.VALIDATION_FAILED, "the query is too large: " + e.getMessage(),
                    ErrorPath.root().key("query"));
        } catch (InvalidSyntaxException e) {
            throw notAQuery(e.getMessage());
        }
        // Hasura's parser reads executable documents only: a type definition is a parse failure
        for (Definition<?> definition : document.getDefinitions()) {
            if (!(definition instanceof OperationDefinition) && !(definition instanceof FragmentDefinition)) {
                throw notAQuery("the document contains a definition that is not executable");
            }
        }
        return document;
    }

    private static JoineryException notAQuery(String detail) {
        return new JoineryException(ErrorCode.VALIDATION_FAILED, "not a valid graphql query",
                ErrorPath.root().key("query"), TextNode.valueOf(detail));
    }

    /**
     * Coerces the raw JSON variables and builds graphql-java's normalized operation (fragments
     * merged, @skip/@include applied, arguments resolved). Variable problems are
     * `validation-failed` at `$`.
     */
    public static ExecutableNormalizedOperation normalize(GraphQLSchema schema, PreparedOperation operation,
                                                         Map<String, Object> variables) {
        return OperationNormalizer.normalize(schema, operation, variables);
    }

    /** Answers the operation's root `__schema` / `__type` fields: result key → JSON, in order. */
    public static LinkedHashMap<String, JsonNode> introspect(GraphQLSchema schema, PreparedOperation operation,
                                                             Map<String, Object> variables) {
        return IntrospectionAnswerer.answer(schema, operation, variables);
    }

    static JoineryException unexpected(String message, RuntimeException cause) {
        return new JoineryException(ErrorCode.UNEXPECTED, message, ErrorPath.root(),
                TextNode.valueOf(String.valueOf(cause.getMessage())));
    }
}
