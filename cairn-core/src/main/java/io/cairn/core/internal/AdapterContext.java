package io.cairn.core.internal;

import io.cairn.core.config.DatabaseConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * What every adapter gets from the DataManager that opens it.
 *
 * @param source the configuration file name, for messages that tell the user what to fix
 */
public record AdapterContext(DatabaseConfig config, String source, Clock clock, Retrier retrier,
                             MeterRegistry registry) {

    public Messages messages() {
        return new Messages(config, source);
    }
}
