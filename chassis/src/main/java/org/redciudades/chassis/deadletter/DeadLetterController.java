package org.redciudades.chassis.deadletter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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

/** Ops: this service's dead letters, to list, inspect, replay to the original topic, or discard. */
@Tag(name = "Dead letters", description = "Ops: records this service's consumers could not process, copied from "
        + "its dead-letter topics, to inspect and then replay or discard.")
@RestController
@RequestMapping("/api/v1/ops/dead-letters")
public class DeadLetterController {

    public record DiscardRequest(@NotBlank @Size(max = 500) String reason) {
    }

    private final DeadLetters deadLetters;

    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Operation(operationId = "listDeadLetters", summary = "List dead letters",
            description = "Ops: the dead letters, newest first, optionally of one status. Paged; `sort` by "
                    + "`receivedAt`.")
    @GetMapping
    PageQuery.Page<DeadLetters.Summary> find(@RequestParam(required = false) DeadLetters.Status status,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @RequestParam(required = false) String sort) {
        return deadLetters.find(status, PageQuery.parse(page, size, sort, Set.of("receivedAt"), "receivedAt,desc"));
    }

    @Operation(operationId = "getDeadLetter", summary = "Get a dead letter",
            description = "Ops: the record (headers, key, data), the error, and the actions taken on it.")
    @GetMapping("/{id}")
    DeadLetters.Detail get(@PathVariable UUID id) {
        return deadLetters.get(id);
    }

    @Operation(operationId = "replayDeadLetter", summary = "Replay a dead letter",
            description = "Ops: publishes the original record (same `ce_id`) to its original topic; consumers that "
                    + "had applied it drop it as a duplicate. Only a PENDING one (else 409 `dead-letter-resolved`).")
    @PostMapping("/{id}/replay")
    DeadLetters.Detail replay(@PathVariable UUID id, Authentication caller) {
        return deadLetters.replay(id, Caller.of(caller).subject());
    }

    @Operation(operationId = "discardDeadLetter", summary = "Discard a dead letter",
            description = "Ops: closes it without processing, with a reason. Only a PENDING one (else 409 "
                    + "`dead-letter-resolved`).")
    @PostMapping("/{id}/discard")
    DeadLetters.Detail discard(@PathVariable UUID id, @Valid @RequestBody DiscardRequest request,
                               Authentication caller) {
        return deadLetters.discard(id, Caller.of(caller).subject(), request.reason().strip());
    }
}
