-- Registering for an event in one call to the database (registration.SeatLedger#register), so that the
-- event's row lock, which every registration for the event waits for, is held only while PostgreSQL
-- itself works: no round trip to the service and no Java work between taking the lock and committing.
--
-- The service decides beforehand on the event as it read it without a lock, perhaps a while ago (the lifecycles, who may
-- register, the facts to publish for a seat and for a place in the queue); under the lock, the call checks
-- that the event is still that version and otherwise changes nothing and answers CHANGED, so the service
-- reads it again and decides anew. What depends on the other registrations (a repeat, the institution's
-- quota, a free seat) is decided here, under the lock: each statement of a VOLATILE function sees
-- everything committed before it began, the previous holder's registration included.

-- The event's version: a digest of every column but seats_taken, which registrations change; anything an
-- organizer changes changes it. In UTC, so that the text of its times does not depend on the session.
create function event_version(e event) returns text
    language sql stable strict parallel safe
    set timezone to 'UTC'
    return md5((to_jsonb(e) - 'seats_taken')::text);

-- outcome: CREATED (entry is the new registration, its fact is in the outbox), EXISTING (entry is the
-- email's active registration, unchanged), CHANGED (the event is no longer at p_version), REFUSED (no
-- repeat, and p_create is false: the service refuses a new registration for reasons of its own), QUOTA
-- (the institution's active registrations have reached p_quota), FULL (no free seat, and no fact to
-- publish for waiting: the event keeps no waiting list). Only CREATED writes anything.
-- A guest (p_guest) learns REFUSED and FULL before anything about the email, so that a refusal tells
-- nothing of who is registered. p_active: the statuses of registrations still in the event; p_seated_status and
-- p_waiting_status: the status a new registration gets with a seat and without one. p_fact_*: the outbox
-- row (chassis' outbox_event) for the status given, which the service has serialized beforehand.
create function register_at_event(
    p_event uuid, p_version text, p_create boolean, p_guest boolean, p_active text[],
    p_id uuid, p_email text, p_name text, p_locale text, p_member uuid, p_quota int, p_registered_by text,
    p_seated_status text, p_waiting_status text, p_at timestamptz,
    p_fact_id uuid, p_fact_topic text, p_fact_traceparent text, p_fact_at timestamptz,
    p_seated_type text, p_seated_payload jsonb, p_waiting_type text, p_waiting_payload jsonb)
    returns table (outcome text, entry registration)
    language plpgsql volatile
as $$
declare
    e        event;
    existing registration;
    created  registration;
    seat     boolean;
begin
    select * into e from event where id = p_event for update;
    if not found or event_version(e) <> p_version then
        return query select 'CHANGED', null::registration;
        return;
    end if;
    if p_guest and not p_create then
        return query select 'REFUSED', null::registration;
        return;
    end if;
    if p_guest and e.seats_taken >= e.capacity and p_waiting_payload is null then
        return query select 'FULL', null::registration;
        return;
    end if;
    select * into existing from registration r
    where r.event_id = p_event and r.email = p_email and r.status = any(p_active);
    if found then
        return query select 'EXISTING', existing;
        return;
    end if;
    if not p_create then
        return query select 'REFUSED', null::registration;
        return;
    end if;
    if p_quota is not null and p_member is not null
            and (select count(*) from registration r
                 where r.event_id = p_event and r.member_id = p_member and r.status = any(p_active)) >= p_quota then
        return query select 'QUOTA', null::registration;
        return;
    end if;
    -- A seat is taken only by this conditional update, as SeatLedger takes it.
    update event set seats_taken = seats_taken + 1 where id = p_event and seats_taken < capacity;
    seat := found;
    if not seat and p_waiting_payload is null then
        return query select 'FULL', null::registration;
        return;
    end if;
    insert into registration (id, event_id, email, name, locale, member_id, registered_by, guest, status,
                              created_at, updated_at)
    values (p_id, p_event, p_email, p_name, p_locale, p_member, p_registered_by, p_guest,
            case when seat then p_seated_status else p_waiting_status end, p_at, p_at)
    returning * into created;
    insert into outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
    values (p_fact_id, p_fact_topic, p_event::text,
            case when seat then p_seated_type else p_waiting_type end,
            case when seat then p_seated_payload else p_waiting_payload end,
            p_fact_traceparent, p_fact_at);
    return query select 'CREATED', created;
end
$$;
