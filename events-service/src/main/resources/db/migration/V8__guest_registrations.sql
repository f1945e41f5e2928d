-- Registration without an account, for PUBLIC events (registration.GuestRegistrationController): a guest's
-- registration has no registered_by (no token subject) and no institution; guest marks it, so that only
-- such a registration answers to a manage link (registration.GuestLinks), never one a signed-in person made
-- (nor one made before registered_by was kept, which is null too).
alter table registration add column guest boolean not null default false;

-- How many guest registrations each email and each client address asked for in its current window
-- (registration.GuestLimits), shared by every instance. A window opens with the key's first registration
-- and lasts events.guest-registrations.window. key_sha256 is the SHA-256 of 'email:<address>' or
-- 'address:<client address>', never either in clear; a row outlives its window only until the next call.
create table guest_registration_attempts (
    key_sha256   text        primary key,
    window_start timestamptz not null,
    attempts     int         not null
);
create index guest_registration_attempts_by_window on guest_registration_attempts (window_start);
