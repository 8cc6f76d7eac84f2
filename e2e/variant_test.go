package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func settingsFor(v e2e.Variant) e2e.Settings {
	return e2e.Settings{Variant: v, Region: "eu-west-1", Stack: "e2e-abc123", Domain: "www.example.com", HostedZoneID: "Z0123456789"}
}

func TestEveryVariantTurnsEveryProtectionOff(t *testing.T) {
	for _, name := range e2e.VariantNames() {
		t.Run(name, func(t *testing.T) {
			cfg, err := e2e.ProgramConfig(must(e2e.StackConfig(settingsFor(e2e.Variant(name)))))
			require.NoError(t, err)
			assert.Equal(t, "eu-west-1", cfg["aws:region"])
			assert.Equal(t, "dev", cfg["tenk:environment"])
			assert.Equal(t, "false", cfg["tenk:protect"])
			assert.Contains(t, cfg["tenk:web"], `"deletionProtection":false`)
			assert.Contains(t, cfg["tenk:database"], `"deletionProtection":false`)
			assert.Contains(t, cfg["tenk:sessions"], `"deletionProtection":false`)
			assert.Contains(t, cfg["tenk:cdn"], `"forceDestroy":true`)
		})
	}
}

func must(entries []e2e.ConfigEntry, _ e2e.Shape) []e2e.ConfigEntry { return entries }

func TestProgramConfigTypesPathValuesLikeTheCLI(t *testing.T) {
	cfg, err := e2e.ProgramConfig([]e2e.ConfigEntry{
		{Key: "tenk:domain", Value: "www.example.com"},
		{Key: "tenk:database.engine", Value: "aurora-postgresql", Path: true},
		{Key: "tenk:database.readReplicas", Value: "1", Path: true},
		{Key: "tenk:database.multiAz", Value: "false", Path: true},
	})
	require.NoError(t, err)
	assert.Equal(t, "www.example.com", cfg["tenk:domain"])
	assert.JSONEq(t, `{"engine":"aurora-postgresql","readReplicas":1,"multiAz":false}`, cfg["tenk:database"])

	for _, bad := range []string{"tenk:database", "tenk:database.", "tenk:database.a..b", "tenk:app.command[0]"} {
		_, err = e2e.ProgramConfig([]e2e.ConfigEntry{{Key: bad, Value: "1", Path: true}})
		assert.ErrorContains(t, err, "want <namespace>:<section>.<setting>[.<key>…] (no list indices)", bad)
	}
}

// `pulumi config set --path 'tenk:app.environment.NAME' value` nests an object in the section.
func TestProgramConfigNestsDeeperPaths(t *testing.T) {
	cfg, err := e2e.ProgramConfig([]e2e.ConfigEntry{
		{Key: "tenk:app.build", Value: "app", Path: true},
		{Key: "tenk:app.environment.GOMEMLIMIT", Value: "512MB", Path: true},
		{Key: "tenk:app.environment.FEATURE", Value: "true", Path: true},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"build":"app","environment":{"GOMEMLIMIT":"512MB","FEATURE":true}}`, cfg["tenk:app"])

	_, err = e2e.ProgramConfig([]e2e.ConfigEntry{
		{Key: "tenk:app.environment", Value: "x", Path: true},
		{Key: "tenk:app.environment.GOMEMLIMIT", Value: "512MB", Path: true},
	})
	assert.ErrorContains(t, err, `config path "tenk:app.environment.GOMEMLIMIT": environment holds a plain value, not an object`)
}

func TestAppVariantsBuildTheReferenceApplicationOnTwoInstances(t *testing.T) {
	for _, v := range []e2e.Variant{e2e.VariantApp, e2e.VariantRollout} {
		entries, shape := e2e.StackConfig(settingsFor(v))
		cfg, err := e2e.ProgramConfig(entries)
		require.NoError(t, err)
		assert.JSONEq(t, `{"build":"app"}`, cfg["tenk:app"], "the image is built by pulumi up from app/")
		assert.Contains(t, cfg["tenk:web"], `"minSize":2`)
		assert.Contains(t, cfg["tenk:web"], `"desiredCapacity":2`)
		assert.True(t, shape.App)
		assert.Equal(t, v == e2e.VariantRollout, shape.Rollout)
		assert.Equal(t, "postgres", shape.DatabaseEngine, "the reference application supports PostgreSQL only")
	}
	_, err := os.Stat(filepath.Join("..", e2e.AppBuildContext, "Dockerfile"))
	assert.NoError(t, err, "tenk:app.build names the directory of the reference application's Dockerfile")
}

func TestReleasesDifferOnlyInTheMemoryLimit(t *testing.T) {
	bad, err := e2e.ProgramConfig(e2e.ReleaseEntries(e2e.BadMemoryLimit))
	require.NoError(t, err)
	assert.JSONEq(t, `{"environment":{"GOMEMLIMIT":"512MB"}}`, bad["tenk:app"])
	fixed, err := e2e.ProgramConfig(e2e.ReleaseEntries(e2e.FixedMemoryLimit))
	require.NoError(t, err)
	assert.JSONEq(t, `{"environment":{"GOMEMLIMIT":"512MiB"}}`, fixed["tenk:app"])
}

// The bad release is bad for the reason it claims: a Go program started with its GOMEMLIMIT
// dies before main, and the fix starts.
func TestTheBadReleaseCrashesAGoProgramOnStart(t *testing.T) {
	if os.Getenv("TENK_E2E_CRASH_CHILD") == "1" {
		fmt.Println("started")
		os.Exit(0)
	}
	for limit, wantStart := range map[string]bool{e2e.BadMemoryLimit: false, e2e.FixedMemoryLimit: true} {
		cmd := exec.Command(os.Args[0], "-test.run", "^TestTheBadReleaseCrashesAGoProgramOnStart$")
		cmd.Env = append(os.Environ(), "TENK_E2E_CRASH_CHILD=1", e2e.MemoryLimitVariable+"="+limit)
		out, err := cmd.CombinedOutput()
		if wantStart {
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), "started")
			continue
		}
		require.Error(t, err, "GOMEMLIMIT=%s must not start", limit)
		assert.Contains(t, string(out), "malformed GOMEMLIMIT")
		assert.NotContains(t, string(out), "started")
	}
}

func TestExpectedSettingsFollowTheShape(t *testing.T) {
	base := []string{"ASSETS_BUCKET", "CACHE_HOST", "CACHE_PORT", "DB_HOST", "DB_NAME", "DB_PORT", "DB_SECRET_ARN", "SESSION_KEY_ATTR", "SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"}
	assert.Equal(t, base, e2e.ExpectedSettings(e2e.Shape{CacheEngine: "memcached"}))
	assert.Equal(t, []string{"ASSETS_BUCKET", "CACHE_AUTH_SECRET_ARN", "CACHE_HOST", "CACHE_PORT", "CACHE_READER_HOST", "DB_HOST", "DB_NAME", "DB_PORT", "DB_READER_HOSTS", "DB_SECRET_ARN", "SESSION_KEY_ATTR", "SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"},
		e2e.ExpectedSettings(e2e.Shape{CacheEngine: "valkey", ReadReplicas: 1}))
}
