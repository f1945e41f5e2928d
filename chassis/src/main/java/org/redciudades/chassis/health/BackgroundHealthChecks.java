package org.redciudades.chassis.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the health checks that reach over the network (by default the database and the Kafka binder) in
 * the background, each on a thread of its own, every {@code refreshInterval}; the health endpoint, and so
 * the readiness probe, answers at once from their last results. A check still waiting for an answer after
 * {@code timeout} counts as DOWN from then on. So readiness says DOWN within about
 * {@code refreshInterval + timeout} of an outage and always answers in milliseconds, well inside a
 * Kubernetes probe's 1 s default, however long the check itself hangs: a paused database leaves a check
 * waiting until it resumes, a stopped broker for the binder's own {@code health-timeout}.
 *
 * <p>The checks are replaced in Boot's registry under the same names, so the health endpoint shows the
 * same tree with the same details. Each starts on its first use, which waits for its first answer as a
 * plain check would (up to {@link #FIRST_ANSWER}: a first check sets up connections and may be slow), and
 * all stop with the application.
 */
public class BackgroundHealthChecks implements SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundHealthChecks.class);

    /** How long the first use of a check waits for its first answer; a probe gives up sooner, as it should. */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(10);

    private final ObjectProvider<HealthContributorRegistry> registry;
    private final List<String> names;
    private final Duration refreshInterval;
    private final Duration timeout;
    private final Map<HealthIndicator, Check> checks = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean stopped;

    public BackgroundHealthChecks(ObjectProvider<HealthContributorRegistry> registry, List<String> names, Duration refreshInterval,
                                  Duration timeout) {
        this.registry = registry;
        this.names = List.copyOf(names);
        this.refreshInterval = refreshInterval;
        this.timeout = timeout;
    }

    @Override
    public void afterSingletonsInstantiated() {
        HealthContributorRegistry registry = this.registry.getIfAvailable();
        if (registry == null) {
            return;
        }
        for (String name : names) {
            HealthContributor contributor = registry.getContributor(name);
            if (contributor != null) {
                registry.unregisterContributor(name);
                registry.registerContributor(name, inBackground(name, contributor));
            }
        }
    }

    private HealthContributor inBackground(String name, HealthContributor contributor) {
        return switch (contributor) {
            case HealthIndicator indicator -> new CachedIndicator(name, indicator);
            case CompositeHealthContributor composite -> new CachedComposite(name, composite);
            default -> contributor;
        };
    }

    /** Also after a stop: a test context, for one, is stopped while other classes run and started again. */
    @Override
    public void start() {
        stopped = false;
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        stopped = true;
        checks.values().forEach(Check::stop);
        checks.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped after everything else, so that readiness keeps its last answer during a graceful shutdown. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** An indicator whose health is that of its check in the background. */
    private final class CachedIndicator implements HealthIndicator {

        private final String name;
        private final HealthIndicator indicator;

        CachedIndicator(String name, HealthIndicator indicator) {
            this.name = name;
            this.indicator = indicator;
        }

        @Override
        public Health health() {
            if (stopped) {
                return Health.down().withDetail("error", "The application is stopped").build();
            }
            return checks.computeIfAbsent(indicator, key -> new Check(name, key)).last();
        }
    }

    /** A composite (the binders) whose members may come and go; each indicator among them is checked in the background. */
    private final class CachedComposite implements CompositeHealthContributor {

        private final String name;
        private final CompositeHealthContributor composite;

        CachedComposite(String name, CompositeHealthContributor composite) {
            this.name = name;
            this.composite = composite;
        }

        @Override
        public HealthContributor getContributor(String member) {
            HealthContributor contributor = composite.getContributor(member);
            return contributor == null ? null : inBackground(name + "." + member, contributor);
        }

        @Override
        public Stream<HealthContributors.Entry> stream() {
            return composite.stream().map(entry ->
                    new HealthContributors.Entry(entry.name(), inBackground(name + "." + entry.name(), entry.contributor())));
        }
    }

    /** One check, run again {@code refreshInterval} after each answer, on a thread of its own. */
    private final class Check {

        private final String name;
        private final HealthIndicator indicator;
        private final CountDownLatch firstAnswer = new CountDownLatch(1);
        private final Thread thread;
        private volatile Health last;
        /** When the check in progress began ({@link System#nanoTime()}), or null between checks. */
        private volatile Long checkingSince;
        private volatile boolean cancelled;
        /** Whether the check in progress has been reported late already. */
        private final AtomicBoolean reportedLate = new AtomicBoolean();

        Check(String name, HealthIndicator indicator) {
            this.name = name;
            this.indicator = indicator;
            this.thread = Thread.ofVirtual().name("health-" + name).start(this::run);
        }

        private void run() {
            while (!cancelled) {
                reportedLate.set(false);
                checkingSince = System.nanoTime();
                Health health;
                try {
                    health = indicator.health(true);
                } catch (RuntimeException e) {
                    health = Health.down(e).build();
                }
                if (!Status.UP.equals(health.getStatus()) && (last == null || !last.getStatus().equals(health.getStatus()))) {
                    log.warn("Health check {} is {}: {}", name, health.getStatus(), health.getDetails());
                } else if (last != null && !last.getStatus().equals(health.getStatus())) {
                    log.info("Health check {} is {} again", name, health.getStatus());
                }
                last = health;
                checkingSince = null;
                firstAnswer.countDown();
                try {
                    Thread.sleep(refreshInterval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** The last answer, unless the check in progress has been waiting longer than {@code timeout}. */
        Health last() {
            if (last == null) {
                try {
                    firstAnswer.await(Math.max(timeout.toMillis(), FIRST_ANSWER.toMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Long since = checkingSince;
            Health answer = last;
            if (answer == null) {
                return Health.down().withDetail("error", "No first answer within " + FIRST_ANSWER.toMillis() + " ms").build();
            }
            if (since != null && System.nanoTime() - since > timeout.toNanos()) {
                if (reportedLate.compareAndSet(false, true)) {
                    log.warn("Health check {} has not answered within {} ms: DOWN until it does", name, timeout.toMillis());
                }
                return Health.down().withDetail("error", "No answer within " + timeout.toMillis() + " ms").build();
            }
            return answer;
        }

        void stop() {
            cancelled = true;
            thread.interrupt();
        }
    }
}
