#!/usr/bin/env bash
# Installs the Debian packages ComplaintDesk needs from outside PyPI and npm, only those missing:
#   chromium          the browser tests drive it through the playwright package (never `playwright install`)
#   fonts-noto-cjk    so Chinese text renders in that browser
#   fonts-liberation  Latin fonts chromium normally pulls in as a "recommends", which we skip
#   gettext           msgfmt, which `manage.py compilemessages` calls
#   libpango-1.0-0, libpangoft2-1.0-0   what WeasyPrint lays letters out with (PDF)
#   poppler-utils     pdftotext, with which the tests read the letters' text back
#   dovecot-imapd     a real IMAP server the mail-intake tests start in a folder of their own
# Installing needs root; anyone else gets the command to run instead, and set-up carries on.
set -euo pipefail

packages=(chromium fonts-noto-cjk fonts-liberation gettext libpango-1.0-0 libpangoft2-1.0-0
    poppler-utils dovecot-imapd)

if ! command -v dpkg-query >/dev/null 2>&1; then
    # Not Debian: we cannot check packages, so only say what is absent.
    command -v chromium >/dev/null 2>&1 || echo "hint: no chromium on PATH; the browser tests need it."
    command -v msgfmt >/dev/null 2>&1 || echo "hint: no msgfmt on PATH; install GNU gettext for translations."
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    # `dpkg -s` also succeeds for removed-but-configured packages, so read the status itself.
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "hint: missing system packages: ${missing[*]}"
    echo "      run: sudo apt-get update && sudo apt-get install --no-install-recommends ${missing[*]}"
    echo "      (continuing: browser tests and Chinese translations need them)"
    exit 0
fi

echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Packages with a daemon (dovecot) must not start it on the machine: the tests start their own
# on a port of their own. policy-rc.d answering 101 ("not allowed") is Debian's way to say so.
policy=/usr/sbin/policy-rc.d
made_policy=""
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    made_policy=1
fi
trap '[ -n "$made_policy" ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
