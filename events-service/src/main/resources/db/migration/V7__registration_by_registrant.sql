-- A person's own registrations (GET /api/v1/registrations/mine) are those whose registered_by is their
-- token's subject.
create index registration_by_registrant on registration (registered_by) where registered_by is not null;
