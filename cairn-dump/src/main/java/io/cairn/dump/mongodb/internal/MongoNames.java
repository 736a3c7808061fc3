package io.cairn.dump.mongodb.internal;

import io.cairn.core.CairnException;
import io.cairn.core.ErrorCode;
import io.cairn.core.config.DatabaseConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** File names of MongoDB dumps: {@code <database>/<collection>.bson} and {@code .metadata.json}, as mongodump lays them out. */
final class MongoNames {
    static final String BSON = ".bson";
    static final String METADATA = ".metadata.json";

    private MongoNames() {
    }

    /** The database the URL names; a dump or load of "every database" is not what a configured entry means. */
    static String database(DatabaseConfig config) {
        return config.url().database().orElseThrow(() -> new CairnException(ErrorCode.CONFIG, "database '" + config.id()
                + "': url: names no database; add one, e.g. mongodb://host:27017/app"));
    }

    /** A collection name safe as a file name ('/' and '%' escaped as mongodump does, with %XX). */
    static String file(String collection) {
        if (!collection.contains("/") && !collection.contains("%") && !collection.startsWith(".")) {
            return collection;
        }
        return URLEncoder.encode(collection, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E");
    }
}
