package io.cairn.tx.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.QueryResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps rows to a record by component name ({@code created_at} or {@code createdAt} fill
 * {@code createdAt}), or a one-column row to a plain value, converting numbers between widths.
 */
final class RowMapper<T> {
    private final Class<T> type;

    private RowMapper(Class<T> type) {
        this.type = type;
    }

    static <T> RowMapper<T> of(Class<T> type) {
        return new RowMapper<>(type);
    }

    List<T> map(QueryResult result) {
        List<T> mapped = new ArrayList<>(result.rowCount());
        if (type.isRecord()) {
            for (Map<String, Object> row : result.rowMaps()) {
                mapped.add(record(row));
            }
            return mapped;
        }
        if (result.columns().size() != 1 && result.rowCount() > 0) {
            throw new CairnException(ErrorCode.USAGE, "cannot map " + result.columns().size() + " columns "
                    + result.columns() + " to " + type.getSimpleName() + ": select one column or map to a record");
        }
        for (List<Object> row : result.rows()) {
            mapped.add(type.cast(convert(row.get(0), type, result.columns().get(0))));
        }
        return mapped;
    }

    private T record(Map<String, Object> row) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            types[i] = components[i].getType();
            String column = column(row, name);
            values[i] = convert(row.get(column), types[i], column);
        }
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new CairnException(ErrorCode.USAGE, type.getSimpleName() + " refused a row: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CairnException(ErrorCode.USAGE, "cannot construct " + type.getName() + ": " + e.getMessage(), e);
        }
    }

    private String column(Map<String, Object> row, String component) {
        for (String column : row.keySet()) {
            if (column.equalsIgnoreCase(component) || column.replace("_", "").equalsIgnoreCase(component)) {
                return column;
            }
        }
        throw new CairnException(ErrorCode.USAGE, "no column for " + type.getSimpleName() + "." + component
                + " among " + row.keySet() + " (name a column " + snake(component) + " or " + component + ")");
    }

    private static Object convert(Object value, Class<?> target, String column) {
        if (value == null) {
            if (target.isPrimitive()) {
                throw new CairnException(ErrorCode.USAGE, "column " + column + " is NULL but maps to " + target.getName());
            }
            return null;
        }
        Class<?> boxed = boxed(target);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof Number number) {
            if (boxed == Long.class) {
                return number.longValue();
            }
            if (boxed == Integer.class) {
                return Math.toIntExact(number.longValue());
            }
            if (boxed == Short.class) {
                return number.shortValue();
            }
            if (boxed == Double.class) {
                return number.doubleValue();
            }
            if (boxed == Float.class) {
                return number.floatValue();
            }
            if (boxed == BigDecimal.class) {
                return new BigDecimal(number.toString());
            }
            if (boxed == BigInteger.class) {
                return new BigDecimal(number.toString()).toBigIntegerExact();
            }
            if (boxed == Boolean.class) {
                return number.longValue() != 0;
            }
        }
        if (boxed == String.class) {
            return value.toString();
        }
        throw new CairnException(ErrorCode.USAGE, "column " + column + " holds " + value.getClass().getSimpleName()
                + ", which does not map to " + target.getSimpleName());
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "long" -> Long.class;
            case "int" -> Integer.class;
            case "short" -> Short.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "byte" -> Byte.class;
            default -> Character.class;
        };
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static String shorten(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
