#!/usr/bin/env bash
# `make run`'s last step: the web server, the background-task worker and the time-standards beat
# side by side, stopped together. The beat enqueues the SLA sweep every minute and the worker
# runs it (warnings, breaches, escalations, overdue approvals), as well as the notification
# mails. Each runs in its own process group (set -m) so that stopping one also stops the child
# process Django's autoreloader starts; Ctrl-C, TERM or any one of them dying stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
python=.venv/bin/python
# The tracking links in mail to complainants point at this server unless told otherwise.
export PUBLIC_BASE_URL="${PUBLIC_BASE_URL:-http://127.0.0.1:${port}}"

set -m
"$python" manage.py db_worker &
worker=$!
"$python" manage.py runserver "127.0.0.1:${port}" &
server=$!
"$python" manage.py sla_beat &
beat=$!
set +m

stop() {
    trap - INT TERM EXIT
    kill -TERM -- "-${server}" "-${worker}" "-${beat}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat <<BANNER

  ComplaintDesk is starting at  http://127.0.0.1:${port}/
  Django admin:                 http://127.0.0.1:${port}/admin/   (admin / demo12345)
  Public complaint form:        http://127.0.0.1:${port}/submit/   (and /track/ to follow one)
  Mail sent (acknowledgements, replies, notifications) is kept in var/mail/.
  Other demo logins (password demo12345) are listed in README.md.
  Background worker: db_worker (pid ${worker}).
  Time-standards beat: sla_beat (pid ${beat}), a sweep every minute.
  Press Ctrl-C to stop all three.

BANNER

# Returns as soon as any process ends; the EXIT trap then stops the others.
wait -n "$server" "$worker" "$beat"
