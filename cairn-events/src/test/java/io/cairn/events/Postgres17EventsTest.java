package io.cairn.events;

import io.cairn.testkit.PostgresExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events contract on PostgreSQL 17 (bundled binaries). */
class Postgres17EventsTest extends EventsContract {
    @RegisterExtension
    static final PostgresExtension pg = PostgresExtension.builder().bundledBinaries().build();

    @Override
    PostgresExtension pg() {
        return pg;
    }
}
