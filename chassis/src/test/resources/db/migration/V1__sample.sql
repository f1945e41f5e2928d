create table note (id uuid primary key, text text not null);
create table note_effect (note_id uuid not null, event_id text not null);
