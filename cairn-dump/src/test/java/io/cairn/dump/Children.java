package io.cairn.dump;

import io.cairn.repository.Progress;
import io.cairn.repository.ProgressListener;
import java.util.concurrent.atomic.AtomicBoolean;

/** Fault injection: kills a child process of this JVM by program name once a dump is under way. */
final class Children {
    private Children() {
    }

    /** A progress listener that, on its first report, SIGKILLs every child named {@code program}. */
    static ProgressListener killOnFirstProgress(String program, AtomicBoolean killed) {
        return (Progress progress) -> {
            if (killed.get()) {
                return;
            }
            ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
                    .forEach(p -> {
                        p.destroyForcibly();
                        killed.set(true);
                    });
        };
    }

    /** A progress listener that runs {@code action} once, on the first report. */
    static ProgressListener onFirstProgress(Runnable action) {
        AtomicBoolean done = new AtomicBoolean();
        return progress -> {
            if (done.compareAndSet(false, true)) {
                action.run();
            }
        };
    }
}
