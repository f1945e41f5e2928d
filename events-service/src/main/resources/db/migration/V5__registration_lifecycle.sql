-- A check-in is now a status of its own (ATTENDED), as RegistrationLifecycle has it; attended_at keeps the time.
update registration set status = 'ATTENDED' where attended_at is not null and status = 'CONFIRMED';

