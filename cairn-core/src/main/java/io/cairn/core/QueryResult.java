package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rows a SQL query returned, fully read into memory. Values are plain Java objects
 * (String, Long/Integer, BigDecimal, Boolean, java.time types, byte[], List for arrays; null
 * for SQL NULL). For large results use {@link DataManager#withConnection} and stream.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {

    public QueryResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Objects.requireNonNull(row, "row");
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public static QueryResult empty() {
        return new QueryResult(List.of(), List.of());
    }

    @JsonIgnore
    public int rowCount() {
        return rows.size();
    }

    /** Each row as column name → value, in column order (a later duplicate column name wins). */
    @JsonIgnore
    public List<Map<String, Object>> rowMaps() {
        List<Map<String, Object>> maps = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                map.put(columns.get(i), row.get(i));
            }
            maps.add(Collections.unmodifiableMap(map));
        }
        return Collections.unmodifiableList(maps);
    }

    /** The value of the first column of the first row, if there is one and it is not NULL. */
    public Optional<Object> firstValue() {
        if (rows.isEmpty() || columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(rows.get(0).get(0));
    }
}
