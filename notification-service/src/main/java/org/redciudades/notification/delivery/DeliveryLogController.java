package org.redciudades.notification.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.web.PageQuery;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Deliveries", description = "Ops: the delivery log, one entry per message (source fact, recipient, "
        + "template), with its status and attempts.")
@RestController
@RequestMapping("/api/v1/deliveries")
class DeliveryLogController {

    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
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
}
