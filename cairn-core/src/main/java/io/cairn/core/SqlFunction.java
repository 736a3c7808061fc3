package io.cairn.core;

import java.sql.SQLException;

/** A function that may throw SQLException, e.g. work done with a borrowed connection. */
@FunctionalInterface
public interface SqlFunction<T, R> {
    R apply(T input) throws SQLException;
}
