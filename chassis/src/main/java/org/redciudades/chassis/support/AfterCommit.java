package org.redciudades.chassis.support;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Runs an action once the current transaction has committed, such as counting what it did. */
public final class AfterCommit {

    private AfterCommit() {
    }

    /** Runs {@code action} after the commit, never after a rollback; at once if no transaction is active. */
    public static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** Counts what the current transaction did, once it has committed: a rolled-back change is not counted. */
    public static void increment(MeterRegistry meters, String counter, String... tags) {
        run(() -> meters.counter(counter, tags).increment());
    }
}
