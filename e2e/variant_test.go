package e2e_test

import (
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

	_, err = e2e.ProgramConfig([]e2e.ConfigEntry{{Key: "tenk:database.a.b", Value: "1", Path: true}})
	assert.ErrorContains(t, err, "want <namespace>:<section>.<setting>")
}

func TestExpectedSettingsFollowTheShape(t *testing.T) {
	base := []string{"ASSETS_BUCKET", "CACHE_HOST", "CACHE_PORT", "DB_HOST", "DB_NAME", "DB_PORT", "DB_SECRET_ARN", "SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"}
	assert.Equal(t, base, e2e.ExpectedSettings(e2e.Shape{CacheEngine: "memcached"}))
	assert.Equal(t, []string{"ASSETS_BUCKET", "CACHE_AUTH_SECRET_ARN", "CACHE_HOST", "CACHE_PORT", "CACHE_READER_HOST", "DB_HOST", "DB_NAME", "DB_PORT", "DB_READER_HOSTS", "DB_SECRET_ARN", "SESSION_TABLE", "SESSION_TTL_ATTR", "SITE_URL"},
		e2e.ExpectedSettings(e2e.Shape{CacheEngine: "valkey", ReadReplicas: 1}))
}
