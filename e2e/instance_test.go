package e2e_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func TestShellQuote(t *testing.T) {
	assert.Equal(t, `'plain'`, e2e.ShellQuote("plain"))
	assert.Equal(t, `'it'\''s $HOME'`, e2e.ShellQuote("it's $HOME"))
	out, err := exec.Command("bash", "-c", "printf %s "+e2e.ShellQuote(`a'b "c" $d`)).Output()
	require.NoError(t, err)
	assert.Equal(t, `a'b "c" $d`, string(out))
}

func TestParseInstanceReport(t *testing.T) {
	r, err := e2e.ParseInstanceReport("Installed: postgresql16\nTENK_CHECK\tdatabase-tls\tPASS\tTLS ok\r\nTENK_CHECK\tcache-tls-auth\tFAIL\tno PONG\n")
	require.NoError(t, err)
	assert.Equal(t, map[string]e2e.InstanceReport{
		"database-tls":   {Passed: true, Detail: "TLS ok"},
		"cache-tls-auth": {Passed: false, Detail: "no PONG"},
	}, r)
	_, err = e2e.ParseInstanceReport("TENK_CHECK\tdatabase-tls\tMAYBE\tx\n")
	assert.ErrorContains(t, err, "malformed instance report line")
}

// runScript runs the instance script with bash against stub aws, psql and openssl commands
// (testdata/stubs) and the given app.env, as SSM would run it on an instance.
func runScript(t *testing.T, args e2e.InstanceScriptArgs, appEnv string) map[string]e2e.InstanceReport {
	t.Helper()
	return runScriptIn(t, t.TempDir(), args, appEnv)
}

// runScriptIn is runScript with the stubs' state (the session item, the SQL psql was given) in dir.
func runScriptIn(t *testing.T, dir string, args e2e.InstanceScriptArgs, appEnv string) map[string]e2e.InstanceReport {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("the instance script reads secrets with python3, which AL2023 has and this machine lacks")
	}
	args.AppEnvPath = filepath.Join(dir, "app.env")
	require.NoError(t, os.WriteFile(args.AppEnvPath, []byte(appEnv), 0o644))
	stubs, err := filepath.Abs(filepath.Join("testdata", "stubs"))
	require.NoError(t, err)
	cmd := exec.Command("bash", "-c", e2e.InstanceScript(args))
	cmd.Env = append(os.Environ(), "PATH="+stubs+string(os.PathListSeparator)+os.Getenv("PATH"), "STUB_STATE="+dir)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	reports, err := e2e.ParseInstanceReport(string(out))
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "item"))
	assert.True(t, os.IsNotExist(err), "the session item is deleted")
	return reports
}

func scriptArgs() e2e.InstanceScriptArgs {
	return e2e.InstanceScriptArgs{Region: "us-east-1", DatabaseEngine: "postgres", CacheEngine: "valkey", PartitionKey: "SessionId", ItemID: "tenk-e2e-abc123", ExpiresAt: 1767323045}
}

func TestInstanceScriptIsValidBash(t *testing.T) {
	out, err := exec.Command("bash", "-n", "-c", e2e.InstanceScript(scriptArgs())).CombinedOutput()
	require.NoError(t, err, "%s", out)
}

func TestInstanceScriptPassesAgainstAWorkingStack(t *testing.T) {
	reports := runScript(t, scriptArgs(), goodEnv)
	for _, name := range []string{e2e.CheckDatabase, e2e.CheckCache, e2e.CheckSessionTable} {
		require.Contains(t, reports, name)
		assert.True(t, reports[name].Passed, "%s: %s", name, reports[name].Detail)
	}
	assert.Contains(t, reports[e2e.CheckDatabase].Detail, "as app (pg_stat_ssl.ssl = t)")
	assert.Contains(t, reports[e2e.CheckSessionTable].Detail, "ExpiresAt = 1767323045")
	for _, r := range reports {
		assert.NotContains(t, r.Detail, "p$ss", "no secret in the report")
		assert.NotContains(t, r.Detail, "tok-123", "no secret in the report")
	}
}

func TestInstanceScriptMemcachedNeedsNoAuth(t *testing.T) {
	args := scriptArgs()
	args.CacheEngine = "memcached"
	env := strings.Replace(goodEnv, "CACHE_AUTH_SECRET_ARN=arn:cache\n", "", 1)
	r := runScript(t, args, env)[e2e.CheckCache]
	assert.True(t, r.Passed, r.Detail)
	assert.Contains(t, r.Detail, "TLS to Memcached")
}

func TestInstanceScriptReportsEachFailure(t *testing.T) {
	env := strings.NewReplacer(
		"DB_SECRET_ARN=arn:db", "DB_SECRET_ARN=arn:someone-else",
		"CACHE_AUTH_SECRET_ARN=arn:cache", "CACHE_AUTH_SECRET_ARN=",
		"SESSION_TTL_ATTR=ExpiresAt\n", "",
	).Replace(goodEnv)
	reports := runScript(t, scriptArgs(), env)
	assert.False(t, reports[e2e.CheckDatabase].Passed)
	assert.Contains(t, reports[e2e.CheckDatabase].Detail, "the instance role cannot read DB_SECRET_ARN: AccessDeniedException")
	assert.False(t, reports[e2e.CheckCache].Passed)
	assert.Contains(t, reports[e2e.CheckCache].Detail, "CACHE_AUTH_SECRET_ARN is missing")
	assert.False(t, reports[e2e.CheckSessionTable].Passed)
	assert.Contains(t, reports[e2e.CheckSessionTable].Detail, "SESSION_TTL_ATTR is missing")
}

// The published partition key must be the table's: an application keyed on another attribute
// fails every session call.
func TestInstanceScriptChecksThePublishedPartitionKey(t *testing.T) {
	env := strings.Replace(goodEnv, "SESSION_KEY_ATTR=SessionId\n", "SESSION_KEY_ATTR=id\n", 1)
	r := runScript(t, scriptArgs(), env)[e2e.CheckSessionTable]
	assert.False(t, r.Passed)
	assert.Contains(t, r.Detail, "SESSION_KEY_ATTR is 'id' but the table's partition key is SessionId")
}
