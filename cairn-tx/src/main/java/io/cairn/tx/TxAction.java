package io.cairn.tx;

/** A body that returns nothing (a savepoint's). */
@FunctionalInterface
public interface TxAction {
    void run(Tx tx) throws Exception;
}
