package io.cairn.migrate.internal.mongo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Parses a {@code .json} MongoDB migration: a JSON array of command objects (// and /* *}{@code /}
 * comments allowed; MongoDB Extended JSON such as {"$date": ...} and {"$oid": ...} in values).
 * Each element becomes the command document sent with runCommand, see {@link MongoCommands}.
 */
public final class MongoScript {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.ALLOW_TRAILING_COMMA);

    /** One command with the line its object starts on. */
    public record Command(int line, Document document) {
    }

    private MongoScript() {
    }

    public static List<Command> parse(String script, String file) {
        List<Command> commands = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(script.startsWith("\uFEFF") ? script.substring(1) : script)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return commands;
            }
            if (first != JsonToken.START_ARRAY) {
                throw problem(file, parser.currentTokenLocation().getLineNr(),
                        "expected a JSON array of commands, e.g. [ {\"createCollection\": \"users\"} ]");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode node = parser.readValueAsTree();
                commands.add(new Command(line, MongoCommands.translate((ObjectNode) node, file, line)));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw problem(file, parser.currentTokenLocation().getLineNr(), "expected a command object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw problem(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage());
        } catch (IOException e) {
            throw problem(file, 0, e.getMessage());
        }
        return commands;
    }

    static CairnException problem(String file, int line, String message) {
        return new CairnException(ErrorCode.USAGE, file + ":" + line + ": " + message.replaceAll("\\s*\\R\\s*", " "));
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }
}
