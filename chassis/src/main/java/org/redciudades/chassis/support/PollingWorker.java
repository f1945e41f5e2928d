package org.redciudades.chassis.support;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background worker that drains a database-backed queue (the outbox, the mail queue): it runs
 * {@link #pass()} on its own thread, {@code interval} after the previous pass ended, from the context's
 * start until its graceful stop, which waits for the pass in progress. A failing pass is logged and
 * retried on the next one.
 */
public abstract class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final Duration interval;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService scheduler;

    protected PollingWorker(String name, Duration interval) {
        this.name = name;
        this.interval = interval;
    }

    /** One pass over the queue. */
    protected abstract void pass();

    /** Whether this instance should run at all. */
    protected boolean enabled() {
        return true;
    }

    private void safePass() {
        try {
            pass();
        } catch (RuntimeException e) {
            log.warn("{} pass failed; retrying in {}: {}", name, interval, e.getMessage());
        }
    }

    /**
     * Runs a pass as soon as the one in progress (if any) ends. Cheap enough to call after every commit that
     * queues work: however often it is called, at most one extra pass waits.
     */
    public void wakeUp() {
        ScheduledExecutorService running = scheduler;
        if (running != null && wakeUpQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeUpQueued.set(false);
                    safePass();
                });
            } catch (RejectedExecutionException stopping) {
                wakeUpQueued.set(false);
            }
        }
    }

    @Override
    public void start() {
        if (!enabled() || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        scheduler.scheduleWithFixedDelay(this::safePass, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(30, TimeUnit.SECONDS)) {
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
