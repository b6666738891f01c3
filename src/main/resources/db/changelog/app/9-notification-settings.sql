-- Each person's task mails (README "Told at the right moment"): IMMEDIATELY or OFF; no row is IMMEDIATELY.
-- Portable between H2 and PostgreSQL.
create table notification_setting (
  user_id    varchar(255)             not null primary key,
  task_mails varchar(16)              not null,
  updated_at timestamp with time zone not null
);
