#!/usr/bin/env bash
# `make run`'s last step: the web server and the background-task worker side by side, stopped
# together. Each runs in its own process group (set -m) so that stopping one also stops the
# child process Django's autoreloader starts; Ctrl-C, TERM or either one dying stops both.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-8000}"
python=.venv/bin/python

set -m
"$python" manage.py db_worker &
worker=$!
"$python" manage.py runserver "127.0.0.1:${port}" &
server=$!
set +m

stop() {
    trap - INT TERM EXIT
    kill -TERM -- "-${server}" "-${worker}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat <<BANNER

  ComplaintDesk is starting at  http://127.0.0.1:${port}/
  Django admin:                 http://127.0.0.1:${port}/admin/   (admin / demo12345)
  Other demo logins (password demo12345) are listed in README.md.
  Background worker: db_worker (pid ${worker}).  Press Ctrl-C to stop both.

BANNER

# Returns as soon as either process ends; the EXIT trap then stops the other.
wait -n "$server" "$worker"
