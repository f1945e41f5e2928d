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
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The {@code Idempotency-Key} header on POST: the first response to a (caller, key) is stored, and a
 * retry with the same key and the same request gets that response again, with
 * {@code Idempotent-Replayed: true}, without running the request twice. The same key with a different
 * request is refused with 422; a retry while the first is still running gets 409.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** A claim older than this whose request never finished (the instance died) may be taken over. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    private final JdbcClient jdbc;
    private final Problems problems;
    private final Clock clock;

    public IdempotencyFilter(JdbcClient jdbc, Problems problems, Clock clock) {
        this.jdbc = jdbc;
        this.problems = problems;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    private record Stored(byte[] requestHash, Integer status, String contentType, String location, byte[] body,
                          Timestamp createdAt) {
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
        byte[] hash = hash(request.getMethod(), request.getRequestURI(), body);
        String caller = caller();

        if (!claim(caller, key, hash)) {
            Stored stored = find(caller, key).orElse(null);
            if (stored == null) {
                problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress");
            } else if (!MessageDigest.isEqual(stored.requestHash(), hash)) {
                problems.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
            } else if (stored.status() == null) {
                problems.write(request, response, HttpStatus.CONFLICT, "idempotency-key-in-progress");
            } else {
                replay(stored, response);
            }
            return;
        }

        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new ReplayableRequest(request, body), captured);
            if (captured.getStatus() < 500) {
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
                        .param("caller", caller).param("key", key)
                        .update();
                stored = true;
            }
        } finally {
            if (!stored) {
                release(caller, key);
            }
            captured.copyBodyToResponse();
        }
    }

    /** Claims the key for this request; false if another request holds or held it. */
    private boolean claim(String caller, String key, byte[] hash) {
        jdbc.sql("delete from idempotency_key where caller = :caller and key = :key and completed_at is null and created_at < :before")
                .param("caller", caller).param("key", key)
                .param("before", Timestamp.from(clock.instant().minus(ABANDONED_AFTER)))
                .update();
        return jdbc.sql("""
                insert into idempotency_key (caller, key, request_hash, created_at) values (:caller, :key, :hash, :now)
                on conflict do nothing
                """)
                .param("caller", caller).param("key", key).param("hash", hash)
                .param("now", Timestamp.from(clock.instant()))
                .update() == 1;
    }

    private void release(String caller, String key) {
        jdbc.sql("delete from idempotency_key where caller = :caller and key = :key and completed_at is null")
                .param("caller", caller).param("key", key).update();
    }

    private Optional<Stored> find(String caller, String key) {
        return jdbc.sql("""
                select request_hash, status, content_type, location, response_body as body, created_at
                from idempotency_key where caller = :caller and key = :key
                """)
                .param("caller", caller).param("key", key)
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
