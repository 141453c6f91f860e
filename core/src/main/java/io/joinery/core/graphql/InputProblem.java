package io.joinery.core.graphql;

import java.util.List;

/**
 * The first thing wrong with an input value: where inside the value (object keys and list
 * indices, relative to the argument or variable) and Hasura's message for it.
 */
record InputProblem(List<Object> path, String message) {
    InputProblem {
        path = List.copyOf(path);
    }
}
