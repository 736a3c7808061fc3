package io.cairn.migrate;

import java.util.List;

/** The outcome of {@code validate} on one database: valid when there is no problem. */
public record ValidateResult(String database, boolean valid, List<ValidationProblem> problems) {
    public ValidateResult {
        problems = List.copyOf(problems);
    }
}
