package io.cairn.core.internal;

import io.cairn.core.config.DatabaseConfig;
import io.cairn.core.failure.FailureMessages;
import io.cairn.core.retry.Retry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every adapter gets from the DataManager that opens it.
 *
 * @param source the configuration file name, for messages that tell the user what to fix
 * @param retry  the database's retry policy, for connects (never for statements)
 */
public record AdapterContext(DatabaseConfig config, String source, Clock clock, Retry retry,
                             MeterRegistry registry) {

    public FailureMessages messages() {
        return new FailureMessages(config, source);
    }

    /** One attempt only: for health checks, which must answer within their own bound. */
    public Retry once() {
        return Retry.builder("database '" + config.id() + "'").clock(clock).build();
    }
}
