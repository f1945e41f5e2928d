-- Records that a consumer could not process, copied from its dead-letter topics so that ops can
-- inspect them, replay them to the original topic or discard them (chassis/README.md, "Dead letters").
create table dead_letter (
    id                    uuid primary key,
    dead_letter_topic     text        not null,
    dead_letter_partition int         not null,
    dead_letter_offset    bigint      not null,
    original_topic        text        not null,
    original_partition    int,
    original_offset       bigint,
    record_key            bytea,
    headers               jsonb       not null,
    payload               bytea,
    event_id              text,
    event_type            text,
    error_class           text,
    error_message         text,
    received_at           timestamptz not null,
    status                text        not null check (status in ('PENDING', 'REPLAYED', 'DISCARDED')),
    resolved_at           timestamptz,
    resolved_by           text,
    unique (dead_letter_topic, dead_letter_partition, dead_letter_offset)
);
create index dead_letter_by_status on dead_letter (status, received_at);

-- Who did what to which dead letter, and why.
create table dead_letter_action (
    id             bigserial primary key,
    dead_letter_id uuid        not null references dead_letter (id),
    action         text        not null check (action in ('REPLAY', 'DISCARD')),
    actor          text        not null,
    reason         text,
    acted_at       timestamptz not null
);
create index dead_letter_action_by_letter on dead_letter_action (dead_letter_id);
