package org.redciudades.chassis.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admission control: at most {@code concurrency} requests are served at once; the others wait for their
 * turn, first come first served, for at most {@code wait}, and are then answered 503 with
 * {@code Retry-After}. Requests run on virtual threads, so nothing else bounds how many are in progress:
 * without this, a crowd of thousands would all verify tokens and parse bodies at once, and the few holding
 * a database lock would wait behind them for the CPU while everyone else waits for the lock. The management
 * endpoints (health probes, metrics) are never held back.
 */
public class AdmissionFilter extends OncePerRequestFilter {

    private final Semaphore turns;
    private final long waitNanos;
    private final String managementPath;
    private final Problems problems;
    private final Counter turnedAway;

    public AdmissionFilter(int concurrency, Duration wait, String managementPath, Problems problems, MeterRegistry meters) {
        this.turns = new Semaphore(concurrency, true);
        this.waitNanos = wait.toNanos();
        this.managementPath = managementPath.endsWith("/") ? managementPath : managementPath + "/";
        this.problems = problems;
        this.turnedAway = Counter.builder("http.server.requests.turned.away")
                .description("Requests answered 503 because they waited longer than chassis.web.admission.wait for their turn")
                .register(meters);
        Gauge.builder("http.server.requests.waiting", turns, Semaphore::getQueueLength)
                .description("Requests waiting for their turn (chassis.web.admission.concurrency are served at once)")
                .register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith(managementPath);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            turnedAway.increment();
            problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            turns.release();
        }
    }
}
