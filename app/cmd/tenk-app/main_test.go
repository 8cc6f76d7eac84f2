package main

import (
	"io"
	"log/slog"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var settings = []string{"APP_PORT", "APP_HEALTH_PATH", "AWS_REGION", "DB_HOST", "DB_PORT", "DB_NAME",
	"DB_READER_HOSTS", "DB_SECRET_ARN", "DB_IAM_AUTH", "DB_IAM_USER", "CACHE_HOST", "CACHE_READER_HOST",
	"CACHE_PORT", "CACHE_AUTH_SECRET_ARN", "SESSION_TABLE", "SESSION_KEY_ATTR", "SESSION_TTL_ATTR", "ASSETS_BUCKET", "SITE_URL",
	"SETTINGS_VERSION"}

// clearEnv unsets every setting for the test (t.Setenv restores them afterwards).
func clearEnv(t *testing.T) {
	for _, k := range settings {
		t.Setenv(k, "")
		require.NoError(t, os.Unsetenv(k))
	}
}

func quiet() *slog.Logger { return slog.New(slog.NewJSONHandler(io.Discard, nil)) }

func TestStartStopsOnMissingSettingsNamingThem(t *testing.T) {
	clearEnv(t)
	t.Setenv("APP_PORT", "eighty")
	err := run(quiet())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `APP_PORT is "eighty"`)
	assert.Contains(t, err.Error(), "DB_HOST is not set")
	assert.Contains(t, err.Error(), "/etc/tenk/app.env")
}

func TestStartStopsWithoutTheRDSCABundle(t *testing.T) {
	if _, err := os.Stat("/etc/ssl/certs/rds-global-bundle.pem"); err == nil {
		t.Skip("this machine has an RDS CA bundle installed")
	}
	clearEnv(t)
	for k, v := range map[string]string{
		"APP_PORT": "8080", "APP_HEALTH_PATH": "/healthz", "AWS_REGION": "eu-west-1",
		"DB_HOST": "db.example", "DB_PORT": "5432", "DB_NAME": "app", "DB_IAM_AUTH": "true",
		"DB_IAM_USER": "tenk_app", "DB_SECRET_ARN": "arn:aws:secretsmanager:eu-west-1:1:secret:db",
		"CACHE_HOST": "cache.example", "CACHE_PORT": "11211", "SESSION_TABLE": "t", "SESSION_KEY_ATTR": "SessionId", "SESSION_TTL_ATTR": "ExpiresAt",
		"ASSETS_BUCKET": "b", "SITE_URL": "https://d1.cloudfront.net", "SETTINGS_VERSION": "v",
	} {
		t.Setenv(k, v)
	}
	err := run(quiet())
	assert.ErrorContains(t, err, "RDS CA bundle")
	assert.ErrorContains(t, err, "truststore.pki.rds.amazonaws.com")
}
