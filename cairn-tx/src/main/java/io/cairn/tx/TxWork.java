package io.cairn.tx;

/** The body of a transaction that returns a value. It may run more than once when retried. */
@FunctionalInterface
public interface TxWork<T> {
    T apply(Tx tx) throws Exception;
}
