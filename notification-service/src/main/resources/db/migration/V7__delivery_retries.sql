-- Ops put a message that failed for good back in the queue; each time is kept: who, why, and what had happened.
create table delivery_retry (
    id                uuid primary key,
    notification_id   uuid not null references notification (id) on delete cascade,
    requested_by      text not null,
    reason            text not null,
    previous_attempts int  not null,
    previous_error    text,
    requested_at      timestamptz not null
);
create index delivery_retry_notification on delivery_retry (notification_id, requested_at);
