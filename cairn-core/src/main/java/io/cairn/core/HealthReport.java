package io.cairn.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Health of every configured database, checked in parallel, in configuration order. */
@JsonPropertyOrder({"overall", "checkedAt", "databases"})
public record HealthReport(List<DatabaseHealth> databases, Instant checkedAt) {

    public HealthReport {
        databases = List.copyOf(databases);
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** The worst status of all databases; UP when none is configured. */
    @JsonProperty("overall")
    public HealthStatus overall() {
        HealthStatus worst = HealthStatus.UP;
        for (DatabaseHealth database : databases) {
            worst = worst.worse(database.status());
        }
        return worst;
    }

    public Optional<DatabaseHealth> database(String id) {
        return databases.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
