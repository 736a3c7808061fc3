package io.cairn.tx;

/** The body of a distributed transaction: statements on each participant through {@link DistributedTx#on}. */
@FunctionalInterface
public interface DistributedWork {
    void run(DistributedTx tx) throws Exception;
}
