package org.redciudades.portal.ops;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redciudades.portal.services.ProblemMessages;
import org.redciudades.portal.services.ServiceApis;
import org.redciudades.portal.services.ServiceProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Each service's {@code GET /api/v1/ops/status} (the chassis' "Ops status"), asked with the ops person's token and
 * waiting at most {@link #CONNECT} and {@link #READ}: a service that is down or hung is a line on the health page
 * that says so, never a failed page.
 */
@Component
class ServiceHealth {

    static final Duration CONNECT = Duration.ofSeconds(1);
    static final Duration READ = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(ServiceHealth.class);

    /** What a service answered, as the chassis' OpsStatus has it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String service, boolean ready, Outbox outbox, List<ConsumerLag> consumers,
                  List<PendingDeadLetters> deadLetters, Instant at) {

        Status {
            consumers = consumers == null ? List.of() : consumers;
            deadLetters = deadLetters == null ? List.of() : deadLetters;
        }

        /** Dead letters waiting on all of its dead-letter topics. */
        public long pendingDeadLetters() {
            return deadLetters.stream().mapToLong(PendingDeadLetters::pending).sum();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Outbox(long backlog, double oldestAgeSeconds) {

        public long oldestAgeWholeSeconds() {
            return Math.round(Math.ceil(oldestAgeSeconds));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ConsumerLag(String clientId, long recordsLagMax) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PendingDeadLetters(String topic, long pending) {
    }

    /** How a service is: ready, up but not ready, refusing or failing the question, or silent. */
    enum State { READY, NOT_READY, REFUSED, SILENT }

    /**
     * One service on the health page: its state, its numbers when it answered, and the reason in words when it did
     * not say (a refusal, a failure or no answer).
     */
    record Checked(OpsService service, State state, Status status, ProblemMessages.Shown problem) {
    }

    private final Map<OpsService, RestClient> clients = new EnumMap<>(OpsService.class);
    private final ProblemMessages problems;

    ServiceHealth(ServiceApis services, ProblemMessages problems) {
        this.problems = problems;
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(CONNECT).build());
        requests.setReadTimeout(READ);
        for (OpsService service : OpsService.values()) {
            clients.put(service, service.client(services).mutate().requestFactory(requests).build());
        }
    }

    /** Every service, in the order of {@link OpsService}. */
    List<Checked> all(Locale locale) {
        return clients.entrySet().stream().map(entry -> {
            Answer answer = ask(entry.getValue(), entry.getKey().serviceName());
            ProblemMessages.Shown problem = switch (answer.state()) {
                case SILENT -> problems.unavailable(locale);
                case REFUSED -> problems.of(answer.problem(), locale);
                case READY, NOT_READY -> null;
            };
            return new Checked(entry.getKey(), answer.state(), answer.status(), problem);
        }).toList();
    }

    /** What one service said: its state, and its status or the problem. */
    record Answer(State state, Status status, ServiceProblem problem) {
    }

    static Answer ask(RestClient client, String serviceName) {
        try {
            Status status = client.get().uri("/api/v1/ops/status").attributes(ServiceApis.asSignedInPerson())
                    .retrieve().body(Status.class);
            if (status == null) {
                return new Answer(State.REFUSED, null, unreadable(serviceName));
            }
            return new Answer(status.ready() ? State.READY : State.NOT_READY, status, null);
        } catch (ServiceProblem problem) {
            if (problem.status() == 401) {
                throw problem;   // the person's token, not the service: the page asks them to sign in again
            }
            log.warn("{} did not give its status: {}", serviceName, problem.getMessage());
            return new Answer(State.REFUSED, null, problem);
        } catch (ResourceAccessException e) {
            log.warn("{} did not answer for its status: {}", serviceName, e.getMessage());
            return new Answer(State.SILENT, null, null);
        } catch (RestClientException e) {
            // An answer that is not the status (a proxy's page, say): the service is not saying how it is
            log.warn("{} answered its status unreadably: {}", serviceName, e.getMessage());
            return new Answer(State.REFUSED, null, unreadable(serviceName));
        }
    }

    private static ServiceProblem unreadable(String serviceName) {
        return new ServiceProblem(serviceName, 502, null, null, null, List.of());
    }
}
