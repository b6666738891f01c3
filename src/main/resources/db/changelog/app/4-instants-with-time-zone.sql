-- The app's instants keep their offset: a "timestamp" column holds the wall-clock time of the JVM's zone, which
-- reads back an hour off in a daylight-saving overlap and shifts when a node runs in another zone. Existing values
-- were written in the zone of the JVM that runs this migration, and are converted in that zone.
alter table change_ticket alter column window_start set data type timestamp with time zone;
alter table change_ticket alter column window_end set data type timestamp with time zone;
alter table change_ticket alter column created_at set data type timestamp with time zone;
alter table change_ticket alter column updated_at set data type timestamp with time zone;
alter table change_ticket alter column started_at set data type timestamp with time zone;
alter table change_ticket alter column finished_at set data type timestamp with time zone;
alter table change_ticket_event alter column occurred_at set data type timestamp with time zone;
alter table sent_mail alter column sent_at set data type timestamp with time zone;
alter table deployment_record alter column created_at set data type timestamp with time zone;
