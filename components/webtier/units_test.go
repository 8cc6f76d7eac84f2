package webtier

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unit is one parsed systemd unit: every key's values, in order, across its sections.
type unit map[string][]string

var unitFileRE = regexp.MustCompile(`(?s)cat > /etc/systemd/system/(\S+) <<'UNIT'\n(.*?)UNIT\n`)

// parseUnits reads the unit files a boot script writes; a drop-in (<unit>.d/*.conf) is merged
// into its unit, as systemd does.
func parseUnits(t *testing.T, script string) map[string]unit {
	t.Helper()
	units := map[string]unit{}
	for _, m := range unitFileRE.FindAllStringSubmatch(script, -1) {
		name := m[1]
		if i := strings.Index(name, ".d/"); i >= 0 {
			name = name[:i]
		}
		u := units[name]
		if u == nil {
			u = unit{}
			units[name] = u
		}
		for _, line := range strings.Split(m[2], "\n") {
			key, value, ok := strings.Cut(line, "=")
			if !ok || strings.HasPrefix(line, "#") {
				continue
			}
			u[key] = append(u[key], strings.Fields(value)...)
		}
	}
	return units
}

// readmeOrder is every "A → B" arrow of the unit-order block in README.md.
func readmeOrder(t *testing.T) [][2]string {
	t.Helper()
	text, err := os.ReadFile("README.md")
	require.NoError(t, err)
	_, block, ok := strings.Cut(string(text), "Units start in this order:\n\n```\n")
	require.True(t, ok, "the README documents the unit order")
	block, _, _ = strings.Cut(block, "```")
	var arrows [][2]string
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		line, _, _ = strings.Cut(line, "(")
		parts := strings.Split(line, "→")
		for i := 0; i+1 < len(parts); i++ {
			arrows = append(arrows, [2]string{strings.TrimSpace(parts[i]), strings.TrimSpace(parts[i+1])})
		}
	}
	require.NotEmpty(t, arrows)
	return arrows
}

func TestUnitOrderIsWhatTheReadmeSays(t *testing.T) {
	b := boot{port: 8080, healthPath: "/healthz", settings: &Settings{Path: "/tenk/prod/", Marker: "/tenk/prod/SETTINGS_VERSION"},
		release: map[string]string{"APP_PORT": "8080"}, container: true,
		app: container{image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:" + strings.Repeat("a", 64), logGroup: "shop-logs", stopSeconds: 30}.script()}
	units := parseUnits(t, b.script())
	for _, arrow := range readmeOrder(t) {
		before, after := arrow[0], arrow[1]
		u, ok := units[after]
		require.True(t, ok, "the boot script writes %s", after)
		assert.Contains(t, u["After"], before, "%s starts after %s, as the README says", after, before)
		if after == "tenk-web.service" && before != "network-online.target" {
			assert.Contains(t, u["Requires"], before, "tenk-web.service does not start without %s", before)
		}
	}
	sync := units["tenk-settings-sync.service"]
	assert.Contains(t, sync["Requisite"], "tenk-settings.service", "no sync before the first settings")
	assert.Contains(t, strings.Join(sync["ExecStart"], " "), "--restart tenk-web.service", "a settings change restarts the application")

	web := units["tenk-web.service"]
	// The docker CLI is a Go program: the application's variables (GOMEMLIMIT, GODEBUG,
	// HTTP_PROXY …) must reach the container, not the docker commands that start it.
	assert.Empty(t, web["EnvironmentFile"], "the unit's own commands run without the application's environment")
	run := strings.Join(web["ExecStart"], " ")
	assert.Contains(t, run, "--env-file /etc/tenk/app.env", "the container's environment is app.env")
	assert.Contains(t, run, "--network host", "IMDSv2 within hop limit 1")
	assert.Contains(t, run, "--log-driver awslogs --log-opt awslogs-group=shop-logs")
	assert.Equal(t, []string{"on-failure"}, web["Restart"])
	assert.Equal(t, "/usr/bin/docker stop --time 30 tenk-app", strings.Join(web["ExecStop"], " "), "the deregistration delay to finish requests")
	assert.Equal(t, []string{"45"}, web["TimeoutStopSec"], "systemd waits longer than docker does")
	assert.Contains(t, units["tenk-settings.service"]["After"], "network-online.target")
}
