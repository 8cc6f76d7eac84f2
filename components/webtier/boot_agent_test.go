package webtier

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/appconfig"
)

func TestBootScriptWaitsForTheSharedPathAndMarker(t *testing.T) {
	prefix := "/tenk/prod/"
	settings := &Settings{Path: prefix, Marker: appconfig.ReadyParameterName(prefix)}
	b := boot{port: 8080, healthPath: "/health", settings: settings,
		release: map[string]string{"APP_PORT": "8080", "APP_HEALTH_PATH": "/health"},
		app:     withoutShebang(DefaultUserData(8080, "/health"))}
	script := b.script()
	flags := "--path " + prefix + " --marker " + appconfig.ReadyParameterName(prefix) + " --static /etc/tenk/release.env"
	assert.Contains(t, script, "tenk-settings.py wait "+flags+fmt.Sprintf(" --timeout %d --health-port 8080 --health-path \"/health\"\n", DefaultSettingsWaitSeconds))
	assert.Contains(t, script, "tenk-settings.py sync "+flags+" --restart tenk-web.service\n")
	assert.Contains(t, script, "cat > /opt/tenk/tenk-settings.py <<'PY'\n"+settingsAgent+"PY\n", "the agent is installed verbatim")
	assert.Contains(t, script, "cat > /etc/tenk/release.env <<'ENV'\nAPP_HEALTH_PATH=/health\nAPP_PORT=8080\nENV\n")
	assert.Contains(t, script, "Requires=tenk-settings.service\nAfter=tenk-settings.service\n", "the web server waits for the settings")
	assert.Contains(t, script, "EnvironmentFile=/etc/tenk/app.env")
	assert.Contains(t, script, "systemctl enable tenk-settings.service tenk-settings-sync.timer\n")
	assert.Contains(t, script, "systemctl start --no-block tenk-settings.service tenk-settings-sync.timer\n")
	assert.NotContains(t, script, "--now", "a 90-minute wait must not block cloud-init")
	assert.Contains(t, script, "OnUnitActiveSec=60\n")
	assert.Contains(t, script, "tenk-web.service", "then the web server")
	assert.GreaterOrEqual(t, DefaultSettingsWaitSeconds, 60*60, "longer than a first prod deploy of the data tiers")
	assert.Less(t, len(gzipped(script)), MaxUserDataBytes, "the boot script fits EC2's user-data limit")

	if _, err := exec.LookPath("bash"); err == nil {
		out, err := exec.Command("bash", "-n", "-c", script).CombinedOutput()
		require.NoError(t, err, "bash -n: %s", out)
	}
	assert.Equal(t, `"/a%%b\"c\\d$$e"`, systemdQuote(`/a%b"c\d$e`))

	b.settings = nil
	alone := b.script()
	assert.Contains(t, alone, "tenk-settings.py wait --static /etc/tenk/release.env --timeout")
	assert.NotContains(t, alone, "/etc/systemd/system/tenk-settings-sync", "without stack settings there is nothing to sync")
}

// agentEnv runs boot/tenk-settings.py against a fake AWS CLI and systemctl that read and log in
// dir: ssm.json holds {"params": {name: value}, "deny": bool}.
type agentEnv struct {
	t      *testing.T
	dir    string
	python string
}

const fakeAWS = `#!/usr/bin/env python3
import json, os, sys
state = json.load(open(os.path.join(os.environ["FAKE_DIR"], "ssm.json")))
args = sys.argv[1:]
def arg(name):
    return args[args.index(name) + 1]
if state.get("deny"):
    sys.stderr.write("An error occurred (AccessDeniedException) when calling the operation: not authorized\n")
    sys.exit(254)
params = state.get("params", {})
if args[:2] == ["ssm", "get-parameter"]:
    name = arg("--name")
    if name not in params:
        sys.stderr.write("\nAn error occurred (ParameterNotFound) when calling the GetParameter operation: \n")
        sys.exit(254)
    print(json.dumps({"Parameter": {"Name": name, "Value": params[name]}}))
elif args[:2] == ["ssm", "get-parameters-by-path"]:
    path = arg("--path")
    assert "--recursive" in args
    print(json.dumps({"Parameters": [{"Name": n, "Value": v} for n, v in sorted(params.items()) if n.startswith(path)]}))
else:
    sys.exit("unexpected call %r" % args)
`

const fakeSystemctl = `#!/bin/sh
echo "$@" >> "$FAKE_DIR/systemctl.log"
`

func newAgentEnv(t *testing.T) *agentEnv {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the boot agent cannot run here")
	}
	// The interpreter itself, not a version manager's shim that puts its own (real) aws first on
	// PATH.
	python, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output()
	require.NoError(t, err)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "aws"), []byte(fakeAWS), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "systemctl"), []byte(fakeSystemctl), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "tenk-settings.py"), []byte(settingsAgent), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "release.env"), []byte("APP_PORT=8080\nAPP_HEALTH_PATH=/healthz\nGREETING=hello=world\nDB_HOST=from-the-release\n"), 0o644))
	e := &agentEnv{t: t, dir: dir, python: strings.TrimSpace(string(python))}
	e.setParams(nil, false)
	return e
}

func (e *agentEnv) setParams(params map[string]string, deny bool) {
	b, err := json.Marshal(map[string]any{"params": params, "deny": deny})
	require.NoError(e.t, err)
	tmp := filepath.Join(e.dir, "ssm.json.tmp")
	require.NoError(e.t, os.WriteFile(tmp, b, 0o644))
	require.NoError(e.t, os.Rename(tmp, filepath.Join(e.dir, "ssm.json")))
}

func (e *agentEnv) command(args ...string) *exec.Cmd {
	base := []string{filepath.Join(e.dir, "tenk-settings.py")}
	base = append(base, args...)
	base = append(base, "--path", "/tenk/test/", "--marker", "/tenk/test/"+appconfig.ReadyKey,
		"--region", "us-east-1", "--env-file", filepath.Join(e.dir, "etc", "app.env"),
		"--static", filepath.Join(e.dir, "release.env"))
	cmd := exec.Command(e.python, base...)
	cmd.Env = append(os.Environ(), "PATH="+e.dir+":"+os.Getenv("PATH"), "FAKE_DIR="+e.dir)
	return cmd
}

func (e *agentEnv) run(args ...string) (string, int) {
	out, err := e.command(args...).CombinedOutput()
	code := 0
	if exit, ok := err.(*exec.ExitError); ok {
		code = exit.ExitCode()
	} else {
		require.NoError(e.t, err)
	}
	return string(out), code
}

func (e *agentEnv) envFile() string {
	b, err := os.ReadFile(filepath.Join(e.dir, "etc", "app.env"))
	if os.IsNotExist(err) {
		return ""
	}
	require.NoError(e.t, err)
	return string(b)
}

// published is what AppConfig writes for settings: one parameter each and the marker.
func published(settings map[string]string) map[string]string {
	out := map[string]string{"/tenk/test/" + appconfig.ReadyKey: appconfig.SettingsVersion(settings)}
	for k, v := range settings {
		out["/tenk/test/"+k] = v
	}
	return out
}

func TestSettingsAgentWritesCompleteSettings(t *testing.T) {
	e := newAgentEnv(t)
	settings := map[string]string{"DB_HOST": "db.internal", "DB_PORT": "5432", "SITE_URL": "https://d1.cloudfront.net/?a=b"}
	params := published(settings)
	params["/tenk/other/DB_HOST"] = "not ours"
	e.setParams(params, false)
	out, code := e.run("wait", "--timeout", "5", "--interval", "0.05")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "wrote 4 settings")
	assert.Equal(t, "APP_HEALTH_PATH=/healthz\nAPP_PORT=8080\nAWS_REGION=us-east-1\nDB_HOST=db.internal\nDB_PORT=5432\nGREETING=hello=world\n"+
		"SETTINGS_VERSION="+appconfig.SettingsVersion(settings)+"\nSITE_URL=https://d1.cloudfront.net/?a=b\n", e.envFile(),
		"Go and the agent hash the settings alike; the release's lines and the region join them, and a stack setting wins over the release")
	assert.Contains(t, out, "stack setting DB_HOST replaces the release's value")
}

func TestSettingsAgentGivesUpWithoutTheMarker(t *testing.T) {
	for name, tc := range map[string]struct {
		params map[string]string
		deny   bool
		want   string
	}{
		"no marker yet":   {params: map[string]string{"/tenk/test/DB_HOST": "db"}, want: "does not exist yet"},
		"stale read":      {params: map[string]string{"/tenk/test/DB_HOST": "old", "/tenk/test/" + appconfig.ReadyKey: appconfig.SettingsVersion(map[string]string{"DB_HOST": "new"})}, want: "an update is in flight"},
		"not granted yet": {params: map[string]string{}, deny: true, want: "AccessDeniedException"},
	} {
		t.Run(name, func(t *testing.T) {
			e := newAgentEnv(t)
			e.setParams(tc.params, tc.deny)
			out, code := e.run("wait", "--timeout", "0.3", "--interval", "0.05")
			assert.Equal(t, 1, code, out)
			assert.Contains(t, out, "FAILED: no complete settings under /tenk/test/")
			assert.Contains(t, out, tc.want, "the log says why")
			assert.Empty(t, e.envFile(), "no partial settings file")
		})
	}
}

func TestSettingsAgentAnswersHealthChecksWhileWaiting(t *testing.T) {
	e := newAgentEnv(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())

	cmd := e.command("wait", "--timeout", "600", "--interval", "0.1", "--max-interval", "0.2",
		"--health-port", fmt.Sprint(port), "--health-path", "/healthz")
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	require.NoError(t, cmd.Start())
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill() }()

	get := func(path string) int {
		resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", port, path))
		if err != nil {
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	require.Eventually(t, func() bool { return get("/healthz") == http.StatusOK }, 90*time.Second, 100*time.Millisecond,
		"the load balancer sees a healthy instance while it waits")
	assert.Equal(t, http.StatusServiceUnavailable, get("/"), "and real requests are refused")

	settings := map[string]string{"DB_HOST": "db"}
	e.setParams(published(settings), false)
	select {
	case err := <-done:
		require.NoError(t, err, out.String())
	case <-time.After(3 * time.Minute):
		t.Fatalf("the agent did not notice the marker: %s", out.String())
	}
	assert.Contains(t, e.envFile(), "DB_HOST=db\n")
	assert.Equal(t, 0, get("/healthz"), "the port is free for the application")
}

func TestSettingsAgentSyncsChangesAndRestartsTheApp(t *testing.T) {
	e := newAgentEnv(t)
	v1 := map[string]string{"DB_HOST": "db1"}
	e.setParams(published(v1), false)
	out, code := e.run("wait", "--timeout", "5")
	require.Equal(t, 0, code, out)

	out, code = e.run("sync", "--restart", "tenk-web.service")
	require.Equal(t, 0, code, out)
	_, err := os.Stat(filepath.Join(e.dir, "systemctl.log"))
	assert.True(t, os.IsNotExist(err), "unchanged settings restart nothing: %s", out)

	v2 := map[string]string{"DB_HOST": "db2", "DB_READER_HOSTS": "r1,r2"}
	e.setParams(published(v2), false)
	out, code = e.run("sync", "--restart", "tenk-web.service")
	require.Equal(t, 0, code, out)
	assert.Contains(t, e.envFile(), "DB_HOST=db2\nDB_READER_HOSTS=r1,r2\n")
	assert.Contains(t, e.envFile(), "SETTINGS_VERSION="+appconfig.SettingsVersion(v2))
	log, err := os.ReadFile(filepath.Join(e.dir, "systemctl.log"))
	require.NoError(t, err)
	assert.Equal(t, "try-reload-or-restart tenk-web.service\n", string(log))

	// A read racing an update keeps the old file and retries on the next tick.
	params := published(map[string]string{"DB_HOST": "db3"})
	params["/tenk/test/DB_HOST"] = "db2"
	e.setParams(params, false)
	out, code = e.run("sync", "--restart", "tenk-web.service")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "will retry")
	assert.Contains(t, e.envFile(), "DB_HOST=db2\n")
}

func TestSettingsAgentWithoutStackSettingsWritesTheReleaseLines(t *testing.T) {
	e := newAgentEnv(t)
	envFile := filepath.Join(e.dir, "etc", "app.env")
	cmd := exec.Command(e.python, filepath.Join(e.dir, "tenk-settings.py"), "wait", "--region", "eu-west-1",
		"--env-file", envFile, "--static", filepath.Join(e.dir, "release.env"))
	cmd.Env = append(os.Environ(), "PATH="+e.dir+":"+os.Getenv("PATH"), "FAKE_DIR="+e.dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Equal(t, "APP_HEALTH_PATH=/healthz\nAPP_PORT=8080\nAWS_REGION=eu-west-1\nDB_HOST=from-the-release\nGREETING=hello=world\n", e.envFile())
	cmd = exec.Command(e.python, filepath.Join(e.dir, "tenk-settings.py"), "sync", "--region", "eu-west-1", "--env-file", envFile,
		"--restart", "tenk-web.service")
	cmd.Env = append(os.Environ(), "PATH="+e.dir+":"+os.Getenv("PATH"), "FAKE_DIR="+e.dir)
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	_, err = os.Stat(filepath.Join(e.dir, "systemctl.log"))
	assert.True(t, os.IsNotExist(err), "nothing to sync, nothing restarted")
}
