#!/usr/bin/env bash
# The feed server beside nginx, on the same folder and machine: the rate of
# conditional GETs answered 304 (and, for reference, of full 200 GETs) at 50
# concurrent keep-alive clients, measured with wrk on 127.0.0.1.
#
#   benches/peers/serve.sh [SECONDS]    # per run; default 10
#
# Needs nginx and wrk (Debian: apt-get install -y nginx wrk; installed here
# when missing and running as root). Starts both servers on free loopback
# ports, in a temporary folder, and stops them (by their pids) at the end.
# Each measurement is run twice per server, alternating servers; the better
# run counts.
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds="${1:-10}"
clients=50
threads=2

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y nginx wrk >/dev/null 2>&1 ||
            { apt-get update >/dev/null && apt-get install -y nginx wrk >/dev/null; }
    else
        echo "serve.sh: needs nginx and wrk (apt-get install -y nginx wrk)" >&2
        exit 2
    fi
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

cargo build --release --features cli --quiet
docket_bin="${CARGO_TARGET_DIR:-target}/release/docket"

work="$(mktemp -d)"
# nginx workers run as another user: they must read the feeds.
chmod 755 "$work"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$docket_bin" ics examples/data --out-dir "$work/feeds" --domain docket.example >/dev/null
feed=lexington.ics

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# docket serve
"$docket_bin" serve --addr 127.0.0.1:0 --feeds "$work/feeds" >"$work/docket.out" 2>&1 &
pids+=("$!")
for _ in $(seq 50); do grep -q http "$work/docket.out" 2>/dev/null && break; sleep 0.1; done
docket_addr="$(grep -o '127\.0\.0\.1:[0-9]*' "$work/docket.out")"

# nginx, as a web server for a folder is usually set up: sendfile, keep-alive,
# no access log, one worker per core.
nginx_port="$(free_port)"
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    types { text/calendar ics; }
    server {
        listen 127.0.0.1:$nginx_port;
        location /feeds/ { alias $work/feeds/; }
    }
}
EOF
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=("$!")
nginx_addr="127.0.0.1:$nginx_port"
for _ in $(seq 50); do curl -s -o /dev/null "http://$nginx_addr/feeds/$feed" && break; sleep 0.1; done

etag_of() { curl -sI "$1" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag" {print $2}'; }

# Both answer 304 to their own tag before anything is measured.
for addr in "$docket_addr" "$nginx_addr"; do
    url="http://$addr/feeds/$feed"
    tag="$(etag_of "$url")"
    code="$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$url")"
    if [ "$code" != 304 ]; then
        echo "serve.sh: $url answered $code to If-None-Match $tag" >&2
        exit 1
    fi
done

# one URL [HEADER]: requests per second of one wrk run.
one() {
    if [ -n "${2:-}" ]; then
        wrk -t"$threads" -c"$clients" -d"${seconds}s" -H "$2" "$1"
    else
        wrk -t"$threads" -c"$clients" -d"${seconds}s" "$1"
    fi | awk '/Requests\/sec/ {print $2}'
}

# Runs alternate between the servers, so that what else the machine does
# weighs on both alike; the better of each server's runs counts.
declare -A result
for kind in 304 200; do
    for round in 1 2; do
        for name in docket nginx; do
            if [ "$name" = docket ]; then addr="$docket_addr"; else addr="$nginx_addr"; fi
            url="http://$addr/feeds/$feed"
            if [ "$kind" = 304 ]; then
                r="$(one "$url" "If-None-Match: $(etag_of "$url")")"
            else
                r="$(one "$url")"
            fi
            result[$name-$kind]="$(python3 -c "print(max(${result[$name-$kind]:-0}, $r))")"
        done
    done
done

size="$(wc -c <"$work/feeds/$feed")"
echo "machine: $(nproc) cores, $(lscpu | awk -F': *' '/Model name/ {print $2; exit}'); $(nginx -v 2>&1); $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "wrk -t$threads -c$clients -d${seconds}s, keep-alive, feed $feed ($size bytes), better of 2 runs"
printf '%-28s %12s %12s %8s\n' "request" "docket" "nginx" "ratio"
for kind in 304 200; do
    d="${result[docket-$kind]}"
    n="${result[nginx-$kind]}"
    label="conditional GET -> 304"
    [ "$kind" = 200 ] && label="full GET -> 200"
    printf '%-28s %12.0f %12.0f %8.2f\n' "$label" "$d" "$n" "$(python3 -c "print($d / $n)")"
done
ratio="$(python3 -c "print(${result[docket-304]} / ${result[nginx-304]})")"
if python3 -c "import sys; sys.exit(0 if $ratio >= 0.5 else 1)"; then
    echo "target (304 rate at least half of nginx's): met"
else
    echo "target (304 rate at least half of nginx's): NOT met"
fi
