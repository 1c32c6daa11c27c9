# The lab database watchdog of one lab process: see watchdog.ts. Run as
#   sh -c "$(cat watchdog.sh)" lab-db-watchdog USERS_DIR PID LOCK PIDFILE POSTMASTER_PID STATE
# with stdin a pipe only that process holds.
read _
users=$1 me=$2 lock=$3 pidfile=$4 pm=$5 state=$6
alive() { # pid [start time]: a running (not zombie) process, started at that time if given
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  set -- "$2" ${s##*) }
  [ "$2" != Z ] && [ "$2" != X ] && { [ -z "$1" ] || [ "$1" = "${21}" ]; }
}
field() { sed -n "s/.*\"$1\":\"\{0,1\}\([0-9]*\).*/\1/p" "$2" 2>/dev/null; }
n=0
until (set -C; printf '{"pid":%s,"startTime":null}' "$$" > "$lock") 2>/dev/null; do
  seen=$(cat "$lock" 2>/dev/null)
  holder=$(printf '%s' "$seen" | sed -n 's/.*"pid":\([0-9]*\).*/\1/p')
  since=$(printf '%s' "$seen" | sed -n 's/.*"startTime":"\([0-9]*\)".*/\1/p')
  if [ -n "$holder" ] && ! alive "$holder" "$since"; then
    aside="$lock.stale-$$"
    if mv "$lock" "$aside" 2>/dev/null; then
      [ "$(cat "$aside" 2>/dev/null)" = "$seen" ] || ln "$aside" "$lock" 2>/dev/null
      rm -f "$aside"
    fi
    continue
  fi
  n=$((n + 1))
  [ "$n" -ge 200 ] && exit 0
  sleep 0.05
done
rm -f "$users/$me.json"
for f in "$users"/*.json; do
  [ -f "$f" ] || continue
  [ "$(field postmasterPid "$f")" = "$pm" ] || continue
  if alive "$(field pid "$f")" "$(field startTime "$f")"; then rm -f "$lock"; exit 0; fi
done
if [ "$(head -n 1 "$pidfile" 2>/dev/null)" = "$pm" ]; then
  kill -INT "$pm" 2>/dev/null
  n=0
  while alive "$pm" && [ "$n" -lt 300 ]; do sleep 0.05; n=$((n + 1)); done
fi
grep -q "\"postmasterPid\": $pm," "$state" 2>/dev/null && rm -f "$state"
rm -f "$lock"
