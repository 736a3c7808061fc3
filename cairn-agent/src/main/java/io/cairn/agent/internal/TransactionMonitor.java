package io.cairn.agent.internal;

import io.cairn.Cairn;
import io.cairn.agent.Alert;
import io.cairn.core.CairnException;
import io.cairn.tx.InDoubtBranch;
import io.cairn.tx.InDoubtReport;
import io.cairn.tx.TxSettings;
import java.util.Comparator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two-phase commit recovery in the agent: when the configuration has a {@code transactions:}
 * section, the agent starts the coordinator's background recovery (on its {@code recovery.interval},
 * gauges {@code cairn.tx.in_doubt} and {@code cairn.tx.in_doubt.alerts}), and on each health check
 * raises the warning {@code tx-in-doubt} while a prepared branch is older than
 * {@code recovery.alert-after}, resolving it once none is.
 */
public final class TransactionMonitor {
    static final String KEY = "tx-in-doubt";
    private static final Logger LOG = LoggerFactory.getLogger(TransactionMonitor.class);
    private final Cairn cairn;
    private final AlertCenter alerts;
    private final boolean enabled;
    private volatile boolean started;

    public TransactionMonitor(Cairn cairn, AlertCenter alerts) {
        this.cairn = cairn;
        this.alerts = alerts;
        this.enabled = TxSettings.configured(cairn.databases().config());
    }

    /**
     * Starts background recovery (its first run resolves what a crash left). A log held by another
     * process (the application itself recovers) does not stop the agent: it raises {@code tx-in-doubt}.
     */
    public synchronized void start() {
        if (!enabled || started) {
            return;
        }
        started = true;
        try {
            cairn.transactions().startRecovery();
        } catch (CairnException e) {
            LOG.warn("transactions: recovery not started: {}", e.getMessage());
            alerts.raise(KEY, Alert.Severity.warning, "two-phase commit recovery not started: " + e.getMessage());
        }
    }

    /** Raises or resolves {@code tx-in-doubt} from the last recovery run (starting recovery if the loop did not). */
    public void check() {
        if (!enabled) {
            return;
        }
        start();
        Optional<InDoubtReport> last = cairn.transactions().lastRecoveryReport();
        if (last.isEmpty()) {
            return;
        }
        InDoubtReport report = last.get();
        Optional<InDoubtBranch> oldest = report.branches().stream().filter(InDoubtBranch::alert)
                .max(Comparator.comparing(InDoubtBranch::age));
        if (oldest.isPresent()) {
            InDoubtBranch branch = oldest.get();
            alerts.raise(KEY, Alert.Severity.warning, report.alerts() + " prepared branch(es) of coordinator '"
                    + report.coordinator() + "' older than recovery.alert-after; oldest " + branch.gid() + " on '"
                    + branch.db() + "', " + branch.age().toSeconds() + "s, log says " + branch.outcome()
                    + " (see cairn tx in-doubt; cairn tx resolve for a heuristic case)");
        } else {
            alerts.resolve(KEY);
        }
    }
}
