package webtier_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	bucketType       = "aws:s3/bucketV2:BucketV2"
	bucketPolicyType = "aws:s3/bucketPolicy:BucketPolicy"
	publicBlockType  = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	ownershipType    = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	encryptionType   = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	lifecycleType    = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"

	getRegion         = "aws:index/getRegion:getRegion"
	getCallerIdentity = "aws:index/getCallerIdentity:getCallerIdentity"

	// The BucketV2 stub (internal/offline/providers/cdn.go) names an auto-named bucket "<logical name>-bucket".
	createdBucket    = "web-access-logs-bucket"
	createdBucketArn = "arn:aws:s3:::" + createdBucket
	createdBucketID  = "web-access-logs-id"
)

// ownLogBucket leaves the access-log bucket to the component.
func ownLogBucket(a *webtier.MultiAZWebTierArgs) *webtier.MultiAZWebTierArgs {
	a.AccessLogs.Bucket = nil
	return a
}

// bucketPolicy is the parsed policy document of the created bucket.
type bucketPolicy struct {
	Version   string
	Statement []struct {
		Sid       string
		Effect    string
		Principal any
		Action    any
		Resource  any
		Condition map[string]map[string]string
	}
}

func parsePolicy(t *testing.T, m *testkit.Mocks) bucketPolicy {
	t.Helper()
	r := one(t, m, bucketPolicyType, "web-access-logs-policy")
	assert.Equal(t, createdBucketID, r.String("bucket"))
	var doc bucketPolicy
	require.NoError(t, json.Unmarshal([]byte(r.String("policy")), &doc))
	assert.Equal(t, "2012-10-17", doc.Version)
	return doc
}

func TestDefaultAccessLogsCreateTheBucket(t *testing.T) {
	m, w := build(t, ownLogBucket(prodArgs()))

	bucket := one(t, m, bucketType, "web-access-logs")
	forceDestroy, set := bucket.Get("forceDestroy")
	assert.True(t, set, "forceDestroy is sent explicitly")
	assert.Equal(t, false, forceDestroy, "a prod bucket with logs in it is not deleted")
	assert.False(t, bucket.Has("bucket"), "auto-named: bucket names are global")
	assert.Equal(t, "prod", bucket.String("tags.env"))
	require.Len(t, m.ByType(bucketType), 1)

	enc := one(t, m, encryptionType, "web-access-logs-encryption")
	assert.Equal(t, createdBucketID, enc.String("bucket"))
	rules, _ := enc.Get("rules")
	require.Len(t, rules, 1)
	assert.Equal(t, "AES256", enc.String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"), "ELB access logs support SSE-S3 only")
	assert.False(t, enc.Has("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"), "no KMS key")

	pab := one(t, m, publicBlockType, "web-access-logs-public-access")
	assert.Equal(t, createdBucketID, pab.String("bucket"))
	for _, flag := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.True(t, pab.Bool(flag), flag)
	}

	own := one(t, m, ownershipType, "web-access-logs-ownership")
	assert.Equal(t, createdBucketID, own.String("bucket"))
	assert.Equal(t, "BucketOwnerEnforced", own.String("rule.objectOwnership"))

	life := one(t, m, lifecycleType, "web-access-logs-lifecycle")
	assert.Equal(t, createdBucketID, life.String("bucket"))
	assert.Equal(t, "expire-access-logs", life.String("rules.1.id"))
	assert.Equal(t, "Enabled", life.String("rules.1.status"))
	assert.Equal(t, float64(90), life.Number("rules.1.expiration.days"), "default retention")
	assert.Equal(t, float64(7), life.Number("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation"))

	doc := parsePolicy(t, m)
	require.Len(t, doc.Statement, 2)
	allow, deny := doc.Statement[0], doc.Statement[1]
	assert.Equal(t, "Allow", allow.Effect)
	assert.Equal(t, map[string]any{"AWS": "arn:aws:iam::127311923021:root"}, allow.Principal,
		"us-east-1 predates August 2022: its Elastic Load Balancing account")
	assert.Equal(t, "s3:PutObject", allow.Action)
	assert.Equal(t, createdBucketArn+"/web/AWSLogs/"+providers.MockAccountID+"/*", allow.Resource,
		"only under the prefix and this account's AWSLogs/ keys")
	assert.Empty(t, allow.Condition)
	assert.Equal(t, "Deny", deny.Effect)
	assert.Equal(t, "*", deny.Principal)
	assert.Equal(t, "s3:*", deny.Action)
	assert.Equal(t, []any{createdBucketArn, createdBucketArn + "/*"}, deny.Resource)
	assert.Equal(t, map[string]map[string]string{"Bool": {"aws:SecureTransport": "false"}}, deny.Condition)

	policy := one(t, m, bucketPolicyType, "web-access-logs-policy")
	assert.Contains(t, policy.Dependencies, pab.URN, "the policy waits for the public access block")
	assert.Contains(t, policy.Dependencies, own.URN)

	alb := one(t, m, lbType, "web-alb")
	assert.True(t, alb.Bool("accessLogs.enabled"))
	assert.Equal(t, createdBucket, alb.String("accessLogs.bucket"))
	assert.Equal(t, "web", alb.String("accessLogs.prefix"))
	assert.Contains(t, alb.Dependencies, policy.URN, "AWS checks the bucket policy when access logs are enabled")
	assert.Contains(t, alb.Dependencies, enc.URN)
	assert.Equal(t, createdBucket, testkit.Await(t, w.AccessLogsBucketName))

	tokens := map[string]int{}
	for _, inv := range m.Invokes() {
		tokens[inv.Token]++
	}
	assert.Equal(t, map[string]int{getRegion: 1, getCallerIdentity: 1, "aws:ssm/getParameter:getParameter": 1}, tokens,
		"one Region and one account lookup for the bucket, and the AMI parameter the template pins, nothing else")
}

func TestCreatedLogBucketInANewRegionUsesTheServicePrincipal(t *testing.T) {
	m := testkit.NewMocks(providers.Region("ap-south-2"))
	m.Region = "ap-south-2" // Hyderabad, opened November 2022
	args := ownLogBucket(devArgs())
	args.AccessLogs.Enabled = nil // back to the default: on
	args.AccessLogs.RetentionDays = 7
	args.AccessLogs.ForceDestroy = true
	testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := webtier.NewMultiAZWebTier(ctx, "web", args)
		return err
	}, testkit.RunOptions{Mocks: m})

	doc := parsePolicy(t, m)
	require.Len(t, doc.Statement, 2)
	assert.Equal(t, map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}, doc.Statement[0].Principal)
	assert.Equal(t, createdBucketArn+"/AWSLogs/"+providers.MockAccountID+"/*", doc.Statement[0].Resource, "no prefix: keys start at AWSLogs/")
	assert.Equal(t, "Deny", doc.Statement[1].Effect)

	assert.True(t, one(t, m, bucketType, "web-access-logs").Bool("forceDestroy"), "dev may delete the bucket with its logs")
	assert.Equal(t, float64(7), one(t, m, lifecycleType, "web-access-logs-lifecycle").Number("rules.1.expiration.days"))
	alb := one(t, m, lbType, "web-alb")
	assert.Equal(t, createdBucket, alb.String("accessLogs.bucket"))
	assert.False(t, alb.Has("accessLogs.prefix"))
}

func TestCallerBucketKeepsWorkingAsBefore(t *testing.T) {
	args := prodArgs()
	args.AccessLogs.RetentionDays = 30 // only for a created bucket
	args.AccessLogs.ForceDestroy = true
	m, _ := build(t, args)
	for _, typ := range []string{bucketType, bucketPolicyType, publicBlockType, ownershipType, encryptionType, lifecycleType} {
		assert.Empty(t, m.ByType(typ), typ)
	}
	for _, inv := range m.Invokes() {
		assert.NotContains(t, []string{getRegion, getCallerIdentity}, inv.Token, "no lookups for a caller's bucket")
	}
	alb := one(t, m, lbType, "web-alb")
	assert.Equal(t, "tenk-alb-logs", alb.String("accessLogs.bucket"))
	for _, dep := range alb.Dependencies {
		assert.NotContains(t, dep, "BucketPolicy")
	}
}

func TestProtectCoversTheCreatedLogBucketOnly(t *testing.T) {
	for _, protect := range []bool{false, true} {
		args := ownLogBucket(prodArgs())
		args.Protect = protect
		m, _ := build(t, args)
		for _, r := range m.Resources() {
			want := protect && r.Type == bucketType
			assert.Equal(t, want, r.Protect, "Protect=%t: %s %s", protect, r.Type, r.Name)
		}
	}
}
