package io.cairn.cli;

import java.io.PrintWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.cairn.core.CairnException;
import io.cairn.core.CairnJson;
import io.cairn.core.ErrorCode;

/** Prints result records as JSON for {@code --json}, in the shape {@link CairnJson} defines. */
public final class Json {
    private static final ObjectWriter WRITER = CairnJson.mapper().writerWithDefaultPrettyPrinter();

    private Json() {
    }

    public static void print(PrintWriter out, Object value) {
        try {
            out.println(WRITER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new CairnException(ErrorCode.INTERNAL, "cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
