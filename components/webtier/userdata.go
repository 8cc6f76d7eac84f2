package webtier

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// DefaultUserData is the boot script a fresh stack runs when the caller gives none: a systemd
// service running a tiny Python web server (python3 ships with Amazon Linux 2023, so nothing is
// installed) that answers healthPath with "ok" and every other GET with a page naming the host,
// on port. It runs as a throwaway DynamicUser, allowed to bind a port below 1024 if asked.
// It starts with --no-block, so a unit it is made to wait for (tenk's settings) never holds up
// cloud-init.
func DefaultUserData(port int, healthPath string) string {
	return fmt.Sprintf(`#!/bin/bash
# tenk default web server: replace it with your application through Application.
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

// userData is the launch template's encoded boot script for a defaulted a: the settings machinery,
// then the application (the built-in server, the caller's Script, or the image in rel). It is
// known at preview unless the script, the image reference or the log group name is not.
func userData(a *MultiAZWebTierArgs, rel *release) pulumi.StringInput {
	b := a.boot()
	switch app := a.Application; {
	case app.Image != nil:
		return pulumi.All(rel.image, rel.logGroup.Name).ApplyT(func(v []any) string {
			b.app = container{image: v[0].(string), logGroup: v[1].(string), command: app.Image.Command,
				stopSeconds: *a.DeregistrationDelaySeconds}.script()
			return encodeUserData(b.script())
		}).(pulumi.StringOutput)
	case app.Script != nil:
		return app.Script.ToStringOutput().ApplyT(func(s string) (string, error) {
			b.app = withoutShebang(s)
			if n := len(gzipped(b.script())); n > MaxUserDataBytes {
				return "", fmt.Errorf("Application.Script makes the boot script %d bytes compressed, over EC2's user-data limit of %d: shorten it", n, MaxUserDataBytes)
			}
			return encodeUserData(b.script()), nil
		}).(pulumi.StringOutput)
	default:
		b.app = withoutShebang(DefaultUserData(a.AppPort, a.HealthCheck.Path))
		return pulumi.String(encodeUserData(b.script()))
	}
}

// boot is the machinery half of the boot script for a defaulted a.
func (a *MultiAZWebTierArgs) boot() boot {
	lines := map[string]string{"APP_PORT": fmt.Sprint(a.AppPort), "APP_HEALTH_PATH": a.HealthCheck.Path}
	if a.Application.Image != nil {
		for k, v := range a.Application.Image.Environment {
			lines[k] = v
		}
	}
	return boot{port: a.AppPort, healthPath: a.HealthCheck.Path, settings: a.Settings, release: lines, container: a.Application.Image != nil}
}

// withoutShebang drops a script's "#!" line: it runs inside the boot script.
func withoutShebang(script string) string {
	if strings.HasPrefix(script, "#!") {
		_, rest, _ := strings.Cut(script, "\n")
		return rest
	}
	return script
}

// validateUserDataSize rejects a boot script over EC2's limit, computed from the plain values
// with the longest image reference and log group name AWS allows standing in for outputs.
func (a *MultiAZWebTierArgs) validateUserDataSize(l *fielderr.List) {
	b := a.boot()
	field := "Application.Image.Environment"
	switch app := a.Application; {
	case app.Image != nil:
		b.app = container{image: longestImage, logGroup: strings.Repeat("g", maxLogGroupName),
			command: app.Image.Command, stopSeconds: *a.DeregistrationDelaySeconds}.script()
	case app.Script != nil:
		s, ok := app.Script.(pulumi.String)
		if !ok {
			return // checked when it resolves
		}
		b.app, field = withoutShebang(string(s)), "Application.Script"
	default:
		b.app, field = withoutShebang(DefaultUserData(a.AppPort, a.HealthCheck.Path)), "HealthCheck.Path"
	}
	if n := len(gzipped(b.script())); n > MaxUserDataBytes {
		l.Addf(field, "makes the boot script %d bytes compressed, over EC2's user-data limit of %d: shorten it (or keep large configuration in the image)", n, MaxUserDataBytes)
	}
}

// The longest reference and log group name the tier can meet (ECR repository names ≤ 256,
// CloudWatch Logs group names ≤ 512 characters).
var longestImage = "123456789012.dkr.ecr.ap-southeast-3.amazonaws.com/" + strings.Repeat("r", 256) + "@sha256:" + strings.Repeat("0", 64)

const maxLogGroupName = 512
