package io.cairn.tx;

import io.cairn.core.config.CairnConfig;

/**
 * The {@code transactions:} section: the coordinator's identity and log, and recovery. Read once
 * by the facade.
 */
public record TxSettings() {
    public static TxSettings from(CairnConfig config) {
        return new TxSettings();
    }
}
