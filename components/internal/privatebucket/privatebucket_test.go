package privatebucket_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/privatebucket"
	"github.com/tenkstack/tenk/internal/testkit"
)

func build(t *testing.T, spec privatebucket.Spec) *testkit.Mocks {
	return testkit.MustRun(t, func(ctx *pulumi.Context) error {
		b, err := privatebucket.New(ctx, "logs", spec)
		if err != nil {
			return err
		}
		_, err = b.AttachPolicy(ctx, "logs-policy", pulumi.String(`{"Version":"2012-10-17","Statement":[]}`))
		return err
	}, testkit.RunOptions{})
}

func TestTheRecipe(t *testing.T) {
	m := build(t, privatebucket.Spec{ExpireDays: 30, ExpireRuleID: "expire-access-logs"})
	pab := m.One(t, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
	for _, flag := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.True(t, pab.Bool(flag), flag)
	}
	assert.Equal(t, "logs-public-access", pab.Name)
	assert.Equal(t, "BucketOwnerEnforced", m.One(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").String("rule.objectOwnership"))
	assert.Equal(t, "AES256", m.One(t, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2").String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
	assert.Empty(t, m.ByType("aws:s3/bucketVersioningV2:BucketVersioningV2"), "no versioning unless asked")

	life := m.One(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
	assert.Equal(t, "abort-incomplete-uploads", life.String("rules.0.id"))
	assert.Equal(t, float64(7), life.Number("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation"))
	assert.Equal(t, "expire-access-logs", life.String("rules.1.id"))
	assert.Equal(t, float64(30), life.Number("rules.1.expiration.days"))

	policy := m.One(t, "aws:s3/bucketPolicy:BucketPolicy")
	assert.Contains(t, policy.Dependencies, pab.URN, "the policy waits for the public access block")
	assert.Contains(t, policy.Dependencies, m.One(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").URN)
}

func TestVersioningExpiresOldVersionsAfterItIsOn(t *testing.T) {
	m := build(t, privatebucket.Spec{Versioning: true, NoncurrentDays: 30})
	versioning := m.One(t, "aws:s3/bucketVersioningV2:BucketVersioningV2")
	assert.Equal(t, "Enabled", versioning.String("versioningConfiguration.status"))
	life := m.One(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
	require.Equal(t, "expire-noncurrent-versions", life.String("rules.1.id"))
	assert.Equal(t, float64(30), life.Number("rules.1.noncurrentVersionExpiration.noncurrentDays"))
	assert.False(t, life.Has("rules.2"), "no expiry of current objects unless asked")
	assert.Contains(t, life.Dependencies, versioning.URN)
}
