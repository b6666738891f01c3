-- The archive of deployment records: one row per request, written once; the files live in the archive directory.

create table deployment_record (
  request_number      varchar(32)   not null primary key,
  process_instance_id varchar(64)   not null,
  project_name        varchar(255)  not null,
  environment         varchar(32)   not null,
  outcome             varchar(32)   not null,
  created_at          timestamp     not null,
  pdf_path            varchar(1000) not null,
  pdf_sha256          varchar(64)   not null,
  json_path           varchar(1000) not null,
  json_sha256         varchar(64)   not null
);

create index deployment_record_created on deployment_record (created_at);
