-- The right to erasure reaches dead letters (deadletter.DeadLetterErasure): a scrubbed dead letter keeps its
-- row and gets an ERASE action. People erased are remembered only as the SHA-256 fingerprints of their
-- email addresses (field 'email') and the values of the JSON fields that identify them (e.g. 'contactId'),
-- so that a dead letter that arrives after the erasure is scrubbed as it is kept.
create table erased_person (
    field     text        not null,
    value     text        not null,
    erased_at timestamptz not null,
    primary key (field, value)
);

alter table dead_letter_action drop constraint dead_letter_action_action_check;
alter table dead_letter_action add constraint dead_letter_action_action_check
    check (action in ('REPLAY', 'DISCARD', 'ERASE'));
