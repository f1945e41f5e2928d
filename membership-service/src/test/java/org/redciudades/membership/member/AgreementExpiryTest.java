package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.MovableClock;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@MembershipServiceTest(properties = {"membership.agreement.expiring-days=60", "membership.agreement.check-interval=1h"})
@Import(AgreementExpiryTest.Clocks.class)
class AgreementExpiryTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        MovableClock clock() {
            return new MovableClock(Instant.parse("2027-01-15T12:00:00Z"));
        }
    }

    @Autowired
    MovableClock clock;
    @Autowired
    MembershipService membership;
    @Autowired
    MemberRepository members;
    @Autowired
    AgreementExpiry expiry;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_agreement_turns_expiring_then_expired_on_the_members_own_calendar_each_step_published_once_by_two_instances() {
        UUID id = activeMemberWithTermEnding(LocalDate.of(2027, 3, 31));
        AgreementExpiry second = new AgreementExpiry(members, membership, clock, 60, Duration.ofHours(1));

        clock.set(Instant.parse("2027-01-15T12:00:00Z"));   // 75 days before the end
        bothRun(expiry, second);
        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.ACTIVE);

        clock.set(Instant.parse("2027-02-15T12:00:00Z"));   // 44 days before the end
        bothRun(expiry, second);
        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.EXPIRING);

        clock.set(Instant.parse("2027-04-01T05:00:00Z"));   // still 31 March, 23:00, in Monterrey
        bothRun(expiry, second);
        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.EXPIRING);

        clock.set(Instant.parse("2027-04-01T07:00:00Z"));   // 1 April, 01:00, in Monterrey
        bothRun(expiry, second);
        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.EXPIRED);

        assertThat(events(id, "org.redciudades.membership.agreement.expiring.v1")).isEqualTo(1);
        assertThat(events(id, "org.redciudades.membership.agreement.expired.v1")).isEqualTo(1);
        assertThat(membership.history(id)).extracting(MemberRepository.TransitionRecord::actor).endsWith("system", "system");
    }

    @Test
    void a_renewed_agreement_makes_an_expired_member_active_again() {
        UUID id = activeMemberWithTermEnding(LocalDate.of(2027, 3, 31));
        clock.set(Instant.parse("2027-04-02T12:00:00Z"));
        expiry.pass();
        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.EXPIRED);

        membership.handle(id, new MemberCommand.Renew(new Member.Agreement(UUID.randomUUID(), LocalDate.of(2027, 4, 2),
                LocalDate.of(2027, 4, 2), LocalDate.of(2029, 3, 31), "RCI-CONV-2027-003", "Dirección", "Red")), "organizer-1");
        expiry.pass();

        assertThat(membership.get(id).status()).isEqualTo(MemberStatus.ACTIVE);
        assertThat(membership.get(id).agreement().termEnd()).isEqualTo(LocalDate.of(2029, 3, 31));
    }

    private UUID activeMemberWithTermEnding(LocalDate termEnd) {
        clock.set(Instant.parse("2026-06-01T12:00:00Z"));
        Member member = membership.apply(new Member.Institution("IMPLAN " + UUID.randomUUID(),
                        Member.InstitutionKind.MUNICIPAL_PLANNING_INSTITUTE, "MX", "Coahuila", "Torreón", null),
                "es-MX", "America/Monterrey",
                List.of(new Member.Contact(UUID.randomUUID(), "Mariana", "m@" + UUID.randomUUID() + ".mx", null, "es-MX", true)));
        membership.handle(member.id(), new MemberCommand.Approve(), "organizer-1");
        membership.handle(member.id(), new MemberCommand.RecordAgreement(new Member.Agreement(UUID.randomUUID(),
                LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 1), termEnd, "RCI-CONV-2026-020", "Dirección", "Red")), "organizer-1");
        return member.id();
    }

    private static void bothRun(AgreementExpiry first, AgreementExpiry second) {
        CompletableFuture.allOf(CompletableFuture.runAsync(first::pass), CompletableFuture.runAsync(second::pass)).join();
    }

    private long events(UUID id, String type) {
        return jdbc.sql("select count(*) from outbox_event where aggregate_id = :id and event_type = :type")
                .param("id", id.toString()).param("type", type).query(Long.class).single();
    }
}
