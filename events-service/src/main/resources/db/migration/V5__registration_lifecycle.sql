-- A check-in is now a status of its own (ATTENDED), as RegistrationLifecycle has it; attended_at keeps the time.
update registration set status = 'ATTENDED' where attended_at is not null and status = 'CONFIRMED';

-- One active registration per (event, email), as RegistrationLifecycle.active() lists them
-- (RegistrationApiTest checks that the two agree): after a cancellation or a rejection, the
-- person may register again; the ended registration stays, for the record.
alter table registration drop constraint registration_event_id_email_key;
create unique index registration_active_email on registration (event_id, email)
    where status in ('CONFIRMED', 'PENDING_APPROVAL', 'WAITLISTED', 'ATTENDED');
-- A repeat looks its registration up by (event, email) and a bound list of statuses, which cannot
-- prove the partial index's predicate; this index serves it.
create index registration_email on registration (event_id, email);
