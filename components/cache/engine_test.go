package cache

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParameterGroupFamily(t *testing.T) {
	cases := []struct {
		engine  Engine
		version string
		want    string
	}{
		{EngineValkey, "8.0", "valkey8"},
		{EngineValkey, "8.1", "valkey8"},
		{EngineValkey, "7.2", "valkey7"},
		{EngineRedis, "7.1", "redis7"},
		{EngineRedis, "7.0", "redis7"},
		{EngineRedis, "6.2", "redis6.x"},
		{EngineMemcached, "1.6.22", "memcached1.6"},
		{EngineMemcached, "1.6.12", "memcached1.6"},
	}
	for _, tc := range cases {
		got, err := parameterGroupFamily(tc.engine, tc.version)
		require.NoError(t, err, "%s %s", tc.engine, tc.version)
		assert.Equal(t, tc.want, got, "%s %s", tc.engine, tc.version)
	}
}

func TestEngineVersionLimits(t *testing.T) {
	cases := []struct {
		engine  Engine
		version string
		want    string
	}{
		{EngineValkey, "7.1", "too old for valkey"},
		{EngineRedis, "6.0", "too old for redis"},
		{EngineRedis, "5.0.6", "too old for redis"},
		{EngineRedis, "8.0", `for newer versions set Engine to "valkey"`},
		{EngineMemcached, "1.6.6", "needs Memcached 1.6.12"},
		{EngineMemcached, "1.5.16", "needs Memcached 1.6.12"},
		{EngineRedis, "7.x", "non-numeric part"},
		{EngineValkey, "8", "not major.minor"},
		{"mongodb", "1.0", `Engine is "mongodb", which is unknown`},
	}
	for _, tc := range cases {
		_, err := parameterGroupFamily(tc.engine, tc.version)
		require.Error(t, err, "%s %s", tc.engine, tc.version)
		assert.Contains(t, err.Error(), tc.want)
	}
}

func TestEngineTable(t *testing.T) {
	assert.Equal(t, 6379, DefaultPort(EngineValkey))
	assert.Equal(t, 6379, DefaultPort(EngineRedis))
	assert.Equal(t, 11211, DefaultPort(EngineMemcached))
	for e, spec := range engines {
		_, err := parameterGroupFamily(e, spec.defaultVersion)
		assert.NoError(t, err, "the default version of %s must pass its own checks", e)
	}
	assert.True(t, engines[EngineValkey].replicated)
	assert.True(t, engines[EngineRedis].replicated)
	assert.False(t, engines[EngineMemcached].replicated)
}

func TestValidateName(t *testing.T) {
	assert.NoError(t, ValidateName("cache", EngineValkey))
	assert.NoError(t, ValidateName("App-Cache-2", EngineValkey))
	// 29 = 40 - len("-rg") - 8 random characters.
	assert.NoError(t, ValidateName("abcdefghijklmnopqrstuvwxyzabc", EngineValkey))
	assert.ErrorContains(t, ValidateName("abcdefghijklmnopqrstuvwxyzabcd", EngineValkey), "shorten the name to 29 characters")
	// Memcached's cluster IDs allow 50: 50 - len("-memcached") - 8 = 32.
	assert.NoError(t, ValidateName("abcdefghijklmnopqrstuvwxyzabcdef", EngineMemcached))
	assert.ErrorContains(t, ValidateName("abcdefghijklmnopqrstuvwxyzabcdefg", EngineMemcached), "shorten the name to 32 characters")
	for _, bad := range []string{"1cache", "cache-", "ca--che", "ca_che", "", "-cache"} {
		assert.ErrorContains(t, ValidateName(bad, EngineValkey), "start with a letter", bad)
	}
}
