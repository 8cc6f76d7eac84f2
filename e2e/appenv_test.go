package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func TestParseAppEnv(t *testing.T) {
	env := e2e.ParseAppEnv("DB_HOST=db.example\r\n\n# comment\nSITE_URL=https://x/?a=b\nbroken line\nEMPTY=\n")
	assert.Equal(t, map[string]string{"DB_HOST": "db.example", "SITE_URL": "https://x/?a=b", "EMPTY": ""}, env)
}

func TestVerifyAppEnv(t *testing.T) {
	expected := e2e.ExpectedSettings(e2e.Shape{DatabaseEngine: "postgres", CacheEngine: "valkey"})
	outputs := e2e.Outputs{SessionTableName: "sessions-1", AssetsBucketName: "assets-1", SiteURL: "https://d.cloudfront.net"}
	complete := map[string]string{}
	for _, k := range expected {
		complete[k] = "v-" + k
	}
	complete["SESSION_TABLE"], complete["ASSETS_BUCKET"], complete["SITE_URL"] = "sessions-1", "assets-1", "https://d.cloudfront.net"

	require.NoError(t, e2e.VerifyAppEnv(complete, expected, outputs))

	withExtra := clone(complete)
	withExtra["TENK_READY"] = "1"
	assert.NoError(t, e2e.VerifyAppEnv(withExtra, expected, outputs), "new settings are allowed")

	broken := clone(complete)
	delete(broken, "DB_HOST")
	broken["CACHE_PORT"] = " "
	broken["SESSION_TABLE"] = "someone-elses-table"
	err := e2e.VerifyAppEnv(broken, expected, outputs)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "DB_HOST is missing")
	assert.Contains(t, err.Error(), "CACHE_PORT is empty")
	assert.Contains(t, err.Error(), `SESSION_TABLE is "someone-elses-table" but the stack output is "sessions-1"`)
}

func clone(m map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	return out
}
