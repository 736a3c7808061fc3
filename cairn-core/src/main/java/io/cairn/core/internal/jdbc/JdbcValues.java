package io.cairn.core.internal.jdbc;

import io.cairn.core.QueryResult;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads a result set into plain Java values (java.time instead of java.sql dates, List for arrays). */
final class JdbcValues {
    private JdbcValues() {
    }

    static QueryResult read(ResultSet rows, JdbcDialect dialect) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int count = meta.getColumnCount();
        List<String> columns = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> values = new ArrayList<>();
        while (rows.next()) {
            List<Object> row = new ArrayList<>(count);
            for (int i = 1; i <= count; i++) {
                row.add(value(rows, i, meta.getColumnType(i), meta.getColumnTypeName(i), dialect));
            }
            values.add(row);
        }
        return new QueryResult(columns, values);
    }

    private static Object value(ResultSet rows, int column, int sqlType, String typeName, JdbcDialect dialect)
            throws SQLException {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        Object value;
        switch (sqlType) {
            case Types.TIMESTAMP_WITH_TIMEZONE:
                value = rows.getObject(column, OffsetDateTime.class);
                break;
            case Types.TIMESTAMP:
                value = name.equals("timestamptz") ? rows.getObject(column, OffsetDateTime.class)
                        : rows.getObject(column, LocalDateTime.class);
                break;
            case Types.DATE:
                value = rows.getObject(column, LocalDate.class);
                break;
            case Types.TIME:
                value = name.equals("timetz") ? rows.getString(column) : rows.getObject(column, LocalTime.class);
                break;
            default:
                value = rows.getObject(column);
        }
        if (value == null || rows.wasNull()) {
            return null;
        }
        return plain(value, dialect);
    }

    private static Object plain(Object value, JdbcDialect dialect) throws SQLException {
        if (value instanceof Array) {
            Array array = (Array) value;
            try {
                Object elements = array.getArray();
                if (elements instanceof Object[]) {
                    List<Object> list = new ArrayList<>();
                    for (Object element : (Object[]) elements) {
                        list.add(element == null ? null : plain(element, dialect));
                    }
                    return list;
                }
                return elements;
            } finally {
                array.free();
            }
        }
        if (value instanceof Clob) {
            Clob clob = (Clob) value;
            return clob.getSubString(1, (int) clob.length());
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            return blob.getBytes(1, (int) blob.length());
        }
        if (value instanceof SQLXML) {
            return ((SQLXML) value).getString();
        }
        if (value instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) value).toLocalDateTime();
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate();
        }
        if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            return Arrays.copyOf(bytes, bytes.length);
        }
        return dialect.convert(value);
    }
}
