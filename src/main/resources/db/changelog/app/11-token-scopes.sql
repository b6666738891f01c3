-- What a personal access token may do (README "Security"): API (every call its user may make) or CALENDAR_FEED (only
-- read the change calendar's feed, the one kind of token that may stand in an address). Tokens made before: API.
-- Portable between H2 and PostgreSQL.
alter table access_token add scope varchar(20) default 'API' not null;
