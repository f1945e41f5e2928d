package org.redciudades.notification.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.security.Caller;
import org.redciudades.chassis.web.PageQuery;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Deliveries", description = "Ops: the delivery log, one entry per message (source fact, recipient, "
        + "template), with its status and attempts; a message that failed for good can be retried.")
@RestController
@RequestMapping("/api/v1/deliveries")
class DeliveryLogController {

    record RetryRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final DeliveryLog log;
    private final DeliveryRetries retries;

    DeliveryLogController(DeliveryLog log, DeliveryRetries retries) {
        this.log = log;
        this.retries = retries;
    }

    @Operation(operationId = "listDeliveries", summary = "List deliveries",
            description = "Ops: messages, newest first, by recipient, status (PENDING, SENT, FAILED, DROPPED), template "
                    + "or source event, with attempts, last error and whether an invitation was attached. Paged; "
                    + "`sort` by `createdAt`.")
    @GetMapping
    PageQuery.Page<DeliveryLog.Entry> find(@RequestParam(required = false) @Size(max = 254) String recipient,
                                           @RequestParam(required = false) @Pattern(regexp = "PENDING|SENT|FAILED|DROPPED") String status,
                                           @RequestParam(required = false) @Size(max = 100) String template,
                                           @RequestParam(required = false) @Size(max = 200) String sourceEventId,
                                           @RequestParam(required = false) Integer page,
                                           @RequestParam(required = false) Integer size,
                                           @RequestParam(required = false) String sort) {
        return log.find(new DeliveryLog.Filter(recipient, status, template, sourceEventId),
                PageQuery.parse(page, size, sort, Set.of("createdAt"), "createdAt,desc"));
    }

    @Operation(operationId = "getDelivery", summary = "Get a delivery", description = "Ops: one message.")
    @GetMapping("/{id}")
    DeliveryLog.Entry get(@PathVariable UUID id) {
        return log.get(id);
    }

    @Operation(operationId = "retryDelivery", summary = "Retry a failed delivery",
            description = "Ops: puts a message that failed for good (status FAILED) back in the queue with a fresh set "
                    + "of attempts, and keeps who asked and why. 409 `delivery-not-failed` for a message that is "
                    + "pending, sent or dropped, so a repeated or concurrent retry never sends it twice.")
    @PostMapping("/{id}/retry")
    DeliveryLog.Entry retry(@PathVariable UUID id, @Valid @RequestBody RetryRequest request, Authentication caller) {
        return retries.retry(id, Caller.of(caller).subject(), request.reason());
    }

    @Operation(operationId = "listDeliveryRetries", summary = "List a delivery's retries",
            description = "Ops: each retry of the message, oldest first: who asked, why, and the attempts and last "
                    + "error it replaced.")
    @GetMapping("/{id}/retries")
    List<DeliveryRetries.Retry> retries(@PathVariable UUID id) {
        return retries.of(id);
    }
}
