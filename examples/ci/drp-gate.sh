#!/bin/sh
# drp-gate.sh: a pipeline's three steps against the Deployment Request Process (README, "Ready-made
# pipeline steps").
#
#   drp-gate.sh request <json-file>                              file a request, print its number
#   drp-gate.sh gate <number> <environment> <version> [digest]   wait at the gate until GO
#   drp-gate.sh report <number> STARTED|SUCCEEDED|FAILED [message]
#
# Environment:
#   DRP_URL, DRP_TOKEN    the app (https://drp.example.com) and a personal access token (drp_...)
#   DRP_RUN_URL           this pipeline run's page: sent with every call
#   request:  DRP_IDEMPOTENCY_KEY (default: DRP_RUN_URL, so a re-run files no second request);
#             DRP_VERSION, DRP_COMMIT_SHA, DRP_RUN_URL, DRP_ARTIFACT_DIGEST fill version, commitSha,
#             pipelineRunUrl, artifactDigest where the file has none
#   gate:     DRP_GATE_WAIT (seconds one long poll may take, 60, at most 300),
#             DRP_GATE_TIMEOUT (seconds to wait in all, 86400)
#   DRP_RETRIES (3), DRP_RETRY_PAUSE (10 s): network errors and 5xx are tried again
#
# Exit status: 0 done (gate: GO); 1 refused (gate: STOP; request and report: the server said no);
# 2 gate: no GO within DRP_GATE_TIMEOUT; 3 anything else (usage, 401, 404, no answer).
# Output: request prints the number alone on the last line of stdout, gate its GO or STOP line;
# progress and reasons go to stderr.
#
# Plain POSIX sh with curl (7.55 or later), sed, grep, printf and sleep. The token reaches curl on its
# standard input, never on a command line, and is never printed.

set -u
LC_ALL=C
export LC_ALL

nl='
'
tab=$(printf '\t')
cr=$(printf '\r')
soh=$(printf '\001')

say() { printf 'drp-gate: %s\n' "$*" >&2; }
die() {
  code=$1
  shift
  say "$*"
  exit "$code"
}
usage() {
  sed -n '5,7s/^# */usage: /p' "$0" >&2
  exit 3
}

# json_escape TEXT: TEXT as the inside of a JSON string.
json_escape() {
  printf '%s' "$1" | sed -e ':a' -e '$!{' -e 'N' -e 'ba' -e '}' -e 's/\\/\\\\/g' -e 's/"/\\"/g' \
    -e 's/\n/\\n/g' -e "s/$tab/\\\\t/g" -e "s/$cr/\\\\r/g" -e 's/[[:cntrl:]]//g'
}

# json_value NAME JSON: the string value of "NAME" in compact JSON, still escaped; empty for null.
json_value() {
  printf '%s\n' "$2" | sed -n -E 's/.*"'"$1"'"[[:space:]]*:[[:space:]]*"(([^"\\]|\\.)*)".*/\1/p' |
    sed -n '1p'
}

# json_text ESCAPED: a JSON string's inside for people (escapes undone, line breaks as spaces).
json_text() {
  printf '%s' "$1" | sed -e "s/\\\\\\\\/$soh/g" -e 's/\\"/"/g' -e 's/\\[nrt]/ /g' -e 's/\\\//\//g' \
    -e "s/$soh/\\\\/g"
}

# urlencode TEXT: TEXT for a query string, every byte but A-Z a-z 0-9 . _ ~ - as %XX.
urlencode() {
  _rest=$1
  while [ -n "$_rest" ]; do
    _tail=${_rest#?}
    _char=${_rest%"$_tail"}
    _rest=$_tail
    case $_char in
      [A-Za-z0-9._~-]) printf '%s' "$_char" ;;
      *) printf '%%%02X' "'$_char" ;;
    esac
  done
}

# reason: what the last answer said was wrong (problem details' detail and problems).
reason() {
  if [ "$status" = 000 ]; then
    printf 'no answer from %s' "$base"
    return
  fi
  text=$(json_value detail "$body")
  [ -n "$text" ] || text=$(json_value message "$body")
  [ -n "$text" ] || text=$(json_value title "$body")
  printf 'HTTP %s: %s' "$status" "$(json_text "$text")"
  printf '%s\n' "$body" |
    sed -n -E 's/.*"problems"[[:space:]]*:[[:space:]]*\[(("([^"\\]|\\.)*",?)*)\].*/\1/p' |
    sed -E 's/"(([^"\\]|\\.)*)",?/\
  - \1/g' | sed -e 's/\\"/"/g' -e 's/\\\\/\\/g'
}

# call METHOD PATH [curl options]: sets status (000: no answer), body, and adds the seconds it took to
# spent. No answer or a 5xx is tried again when retry_all is set; otherwise only a connection that was
# never made (nothing reached the server) and 503.
call() {
  _method=$1
  _path=$2
  shift 2
  _tries=0
  while :; do
    out=$(printf 'Authorization: Bearer %s\n' "$DRP_TOKEN" |
      curl -sS -X "$_method" -H @- -H 'Accept: application/json, application/problem+json' \
        --connect-timeout 10 -w "$nl%{http_code} %{time_total}" "$@" "$base$_path")
    _rc=$?
    _last=${out##*"$nl"}
    body=${out%"$nl"*}
    status=${_last%% *}
    _took=${_last#* }
    _took=${_took%%.*}
    case $_took in '' | *[!0-9]*) _took=0 ;; esac
    spent=$((spent + _took))
    case $status in [0-9][0-9][0-9]) ;; *) status=000 ;; esac
    [ "$_rc" -eq 0 ] || status=000
    case $status/$retry_all/$_rc in
      000/yes/* | 5??/yes/* | 503/* | 000/*/6 | 000/*/7) ;;
      *) return 0 ;;
    esac
    _tries=$((_tries + 1))
    [ "$_tries" -le "$retries" ] || return 0
    say "$_method ${_path%%\?*}: $(reason); trying again in ${pause}s ($_tries of $retries)"
    sleep "$pause"
    spent=$((spent + pause))
  done
}

number_arg() {
  case $1 in
    '' | *[!A-Za-z0-9-]*) die 3 "'$1' is not a request number such as DR-2026-0042" ;;
  esac
}

seconds_arg() { # NAME VALUE
  case $2 in
    '' | *[!0-9]*) die 3 "$1 must be a number of seconds (got '$2')" ;;
  esac
}

# fill NAME VALUE: adds "NAME":"VALUE" to the request unless VALUE is empty or the file has NAME.
fill() {
  [ -n "$2" ] || return 0
  grep -q "\"$1\"[[:space:]]*:" "$file" && return 0
  extra="$extra\"$1\":\"$(json_escape "$2")\","
}

request() {
  [ $# -eq 1 ] || usage
  file=$1
  [ -r "$file" ] || die 3 "cannot read $file"
  extra=
  fill version "${DRP_VERSION:-}"
  fill commitSha "${DRP_COMMIT_SHA:-}"
  fill pipelineRunUrl "${DRP_RUN_URL:-}"
  fill artifactDigest "${DRP_ARTIFACT_DIGEST:-}"
  if [ -n "$extra" ]; then
    content=$(sed -n p "$file")
    case $content in *'{'*) ;; *) die 3 "$file holds no JSON object" ;; esac
    rest=${content#*'{'}
    case ${rest#"${rest%%[![:space:]]*}"} in '}'*) extra=${extra%,} ;; esac
    set -- --data-binary "{$extra$rest"
  else
    set -- --data-binary "@$file"
  fi
  key=${DRP_IDEMPOTENCY_KEY:-${DRP_RUN_URL:-}}
  if [ -n "$key" ]; then
    key=$(printf '%s' "$key" | sed 's/[^!-~]/_/g')
    while [ ${#key} -gt 100 ]; do key=${key#?}; done
    set -- "$@" -H "Idempotency-Key: $key"
  fi
  retry_all=yes
  call POST /api/deployment-requests -H 'Content-Type: application/json' "$@"
  number=$(json_value requestNumber "$body")
  case $status in
    201 | 200)
      [ -n "$number" ] || die 3 "HTTP $status without a request number"
      if [ "$status" = 200 ]; then
        say "$number was filed before with this Idempotency-Key ($key)"
      fi
      say "$number is $(json_value state "$body"): $base/api/deployment-requests/$number"
      printf '%s\n' "$number"
      ;;
    4??) die 1 "request refused, $(reason)" ;;
    *) die 3 "request failed, $(reason)" ;;
  esac
}

gate() {
  if [ $# -lt 3 ] || [ $# -gt 4 ]; then usage; fi
  number_arg "$1"
  poll=${DRP_GATE_WAIT:-60}
  limit=${DRP_GATE_TIMEOUT:-86400}
  seconds_arg DRP_GATE_WAIT "$poll"
  seconds_arg DRP_GATE_TIMEOUT "$limit"
  [ "$poll" -le 300 ] || poll=300
  query="environment=$(urlencode "$2")&version=$(urlencode "$3")"
  [ -z "${4:-}" ] || query="$query&digest=$(urlencode "$4")"
  [ -z "${DRP_RUN_URL:-}" ] || query="$query&run=$(urlencode "$DRP_RUN_URL")"
  retry_all=yes
  say "$1: asking the gate for $2 $3 (waiting up to ${limit}s)"
  while :; do
    left=$((limit - spent))
    [ "$left" -gt 0 ] || die 2 "$1: no GO after ${limit}s"
    [ "$poll" -le "$left" ] || poll=$left
    before=$spent
    call GET "/api/deployment-requests/$1/gate?$query&wait=PT${poll}S" --max-time $((poll + 30))
    decision=$(json_value decision "$body")
    why=$(json_value reason "$body")
    message=$(json_text "$(json_value message "$body")")
    case $status/$decision in
      200/GO)
        closes=$(json_value closesAt "$body")
        printf 'GO %s: %s%s\n' "$why" "$message" "${closes:+ (window closes at $closes)}"
        exit 0
        ;;
      202/WAIT)
        opens=$(json_value opensAt "$body")
        say "$1: WAIT $why: $message${opens:+ (window opens at $opens)}"
        # an answer at once means the decision changed; never ask more than once a second
        if [ $((spent - before)) -lt 1 ]; then
          sleep 1
          spent=$((spent + 1))
        fi
        ;;
      403/STOP)
        printf 'STOP %s: %s\n' "$why" "$message"
        exit 1
        ;;
      *) die 3 "$1: gate failed, $(reason)" ;;
    esac
  done
}

report() {
  if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
  number_arg "$1"
  case $2 in STARTED | SUCCEEDED | FAILED) ;; *) usage ;; esac
  json="{\"type\":\"DEPLOYMENT_$2\""
  [ -z "${DRP_RUN_URL:-}" ] || json="$json,\"runUrl\":\"$(json_escape "$DRP_RUN_URL")\""
  [ -z "${3:-}" ] || json="$json,\"message\":\"$(json_escape "$3")\""
  # an event has no idempotency key: only a call that never reached the server is tried again
  retry_all=no
  call POST "/api/deployment-requests/$1/events" -H 'Content-Type: application/json' \
    --data-binary "$json}"
  case $status in
    2??) say "$1: DEPLOYMENT_$2 reported, the request is $(json_value state "$body")" ;;
    4??) die 1 "$1: DEPLOYMENT_$2 refused, $(reason)" ;;
    *) die 3 "$1: DEPLOYMENT_$2 not reported, $(reason)" ;;
  esac
}

[ $# -ge 1 ] || usage
[ -n "${DRP_URL:-}" ] || die 3 "DRP_URL is not set (e.g. https://drp.example.com)"
[ -n "${DRP_TOKEN:-}" ] || die 3 "DRP_TOKEN is not set (a personal access token)"
case $DRP_TOKEN in *[[:space:][:cntrl:]]*) die 3 "DRP_TOKEN holds spaces or line breaks" ;; esac
base=${DRP_URL%/}
retries=${DRP_RETRIES:-3}
pause=${DRP_RETRY_PAUSE:-10}
seconds_arg DRP_RETRIES "$retries"
seconds_arg DRP_RETRY_PAUSE "$pause"
spent=0
command=$1
shift
case $command in
  request) request "$@" ;;
  gate) gate "$@" ;;
  report) report "$@" ;;
  *) usage ;;
esac
