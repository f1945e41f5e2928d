package org.redciudades.chassis.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingWorkerTest {

    private final AtomicInteger passes = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean blockSecondPass;

    /** Polls once an hour, so that any pass after the first within a test came from a wake-up. */
    private final PollingWorker worker = new PollingWorker("test-worker", Duration.ofHours(1)) {
        @Override
        protected void pass() {
            int pass = passes.incrementAndGet();
            if (pass == 2 && blockSecondPass) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    };

    @AfterEach
    void stop() {
        release.countDown();
        worker.stop();
    }

    @Test
    void a_wake_up_runs_a_pass_without_waiting_for_the_interval() {
        worker.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);

        worker.wakeUp();

        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 2);
    }

    @Test
    void wake_ups_during_a_pass_queue_one_more_pass_not_one_each() {
        blockSecondPass = true;
        worker.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);
        worker.wakeUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 2);   // the second pass is now blocked

        for (int i = 0; i < 100; i++) {
            worker.wakeUp();
        }
        release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> passes.get() == 3);
    }

    @Test
    void a_stopped_worker_ignores_wake_ups() {
        worker.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 1);
        worker.stop();

        worker.wakeUp();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> passes.get() == 1);
        assertThat(worker.isRunning()).isFalse();
    }
}
