package io.cairn.cli;

import java.io.PrintWriter;

import io.cairn.core.QueryResult;

/** The human table for a {@link QueryResult}. */
final class QueryRendering {
    private QueryRendering() {
    }

    static void print(PrintWriter out, QueryResult result) {
        Table table = new Table(result.columns().stream().map(String::toUpperCase).toArray(String[]::new));
        for (var row : result.rows()) {
            table.row(row.toArray());
        }
        table.print(out);
    }
}
