package io.cairn.core;

/** How a database answered its health check, from best to worst. */
public enum HealthStatus {
    /** Answered in time with spare pool capacity. */
    UP(1.0),
    /** Answered, but too slowly, with a saturated pool, or read-only (in recovery). */
    DEGRADED(0.5),
    /** Did not answer: unreachable, refused, credentials rejected, or timed out. */
    DOWN(0.0);

    private final double gaugeValue;

    HealthStatus(double gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    /** The value of the {@code cairn.db.health} gauge: 1 up, 0.5 degraded, 0 down. */
    public double gaugeValue() {
        return gaugeValue;
    }

    /** The worse of this and {@code other}. */
    public HealthStatus worse(HealthStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
