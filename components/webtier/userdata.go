package webtier

import (
	"encoding/base64"
	"fmt"
)

// DefaultUserData is the boot script a fresh stack runs when the caller gives none: a systemd
// service running a tiny Python web server (python3 ships with Amazon Linux 2023, so nothing is
// installed) that answers healthPath with "ok" and every other GET with a page naming the host,
// on port. It runs as a throwaway DynamicUser, allowed to bind a port below 1024 if asked.
// It starts with --no-block, so a unit it is made to wait for (tenk's settings) never holds up
// cloud-init.
func DefaultUserData(port int, healthPath string) string {
	return fmt.Sprintf(`#!/bin/bash
# tenk default web server: replace it with your application through UserData.
set -euo pipefail
install -d -m 0755 /opt/tenk
cat > /opt/tenk/server.py <<'PY'
import http.server, socket

PORT = %d
HEALTH_PATH = %q

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?", 1)[0] == HEALTH_PATH:
            body = b"ok\n"
        else:
            body = ("<h1>tenk web tier</h1><p>served by %%s</p>\n" %% socket.gethostname()).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_HEAD(self):
        self.do_GET()

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("", PORT), Handler).serve_forever()
PY
cat > /etc/systemd/system/tenk-web.service <<'UNIT'
[Unit]
Description=tenk default web server
After=network-online.target
Wants=network-online.target

[Service]
ExecStart=/usr/bin/python3 /opt/tenk/server.py
DynamicUser=yes
AmbientCapabilities=CAP_NET_BIND_SERVICE
Restart=always

[Install]
WantedBy=multi-user.target
UNIT
systemctl daemon-reload
systemctl enable tenk-web.service
systemctl start --no-block tenk-web.service
`, port, healthPath)
}

// encodeUserData base64-encodes a boot script, as launch templates require.
func encodeUserData(script string) string {
	return base64.StdEncoding.EncodeToString([]byte(script))
}
