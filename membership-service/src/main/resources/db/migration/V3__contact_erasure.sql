-- When a contact's personal data was erased at an organizer's request (right to erasure).
alter table contact add column erased_at timestamptz;
