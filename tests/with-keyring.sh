#!/bin/sh
# Runs a command with a real, unlocked gnome-keyring (Secret Service) in a throw-away home.
# Called inside `dbus-run-session` by build.py test, so the tests use a real keyring backend.
set -e
T=$(mktemp -d /tmp/sg-keyring.XXXXXX)
export HOME="$T" XDG_DATA_HOME="$T/data" XDG_RUNTIME_DIR="$T/run" XDG_CONFIG_HOME="$T/config"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# --unlock reads the new keyring's password from standard input; without it, creating it fails.
eval "$(printf 'sg-test-keyring' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
status=0
"$@" || status=$?
rm -rf "$T"
exit $status
