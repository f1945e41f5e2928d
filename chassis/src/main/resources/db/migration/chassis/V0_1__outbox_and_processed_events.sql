-- Chassis tables, shared by every service's own database. Chassis migrations use versions 0.x so that
-- they run before the service's own (1 and up).

create table outbox_event (
    id           uuid        primary key,          -- becomes ce_id
    position     bigserial   not null unique,      -- publication order
    topic        text        not null,
    aggregate_id text        not null,             -- record key and ce_subject
    event_type   text        not null,             -- ce_type
    payload      jsonb       not null,
    traceparent  text        not null,
    occurred_at  timestamptz not null,             -- ce_time
    sent_at      timestamptz                       -- set once the broker acknowledged
);

create index outbox_event_unsent on outbox_event (position) where sent_at is null;

create table processed_event (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);
