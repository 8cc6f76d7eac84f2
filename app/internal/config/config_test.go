package config

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validEnv is what a prod stack with Valkey and two replicas writes to app.env.
func validEnv() map[string]string {
	return map[string]string{
		"APP_PORT":              "8080",
		"APP_HEALTH_PATH":       "/healthz",
		"AWS_REGION":            "eu-west-1",
		"DB_HOST":               "tenk-db.abc.eu-west-1.rds.amazonaws.com",
		"DB_PORT":               "5432",
		"DB_NAME":               "app",
		"DB_READER_HOSTS":       "r1.abc.eu-west-1.rds.amazonaws.com,r2.abc.eu-west-1.rds.amazonaws.com",
		"DB_SECRET_ARN":         "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf",
		"DB_IAM_AUTH":           "true",
		"DB_IAM_USER":           "tenk_app",
		"CACHE_HOST":            "master.tenk-cache.abc.euw1.cache.amazonaws.com",
		"CACHE_READER_HOST":     "replica.tenk-cache.abc.euw1.cache.amazonaws.com",
		"CACHE_PORT":            "6379",
		"CACHE_AUTH_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:cache-AbCdEf",
		"SESSION_TABLE":         "tenk-sessions-abc",
		"SESSION_KEY_ATTR":      "SessionId",
		"SESSION_TTL_ATTR":      "ExpiresAt",
		"ASSETS_BUCKET":         "tenk-assets-abc",
		"SITE_URL":              "https://d111111abcdef8.cloudfront.net",
		"SETTINGS_VERSION":      "0f3c",
	}
}

func load(env map[string]string) (Config, error) {
	return Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
}

func TestLoadValid(t *testing.T) {
	c, err := load(validEnv())
	require.NoError(t, err)
	assert.Equal(t, 8080, c.Port)
	assert.Equal(t, "/healthz", c.HealthPath)
	assert.Equal(t, []string{"r1.abc.eu-west-1.rds.amazonaws.com", "r2.abc.eu-west-1.rds.amazonaws.com"}, c.Database.ReaderHosts)
	assert.True(t, c.Database.IAMAuth)
	assert.Equal(t, "tenk_app", c.Database.IAMUser)
	assert.False(t, c.Cache.Memcached())
	assert.Equal(t, "replica.tenk-cache.abc.euw1.cache.amazonaws.com", c.Cache.ReaderHost)
	assert.Equal(t, "ExpiresAt", c.Sessions.TTLAttr)
	assert.Equal(t, "SessionId", c.Sessions.KeyAttr)
}

func TestLoadDevShapes(t *testing.T) {
	// Memcached: no AUTH secret, no reader host; no replicas; master secret sign-in.
	env := validEnv()
	for _, k := range []string{"CACHE_AUTH_SECRET_ARN", "CACHE_READER_HOST", "DB_READER_HOSTS", "DB_IAM_USER"} {
		delete(env, k)
	}
	env["DB_IAM_AUTH"] = "false"
	env["CACHE_PORT"] = "11211"
	c, err := load(env)
	require.NoError(t, err)
	assert.True(t, c.Cache.Memcached())
	assert.Empty(t, c.Database.ReaderHosts)
	assert.False(t, c.Database.IAMAuth)
}

func TestLoadErrorsNameTheVariable(t *testing.T) {
	for _, tc := range []struct {
		key, value, want string // value "" with want: delete the key
	}{
		{"APP_PORT", "", "APP_PORT is not set"},
		{"APP_PORT", "http", `APP_PORT is "http": want a port number 1–65535`},
		{"APP_PORT", "70000", "APP_PORT is \"70000\""},
		{"APP_HEALTH_PATH", "healthz", "want an absolute URL path"},
		{"AWS_REGION", "", "AWS_REGION is not set"},
		{"DB_HOST", "db:5432", "DB_HOST is \"db:5432\": want a host name without a port"},
		{"DB_PORT", "3306", "PostgreSQL engines only"},
		{"DB_READER_HOSTS", "a,,b", "DB_READER_HOSTS is \"a,,b\": an empty entry"},
		{"DB_SECRET_ARN", "db-secret", "want a Secrets Manager ARN"},
		{"DB_IAM_AUTH", "yes please", `DB_IAM_AUTH is "yes please": want true or false`},
		{"DB_IAM_USER", "", "DB_IAM_USER is not set"},
		{"CACHE_AUTH_SECRET_ARN", "token", "CACHE_AUTH_SECRET_ARN is \"token\""},
		{"CACHE_READER_HOST", "replica/x", "CACHE_READER_HOST is \"replica/x\""},
		{"SESSION_TTL_ATTR", "", "SESSION_TTL_ATTR is not set"},
		{"SESSION_KEY_ATTR", "", "SESSION_KEY_ATTR is not set"},
		{"SITE_URL", "d111.cloudfront.net", "want an absolute URL"},
	} {
		t.Run(tc.key+"="+tc.value, func(t *testing.T) {
			env := validEnv()
			if tc.value == "" {
				delete(env, tc.key)
			} else {
				env[tc.key] = tc.value
			}
			_, err := load(env)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	_, err := load(map[string]string{"DB_IAM_AUTH": "true"})
	require.Error(t, err)
	for _, k := range []string{"APP_PORT", "APP_HEALTH_PATH", "AWS_REGION", "DB_HOST", "DB_PORT", "DB_NAME", "DB_SECRET_ARN", "DB_IAM_USER", "CACHE_HOST", "CACHE_PORT", "SESSION_TABLE", "SESSION_KEY_ATTR", "SESSION_TTL_ATTR", "ASSETS_BUCKET", "SITE_URL", "SETTINGS_VERSION"} {
		assert.Contains(t, err.Error(), k+" is not set")
	}
	// Optional variables are never demanded.
	for _, k := range []string{"DB_READER_HOSTS", "CACHE_READER_HOST", "CACHE_AUTH_SECRET_ARN"} {
		assert.False(t, strings.Contains(err.Error(), k), k)
	}
}
