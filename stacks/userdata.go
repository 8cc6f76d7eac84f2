package stacks

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/webtier"
)

// SettingsPrefix is the SSM path a stack's settings live under, "/tenk/<stack>/": the one value
// both the AppConfig parameters and the boot script's reads are built from.
func SettingsPrefix(stack string) string { return "/tenk/" + stack + "/" }

// SettingsWaitSeconds bounds how long a booting instance waits for its settings: 90 minutes,
// longer than a first prod deploy takes to create the Multi-AZ database, its replicas, the cache
// and CloudFront, after which AppConfig writes the ready marker.
const SettingsWaitSeconds = 90 * 60

// MaxUserDataBytes is EC2's limit on user data before base64 encoding, 16 KB (EC2 user guide,
// "Run commands when you launch an EC2 instance with user data input"); bootScript stays under it.
const MaxUserDataBytes = 16 * 1024

// settingsAgent is the boot unit's program (boot/tenk-settings.py): it waits for the ready
// marker, writes /etc/tenk/app.env, and re-reads on every change of the marker.
//
//go:embed boot/tenk-settings.py
var settingsAgent string

// bootScript installs the settings units, then the web tier's default server, which starts only
// once tenk-settings.service has written /etc/tenk/app.env (and reads it as its environment).
// Replace the second half with your application: keep its unit Requires=/After=
// tenk-settings.service and name it in the sync service's --restart. Nothing here blocks
// cloud-init: every unit starts with --no-block.
func bootScript(prefix string, port int, healthPath string) string {
	marker := appconfig.ReadyParameterName(prefix)
	server := strings.TrimPrefix(webtier.DefaultUserData(port, healthPath), "#!/bin/bash\n")
	flags := fmt.Sprintf("--path %s --marker %s", prefix, marker)
	return fmt.Sprintf(`#!/bin/bash
set -euo pipefail
# tenk: settings from SSM Parameter Store (%[1]s), written by the stack after the data tiers exist.
install -d -m 0755 /opt/tenk /etc/tenk
cat > /opt/tenk/tenk-settings.py <<'PY'
%[2]sPY
cat > /etc/systemd/system/tenk-settings.service <<'UNIT'
[Unit]
Description=tenk: wait for the stack's settings (%[3]s) and write /etc/tenk/app.env
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/bin/python3 /opt/tenk/tenk-settings.py wait %[4]s --timeout %[5]d --health-port %[6]d --health-path %[7]s
TimeoutStartSec=infinity
StandardOutput=journal+console
StandardError=journal+console

[Install]
WantedBy=multi-user.target
UNIT
cat > /etc/systemd/system/tenk-settings-sync.service <<'UNIT'
[Unit]
Description=tenk: re-read the settings when the stack changes them
After=tenk-settings.service
Requisite=tenk-settings.service

[Service]
Type=oneshot
ExecStart=/usr/bin/python3 /opt/tenk/tenk-settings.py sync %[4]s --restart tenk-web.service
UNIT
cat > /etc/systemd/system/tenk-settings-sync.timer <<'UNIT'
[Unit]
Description=tenk: check the settings' ready marker every minute

[Timer]
OnActiveSec=60
OnUnitActiveSec=60
# Spreads the restarts after a change over the group instead of restarting every instance at once.
RandomizedDelaySec=60

[Install]
WantedBy=timers.target
UNIT
install -d -m 0755 /etc/systemd/system/tenk-web.service.d
cat > /etc/systemd/system/tenk-web.service.d/10-settings.conf <<'UNIT'
[Unit]
Requires=tenk-settings.service
After=tenk-settings.service

[Service]
EnvironmentFile=/etc/tenk/app.env
UNIT
systemctl daemon-reload
systemctl enable tenk-settings.service tenk-settings-sync.timer
systemctl start --no-block tenk-settings.service tenk-settings-sync.timer
%[8]s`, prefix, settingsAgent, marker, flags, SettingsWaitSeconds, port, systemdQuote(healthPath), server)
}

// systemdQuote makes s one ExecStart argument: double-quoted, with "%" (systemd's specifier
// character), backslashes and quotes escaped (systemd.service, "Command lines").
func systemdQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "%", "%%").Replace(s) + `"`
}
