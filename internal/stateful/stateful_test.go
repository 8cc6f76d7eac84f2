package stateful

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIs(t *testing.T) {
	assert.True(t, slices.IsSorted(types), "Is searches a sorted list")
	for _, typ := range []string{"aws:rds/instance:Instance", "aws:secretsmanager/secret:Secret", "aws:s3/bucketV2:BucketV2", "aws:elasticache/replicationGroup:ReplicationGroup"} {
		assert.True(t, Is(typ), typ)
	}
	for _, typ := range []string{"aws:secretsmanager/secretVersion:SecretVersion", "aws:s3/bucketPolicy:BucketPolicy", "aws:iam/role:Role", ""} {
		assert.False(t, Is(typ), typ)
	}
}
