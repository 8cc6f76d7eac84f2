#!/usr/bin/env python3
"""tenk-settings: the web instances' settings from SSM Parameter Store into /etc/tenk/app.env.

  wait  (tenk-settings.service, at boot) polls the ready marker, which the stack writes after
        every setting and every read grant, then writes app.env. While it waits it answers the
        load balancer's health check on the app port, so the group keeps the instance; when the
        deadline passes it exits 1, nothing serves the port, the instance fails its health check
        and the Auto Scaling group replaces it.
  sync  (tenk-settings-sync.timer, every minute) re-reads when the marker's value changes and
        restarts the units given with --restart, so later settings changes reach running
        instances without replacing them.

The marker's value is the SHA-256 of the settings ("KEY=VALUE\\n" lines in key order, the marker
itself left out); a read that does not hash to it is incomplete or stale and is retried.
app.env also gets the release's own lines (--static: APP_PORT, APP_HEALTH_PATH, the image's
environment) and AWS_REGION; a stack setting of the same name wins. Without --path there are no
stack settings: wait writes those lines at once. Only the Python standard library and the AWS CLI
(both on Amazon Linux 2023) are used.
"""
import argparse
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

IMDS = "http://169.254.169.254/latest"


def log(message):
    print("tenk-settings: " + message, flush=True)


def instance_region():
    token_req = urllib.request.Request(IMDS + "/api/token", method="PUT",
                                       headers={"X-aws-ec2-metadata-token-ttl-seconds": "300"})
    token = urllib.request.urlopen(token_req, timeout=5).read().decode()
    region_req = urllib.request.Request(IMDS + "/meta-data/placement/region",
                                        headers={"X-aws-ec2-metadata-token": token})
    return urllib.request.urlopen(region_req, timeout=5).read().decode()


class NotYet(Exception):
    """The settings cannot be read yet: the reason is logged and the read retried."""


def aws_ssm(region, *args):
    cmd = ["aws", "ssm", *args, "--region", region, "--output", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise NotYet(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "aws exited %d" % proc.returncode)
    return json.loads(proc.stdout or "{}")


def marker_value(region, marker):
    try:
        return aws_ssm(region, "get-parameter", "--name", marker)["Parameter"]["Value"]
    except NotYet as e:
        if "ParameterNotFound" in str(e):
            raise NotYet("%s does not exist yet: the stack writes it after every setting and grant" % marker)
        raise


def read_settings(region, path, marker):
    """Every parameter under path as {key: value}; the marker's key is kept for app.env."""
    out = aws_ssm(region, "get-parameters-by-path", "--path", path, "--recursive")
    return {p["Name"][len(path):]: p["Value"] for p in out.get("Parameters", [])}


def settings_version(settings, marker_key):
    text = "".join("%s=%s\n" % (k, settings[k]) for k in sorted(settings) if k != marker_key)
    return hashlib.sha256(text.encode()).hexdigest()


def fetch_consistent(region, path, marker):
    """The settings once the marker exists and they hash to its value; raises NotYet before."""
    want = marker_value(region, marker)
    settings = read_settings(region, path, marker)
    marker_key = marker[len(path):]
    got = settings_version(settings, marker_key)
    if got != want:
        raise NotYet("read %d settings hashing to %s, the marker says %s: an update is in flight" % (len(settings), got[:12], want[:12]))
    return settings


def read_static(path):
    """The release's KEY=VALUE lines (user data writes them); none without a file."""
    out = {}
    if path:
        with open(path) as f:
            for line in f:
                key, sep, value = line.rstrip("\n").partition("=")
                if sep and key and not key.startswith("#"):
                    out[key] = value
    return out


def write_env(settings, env_file, args, region):
    """app.env: the stack's settings over the release's lines and AWS_REGION, written atomically."""
    merged = dict(read_static(args.static), AWS_REGION=region)
    for k in sorted(set(merged) & set(settings)):
        log("stack setting %s replaces the release's value" % k)
    merged.update(settings)
    os.makedirs(os.path.dirname(env_file), mode=0o755, exist_ok=True)
    tmp = env_file + ".tmp"
    with open(tmp, "w") as f:
        for k in sorted(merged):
            f.write("%s=%s\n" % (k, merged[k]))
    os.chmod(tmp, 0o644)
    os.replace(tmp, env_file)


def current_version(env_file, marker_key):
    try:
        with open(env_file) as f:
            for line in f:
                if line.startswith(marker_key + "="):
                    return line.rstrip("\n").split("=", 1)[1]
    except FileNotFoundError:
        pass
    return None


def serve_health_while_waiting(port, health_path):
    """Answer the load balancer's health check (200) and everything else 503 while waiting."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            ok = self.path.split("?", 1)[0] == health_path
            body = b"waiting for settings\n"
            self.send_response(200 if ok else 503)
            if not ok:
                self.send_header("Retry-After", "60")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self):
            self.do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait(args, region):
    server = None
    if args.health_port:
        server = serve_health_while_waiting(args.health_port, args.health_path)
    start = time.monotonic()
    attempt = 0
    if not args.path:
        write_env({}, args.env_file, args, region)
        log("no stack settings: wrote the release's lines to %s" % args.env_file)
    while args.path:
        attempt += 1
        try:
            settings = fetch_consistent(region, args.path, args.marker)
            write_env(settings, args.env_file, args, region)
            log("wrote %d settings to %s after %ds (version %s)" % (
                len(settings), args.env_file, time.monotonic() - start, settings.get(args.marker[len(args.path):], "")[:12]))
            break
        except NotYet as e:
            elapsed = time.monotonic() - start
            if elapsed >= args.timeout:
                log("FAILED: no complete settings under %s after %ds (%d attempts): %s. "
                    "The app is not started, so this instance fails its health check and is replaced. "
                    "Check that the stack's deploy finished and that the instance role may read %s." % (
                        args.path, elapsed, attempt, e, args.path))
                if server:
                    server.shutdown()
                return 1
            log("waiting for settings under %s (attempt %d, %ds of %ds): %s" % (args.path, attempt, elapsed, args.timeout, e))
            time.sleep(min(args.interval * attempt, args.max_interval))
    if server:
        server.shutdown()
        server.server_close()
    return 0


def sync(args, region):
    if not args.path:
        return 0
    marker_key = args.marker[len(args.path):]
    have = current_version(args.env_file, marker_key)
    try:
        want = marker_value(region, args.marker)
        if want == have:
            return 0
        settings = fetch_consistent(region, args.path, args.marker)
    except NotYet as e:
        log("settings not re-read, will retry: %s" % e)
        return 0
    write_env(settings, args.env_file, args, region)
    log("settings changed (%s -> %s): wrote %s" % ((have or "none")[:12], want[:12], args.env_file))
    for unit in args.restart:
        subprocess.run(["systemctl", "try-reload-or-restart", unit], check=False)
        log("restarted %s" % unit)
    return 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=["wait", "sync"])
    p.add_argument("--path", help="the SSM path, ending in /; none: no stack settings")
    p.add_argument("--marker", help="the ready marker parameter, under --path")
    p.add_argument("--static", help="the release's KEY=VALUE lines, added to app.env")
    p.add_argument("--env-file", default="/etc/tenk/app.env")
    p.add_argument("--region", help="default: the instance's, from IMDSv2")
    p.add_argument("--timeout", type=float, default=5400, help="wait: seconds before giving up")
    p.add_argument("--interval", type=float, default=5, help="wait: first pause between attempts")
    p.add_argument("--max-interval", type=float, default=30, help="wait: longest pause between attempts")
    p.add_argument("--health-port", type=int, default=0, help="wait: answer health checks on this port")
    p.add_argument("--health-path", default="/health")
    p.add_argument("--restart", action="append", default=[], help="sync: units to restart on a change")
    args = p.parse_args(argv)
    if args.path and (not args.path.endswith("/") or not (args.marker or "").startswith(args.path)):
        p.error("--path must end in / and --marker must lie under it")
    region = args.region
    while not region:
        try:
            region = instance_region()
        except OSError as e:
            log("instance metadata not reachable yet: %s" % e)
            time.sleep(2)
    return wait(args, region) if args.mode == "wait" else sync(args, region)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
