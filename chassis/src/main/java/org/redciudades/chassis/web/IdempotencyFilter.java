package org.redciudades.chassis.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} header on POST: the first answer to a (caller, key) is stored, and a retry
 * with the same key and the same request gets that answer again, with {@code Idempotent-Replayed: true},
 * without running the request twice. The same key with a different request is refused with 422; a retry
 * while the first is still running gets 409.
 *
 * <p>The claim of a key, the work it guards and the answer stored for it commit together or not at all:
 * the filter opens the request's transaction, which the services' {@code @Transactional} methods join;
 * inside it, it takes the key's advisory lock (held by the transaction, so a retry that finds it taken
 * gets 409 at once instead of waiting), inserts the claim, lets the request run, stores the answer and
 * commits. If the instance dies mid-request, its transaction rolls back and the lock goes with its
 * session: nothing is left behind, and a retry is processed as if the first had never come. If the work
 * committed, so did its answer, and a retry gets it. A 5xx rolls everything back, so it can be retried;
 * an answer whose work failed and was rolled back (a 4xx such as a conflict) is stored on its own
 * afterwards, so that retries get it too.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** A claim committed without its answer by an earlier version of this filter, older than this, was abandoned. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final Problems problems;
    private final Clock clock;

    public IdempotencyFilter(JdbcClient jdbc, PlatformTransactionManager transactions, Problems problems, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    /** An answer stored for a key; {@code status} is null for a claim still in progress (see {@link #insert}). */
    private record Stored(byte[] requestHash, Integer status, String contentType, String location, byte[] body) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            problems.write(request, response, HttpStatus.BAD_REQUEST, "idempotency-key-invalid");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
            return;
        }
        Claim claim = new Claim(caller(), key, hash(request.getMethod(), request.getRequestURI(), body));

        TransactionStatus transaction;
        try {
            transaction = transactions.getTransaction(TransactionDefinition.withDefaults());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                throw e;
            }
            unavailable(request, response, e);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            if (!lock(claim)) {
                transactions.rollback(transaction);
                problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress");
                return;
            }
            if (!insert(claim)) {
                Stored stored = find(claim).orElseThrow();
                transactions.commit(transaction);
                if (!MessageDigest.isEqual(stored.requestHash(), claim.hash())) {
                    problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
                } else if (stored.status() == null) {
                    problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress");
                } else {
                    replay(stored, response);
                }
                return;
            }
            chain.doFilter(new ReplayableRequest(request, body), captured);
            finish(claim, transaction, request, response, captured);
        } catch (RuntimeException | IOException | ServletException e) {
            if (!transaction.isCompleted()) {
                try {
                    transactions.rollback(transaction);
                } catch (RuntimeException rollback) {
                    e.addSuppressed(rollback);
                }
            }
            if (!DatabaseUnavailable.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            unavailable(request, response, e);
        }
    }

    /** Stores the answer with the work and commits both; or rolls both back, and keeps a refusal on its own. */
    private void finish(Claim claim, TransactionStatus transaction, HttpServletRequest request,
                        HttpServletResponse response, ContentCachingResponseWrapper captured) throws IOException {
        int status = captured.getStatus();
        if (status >= 500) {
            transactions.rollback(transaction);
            captured.copyBodyToResponse();
            return;
        }
        if (transaction.isRollbackOnly()) {
            transactions.rollback(transaction);
            if (status < 400) {
                // The work failed and was undone, yet the answer says it succeeded: never send that.
                log.error("{} {} answered {} although its work was rolled back", request.getMethod(),
                        request.getRequestURI(), status);
                response.reset();
                problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
                return;
            }
            // Unless a retry has meanwhile taken the key, which then stores its own answer.
            new TransactionTemplate(transactions).executeWithoutResult(ignored -> {
                if (lock(claim) && insert(claim)) {
                    store(claim, captured);
                }
            });
            captured.copyBodyToResponse();
            return;
        }
        store(claim, captured);
        transactions.commit(transaction);
        captured.copyBodyToResponse();
    }

    private void unavailable(HttpServletRequest request, HttpServletResponse response, Exception e) throws IOException {
        log.warn("Database unavailable on {} with an idempotency key: {}", request.getRequestURI(), e.toString());
        response.reset();
        problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, Problems.SERVICE_UNAVAILABLE);
    }

    private record Claim(String caller, String key, byte[] hash) {
    }

    /**
     * Takes the key's lock for this transaction, without waiting: false if another request holds it. The
     * lock is the key's 64-bit hash; two keys that share one only make each other's retries wait.
     */
    private boolean lock(Claim claim) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", claim.caller() + "\n" + claim.key())
                .query(Boolean.class).single());
    }

    /**
     * Claims the key; false if an answer is already stored for it. A claim without an answer can only have
     * been committed on its own by an earlier version of this filter: one older than {@link #ABANDONED_AFTER}
     * was left by an instance that died, and is taken over; a younger one may still be running on an
     * instance not yet upgraded.
     */
    private boolean insert(Claim claim) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                insert into idempotency_key (caller, key, request_hash, created_at) values (:caller, :key, :hash, :now)
                on conflict (caller, key) do update set request_hash = excluded.request_hash, created_at = excluded.created_at
                where idempotency_key.status is null and idempotency_key.created_at < :abandoned
                """)
                .param("caller", claim.caller()).param("key", claim.key()).param("hash", claim.hash())
                .param("now", now).param("abandoned", Timestamp.from(now.toInstant().minus(ABANDONED_AFTER)))
                .update() == 1;
    }

    private void store(Claim claim, ContentCachingResponseWrapper captured) {
        jdbc.sql("""
                update idempotency_key set status = :status, content_type = :contentType, location = :location,
                       response_body = :body, completed_at = :now
                where caller = :caller and key = :key
                """)
                .param("status", captured.getStatus())
                .param("contentType", captured.getContentType())
                .param("location", captured.getHeader(HttpHeaders.LOCATION))
                .param("body", captured.getContentAsByteArray())
                .param("now", Timestamp.from(clock.instant()))
                .param("caller", claim.caller()).param("key", claim.key())
                .update();
    }

    private Optional<Stored> find(Claim claim) {
        return jdbc.sql("""
                select request_hash, status, content_type, location, response_body as body
                from idempotency_key where caller = :caller and key = :key
                """)
                .param("caller", claim.caller()).param("key", claim.key())
                .query(Stored.class)
                .optional();
    }

    private static void replay(Stored stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        response.setHeader(REPLAYED, "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    private static String caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
                ? "anonymous" : authentication.getName();
    }

    private static byte[] hash(String method, String path, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            return digest.digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body already read, so the controller can read it again. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
