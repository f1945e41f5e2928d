package org.redciudades.events.registration;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.annotation.Validated;

/**
 * How often someone without an account may register: at most {@code perEmail} guest registrations for one
 * email and {@code perAddress} from one client address in a {@code window}, across events, repeats and
 * refusals included. Each email's and each address's window opens with its first registration and lasts
 * {@code window}; the next one after it opens a new window. The counts are kept in the database, so every
 * instance shares them; a call over either limit changes nothing, its count included, and is answered 429
 * with {@code Retry-After} (the end of the window).
 */
@Service
@EnableConfigurationProperties(GuestLimits.Settings.class)
public class GuestLimits {

    /**
     * @param trustedProxies the addresses whose {@code X-Forwarded-For} is believed, such as the portal's, which
     *                       calls this service for its visitors: IP literals or CIDR ranges ({@code 10.42.0.0/16},
     *                       the pods' network on Kubernetes, where the portal's address changes)
     */
    @ConfigurationProperties("events.guest-registrations")
    @Validated
    record Settings(@DefaultValue("5") @Positive int perEmail, @DefaultValue("20") @Positive int perAddress,
                    @DefaultValue("1h") @NotNull Duration window,
                    @DefaultValue({"127.0.0.1", "::1"}) List<String> trustedProxies) {
    }

    /** A limit reached: 429, and when to try again. */
    static class LimitReached extends ProblemException {

        private final Duration retryAfter;

        LimitReached(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-guest-registrations");
            this.retryAfter = retryAfter;
        }

        /** Whole seconds until the window ends, at least one. */
        long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    private final Settings settings;
    private final List<IpAddressMatcher> trustedProxies;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    GuestLimits(Settings settings, JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.trustedProxies = settings.trustedProxies().stream().map(String::strip).map(GuestLimits::proxies).toList();
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        for (String by : List.of("email", "address")) {
            meters.counter("guest.registrations.limited", "by", by);
        }
    }

    /**
     * The address of the client a request comes from: the peer's, unless the peer is a trusted proxy; then the
     * nearest address in {@code X-Forwarded-For} that is not a trusted proxy, read from the right, since only
     * the proxies' own entries can be believed (with one proxy that sets the header to its visitor's address,
     * as the portal does, that is its only entry).
     */
    public String clientAddress(String remoteAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = List.of(forwardedFor.split(",")).stream().map(String::strip).filter(hop -> !hop.isEmpty())
                .toList();
        for (String hop : hops.reversed()) {
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? remoteAddress : hops.getFirst();
    }

    /**
     * Counts one guest registration for {@code email} and for {@code clientAddress}, or, if either has
     * reached its limit in this window, neither, and refuses it.
     */
    @Transactional
    public void admit(String email, String clientAddress) {
        Instant now = clock.instant();
        Instant expired = now.minus(settings.window());
        jdbc.sql("delete from guest_registration_attempts where window_start <= :expired")
                .param("expired", Timestamp.from(expired)).update();
        count("email:" + EmailAddresses.normalized(email), settings.perEmail(), now, "email");
        count("address:" + clientAddress, settings.perAddress(), now, "address");
    }

    /**
     * One more for {@code key} in its window, or the first of a new one if none is open; refused if it has
     * {@code limit} already. Rows are locked by the upsert, so concurrent calls count one after the other.
     */
    private void count(String key, int limit, Instant now, String by) {
        String hash = sha256(key);
        Timestamp expired = Timestamp.from(now.minus(settings.window()));
        boolean counted = jdbc.sql("""
                        insert into guest_registration_attempts as a (key_sha256, window_start, attempts)
                        values (:key, :now, 1)
                        on conflict (key_sha256) do update
                            set window_start = case when a.window_start <= :expired then :now else a.window_start end,
                                attempts = case when a.window_start <= :expired then 1 else a.attempts + 1 end
                            where a.window_start <= :expired or a.attempts < :limit
                        returning attempts
                        """)
                .param("key", hash).param("now", Timestamp.from(now)).param("expired", expired).param("limit", limit)
                .query(Integer.class).optional().isPresent();
        if (!counted) {
            Instant opened = jdbc.sql("select window_start from guest_registration_attempts where key_sha256 = :key")
                    .param("key", hash).query(Timestamp.class).single().toInstant();
            meters.counter("guest.registrations.limited", "by", by).increment();
            throw new LimitReached(Duration.between(now, opened.plus(settings.window())));
        }
    }

    private boolean trusted(String address) {
        try {
            // a literal only: the matcher would look a host name up in DNS
            return address != null && trustedProxies.stream().anyMatch(proxies ->
                    proxies.matches(InetAddress.ofLiteral(address).getHostAddress()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An address or a range; a host name is refused at start-up rather than looked up. */
    private static IpAddressMatcher proxies(String addressOrRange) {
        String address = addressOrRange.contains("/")
                ? addressOrRange.substring(0, addressOrRange.indexOf('/')) : addressOrRange;
        try {
            InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("events.guest-registrations.trusted-proxies: '" + addressOrRange
                    + "' is not an IP address or CIDR range", e);
        }
        return new IpAddressMatcher(addressOrRange);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
