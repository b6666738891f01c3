-- The app's own tables, beside the engine's ACT_* tables. Portable between H2 and PostgreSQL.

create table number_sequence (
  prefix     varchar(16) not null,
  seq_year   integer     not null,
  counter integer     not null,
  primary key (prefix, seq_year)
);

create table change_ticket (
  ticket_number       varchar(32)   not null primary key,
  request_number      varchar(32)   not null unique,
  process_instance_id varchar(64)   not null,
  project_name        varchar(255)  not null,
  application_name    varchar(255)  not null,
  version             varchar(255)  not null,
  environment         varchar(32)   not null,
  window_start        timestamp     not null,
  window_end          timestamp     not null,
  rollback_plan       varchar(4000) not null,
  status              varchar(32)   not null,
  created_by          varchar(255),
  created_at          timestamp     not null,
  updated_at          timestamp     not null
);

create table sent_mail (
  mail_key       varchar(200) not null primary key,
  message_id     varchar(255) not null,
  request_number varchar(32)  not null,
  mail_type      varchar(64)  not null,
  subject        varchar(1000) not null,
  recipients     varchar(4000) not null,
  sent_at        timestamp    not null
);

create index sent_mail_request on sent_mail (request_number);
