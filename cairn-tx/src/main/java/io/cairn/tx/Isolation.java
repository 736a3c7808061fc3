package io.cairn.tx;

/** The isolation levels Cairn offers on every SQL database; docs/transactions.md shows what each prevents. */
public enum Isolation {
    READ_COMMITTED,
    REPEATABLE_READ,
    SERIALIZABLE
}
