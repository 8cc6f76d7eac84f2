package webtier

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/base64"
	"fmt"
	"io"
	"strings"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// Settings is where the instances read the application's settings at boot: every SSM parameter
// under Path becomes a line of /etc/tenk/app.env once the ready marker exists and the values
// hash to it (appconfig.AppConfig writes both, the marker last). The instance role must be
// allowed to read Path (appconfig's policy does it).
type Settings struct {
	// Path is the SSM path, ending in "/" ("/tenk/prod/"). Required.
	Path string
	// Marker is the ready marker parameter, under Path (appconfig.ReadyParameterName). Required.
	Marker string
	// WaitSeconds bounds how long a booting instance waits for the marker before it gives up (its
	// application never starts, it fails its health check and the group replaces it). Default:
	// DefaultSettingsWaitSeconds.
	WaitSeconds int
}

// DefaultSettingsWaitSeconds is 90 minutes, longer than a first prod deploy takes to create the
// Multi-AZ database, its replicas, the cache and CloudFront, after which the marker is written.
const DefaultSettingsWaitSeconds = 90 * 60

// MaxUserDataBytes is EC2's limit on user data before base64 encoding, 16 KB (EC2 user guide,
// "Run commands when you launch an EC2 instance with user data input"). The tier gzips its boot
// script, which cloud-init uncompresses (cloud-init docs, "User data formats": gzip compressed
// content), so the limit applies to the compressed script.
const MaxUserDataBytes = 16 * 1024

// settingsAgent is the settings unit's program (boot/tenk-settings.py): it waits for the ready
// marker, writes /etc/tenk/app.env, and re-reads on every change of the marker.
//
//go:embed boot/tenk-settings.py
var settingsAgent string

// SettingsAgent returns the settings agent the boot script installs as
// /opt/tenk/tenk-settings.py, for tests and for embedders who build their own image.
func SettingsAgent() string { return settingsAgent }

// boot is what one boot script is built from: plain values, known when the script is rendered.
type boot struct {
	port       int
	healthPath string
	settings   *Settings
	// release are the lines the release adds to app.env (APP_PORT, APP_HEALTH_PATH, the image's
	// environment).
	release map[string]string
	// app is the script's second half: it installs and starts tenk-web.service.
	app string
	// container says the application is an image, which gets app.env through docker's
	// --env-file; the unit itself then runs without it.
	container bool
}

func (s *Settings) validate(path string, l *fielderr.List) {
	if s == nil {
		return
	}
	at := func(field string) string { return fielderr.Field(path, field) }
	if !strings.HasPrefix(s.Path, "/") || !strings.HasSuffix(s.Path, "/") {
		l.Addf(at("Path"), "%q must start and end with \"/\" (\"/tenk/prod/\"): the agent reads every parameter under it", s.Path)
	}
	if !strings.HasPrefix(s.Marker, s.Path) || len(s.Marker) == len(s.Path) {
		l.Addf(at("Marker"), "%q must be a parameter under %s (%q)", s.Marker, fielderr.Ref(at("Path")), s.Path)
	}
	if s.WaitSeconds < 0 {
		l.Addf(at("WaitSeconds"), "is %d: give 0 for the default (%d) or a positive number of seconds", s.WaitSeconds, DefaultSettingsWaitSeconds)
	}
}

// script renders the boot script: the settings units first (tenk-settings.service, and with
// Settings the sync timer), then the application's unit tenk-web.service, which a drop-in makes
// Requires=/After= tenk-settings.service and read /etc/tenk/app.env. Nothing blocks cloud-init:
// every unit starts with --no-block.
func (b boot) script() string {
	var s strings.Builder
	s.WriteString("#!/bin/bash\nset -euo pipefail\n")
	s.WriteString("# tenk: the settings agent and its units, then the application (tenk-web.service).\n")
	s.WriteString("install -d -m 0755 /opt/tenk /etc/tenk\n")
	s.WriteString("cat > /opt/tenk/tenk-settings.py <<'PY'\n" + settingsAgent + "PY\n")
	s.WriteString("cat > /etc/tenk/release.env <<'ENV'\n")
	for _, k := range sortedKeys(b.release) {
		fmt.Fprintf(&s, "%s=%s\n", k, b.release[k])
	}
	s.WriteString("ENV\n")
	s.WriteString(unitFile("tenk-settings.service", b.settingsUnit()))
	units := "tenk-settings.service"
	if b.settings != nil {
		s.WriteString(unitFile("tenk-settings-sync.service", b.syncUnit()))
		s.WriteString(unitFile("tenk-settings-sync.timer", syncTimer))
		units += " tenk-settings-sync.timer"
	}
	s.WriteString("install -d -m 0755 /etc/systemd/system/tenk-web.service.d\n")
	dropIn := settingsDropIn + "\n[Service]\nEnvironmentFile=/etc/tenk/app.env\n"
	if b.container {
		// The docker CLI is a Go program too: GOMEMLIMIT, GODEBUG or HTTP_PROXY set for the
		// application must not change how the image is pulled and started.
		dropIn = settingsDropIn
	}
	s.WriteString(unitFile("tenk-web.service.d/10-settings.conf", dropIn))
	s.WriteString("systemctl daemon-reload\n")
	fmt.Fprintf(&s, "systemctl enable %s\nsystemctl start --no-block %s\n", units, units)
	s.WriteString(b.app)
	return s.String()
}

func unitFile(name, body string) string {
	return "cat > /etc/systemd/system/" + name + " <<'UNIT'\n" + body + "UNIT\n"
}

// agentFlags are the flags both agent modes share.
func (b boot) agentFlags() string {
	flags := "--static /etc/tenk/release.env"
	if b.settings != nil {
		flags = fmt.Sprintf("--path %s --marker %s ", b.settings.Path, b.settings.Marker) + flags
	}
	return flags
}

func (b boot) settingsUnit() string {
	wait, what := DefaultSettingsWaitSeconds, "the release's environment"
	if b.settings != nil {
		what = "the stack's settings (" + b.settings.Marker + ")"
		if b.settings.WaitSeconds > 0 {
			wait = b.settings.WaitSeconds
		}
	}
	return fmt.Sprintf(`[Unit]
Description=tenk: wait for %s and write /etc/tenk/app.env
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/python3 /opt/tenk/tenk-settings.py wait %s --timeout %d --health-port %d --health-path %s
TimeoutStartSec=infinity
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=multi-user.target
`, what, b.agentFlags(), wait, b.port, systemdQuote(b.healthPath))
}

func (b boot) syncUnit() string {
	return fmt.Sprintf(`[Unit]
Description=tenk: re-read the settings when the stack changes them
After=tenk-settings.service
Requisite=tenk-settings.service

[Service]
Type=oneshot
ExecStart=/usr/bin/python3 /opt/tenk/tenk-settings.py sync %s --restart tenk-web.service
`, b.agentFlags())
}

const syncTimer = `[Unit]
Description=tenk: check the settings' ready marker every minute

[Timer]
OnActiveSec=60
OnUnitActiveSec=60
# Spreads the restarts after a change over the group instead of restarting every instance at once.
RandomizedDelaySec=60

[Install]
WantedBy=timers.target
`

// settingsDropIn makes the application's unit, whatever starts it, wait for app.env; a script or
// the built-in server also reads it as the unit's environment (script).
const settingsDropIn = `[Unit]
Requires=tenk-settings.service
After=tenk-settings.service
`

// systemdQuote makes s one ExecStart argument: double-quoted, with "%" (systemd's specifier
// character), "$" (its variable expansion), backslashes and quotes escaped (systemd.service,
// "Command lines").
func systemdQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%", "$", "$$").Replace(s) + `"`
}

// encodeUserData gzips a boot script and base64-encodes it, as launch templates require. The
// gzip header carries no name or time, so the same script always encodes the same way.
func encodeUserData(script string) string {
	return base64.StdEncoding.EncodeToString(gzipped(script))
}

func gzipped(script string) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	_, _ = w.Write([]byte(script))                          // writes to a bytes.Buffer cannot fail
	_ = w.Close()
	return buf.Bytes()
}

// DecodeUserData turns a launch template's user data back into the boot script: base64, then
// gunzip. `aws ec2 describe-launch-template-versions … --query
// 'LaunchTemplateVersions[0].LaunchTemplateData.UserData' --output text | base64 -d | gunzip`
// does the same on a shell.
func DecodeUserData(userData string) (string, error) {
	raw, err := base64.StdEncoding.DecodeString(userData)
	if err != nil {
		return "", err
	}
	r, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	script, err := io.ReadAll(r)
	return string(script), err
}
