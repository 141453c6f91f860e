package io.joinery.child.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import io.joinery.core.error.ErrorPath;
import io.joinery.core.json.Json;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link ActionTypeChecker}: an action's argument and output types against the custom types. */
class ActionDefTypesTest {
    private static final CustomTypes TYPES = CustomTypesParser.parse(Json.parseBody(CustomTypesParserTest.CANONICAL),
            ErrorPath.args());
    private static final ActionTypeChecker CHECKER = new ActionTypeChecker(TYPES, Set.of("uuid", "jsonb")::contains);

    private static Optional<String> problem(String arguments, String output) {
        return CHECKER.problem(ActionDefParser.parseDefinition(Json.parseBody("{\"handler\": \"http://h\", \"output_type\": \""
                + output + "\", \"arguments\": " + arguments + "}"), ErrorPath.args()));
    }

    @Test
    void allowedArgumentAndOutputTypes() {
        String arguments = "[{\"name\": \"a\", \"type\": \"Int!\"}, {\"name\": \"b\", \"type\": \"[LineInput!]!\"},"
                + " {\"name\": \"c\", \"type\": \"OrderStatus\"}, {\"name\": \"d\", \"type\": \"Money\"}, {\"name\": \"e\", \"type\": \"uuid\"}]";
        for (String output : new String[] {"OrderResult", "[OrderResult!]!", "Int", "[String]", "Money!", "jsonb", "[uuid!]"}) {
            assertThat(problem(arguments, output)).as(output).isEmpty();
        }
    }

    @Test
    void argumentOfObjectOrUnknownType() {
        assertThat(problem("[{\"name\": \"a\", \"type\": \"OrderResult\"}]", "Int")).contains(
                "the type: \"OrderResult\" is not defined in custom types or it is not a scalar/enum/input_object");
        assertThat(problem("[{\"name\": \"a\", \"type\": \"[Nope!]\"}]", "Int")).contains(
                "the type: \"Nope\" is not defined in custom types or it is not a scalar/enum/input_object");
    }

    @Test
    void outputOfInputObjectEnumOrUnknownType() {
        for (String output : new String[] {"LineInput", "OrderStatus", "[Nope]"}) {
            String base = output.replace("[", "").replace("]", "");
            assertThat(problem("[]", output)).contains(
                    "the type: \"" + base + "\" is not an object or scalar type defined in custom types");
        }
    }
}
