package cache_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
)

func TestSecretReadPolicyCoversTheAuthSecretOnly(t *testing.T) {
	m, c := build(t, prodArgs())
	doc, err := c.SecretReadPolicy()
	require.NoError(t, err)
	statements, err := testkit.ParsePolicy(testkit.Await(t, doc).(string))
	require.NoError(t, err)
	require.Len(t, statements, 1)
	secret := "arn:aws:secretsmanager:us-east-1:123456789012:" + m.One(t, "aws:secretsmanager/secret:Secret").Name
	assert.Equal(t, secret, testkit.Await(t, c.AuthSecretArn))
	assert.True(t, statements[0].Allows("secretsmanager:GetSecretValue", secret))
	assert.False(t, statements[0].Allows("secretsmanager:GetSecretValue", secret+"-other"))
	assert.False(t, statements[0].Allows("secretsmanager:PutSecretValue", secret))

	_, memcached := build(t, memcachedArgs(2))
	_, err = memcached.SecretReadPolicy()
	assert.ErrorContains(t, err, "no AUTH token")
}
