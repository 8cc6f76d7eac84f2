package main

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	bucketType = "aws:s3/bucketV2:BucketV2"
	keyType    = "aws:kms/key:Key"
	roleType   = "aws:iam/role:Role"
)

// run runs the bootstrap program with config (keys without a namespace are tenk-bootstrap's).
func run(t *testing.T, cfg map[string]string) (*testkit.Mocks, pulumi.Map) {
	t.Helper()
	full := map[string]string{"aws:region": "eu-west-1"}
	for k, v := range cfg {
		full[Namespace+":"+k] = v
	}
	var outputs pulumi.Map
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		c, err := LoadConfig(ctx)
		if err != nil {
			return err
		}
		outputs, err = Deploy(ctx, c)
		return err
	}, testkit.RunOptions{Stack: "shared", Config: full})
	return m, outputs
}

func await(t *testing.T, outputs pulumi.Map, key string) any {
	t.Helper()
	v, ok := outputs[key]
	require.True(t, ok, "output %s", key)
	return testkit.Await(t, pulumi.ToOutput(v))
}

func TestStateBucketIsPrivateEncryptedVersionedAndKept(t *testing.T) {
	m, outputs := run(t, nil)
	bucket := m.One(t, bucketType)
	key := m.One(t, keyType)
	assert.True(t, bucket.Protect && bucket.RetainOnDelete, "the state bucket is protected and retained")
	assert.True(t, key.Protect && key.RetainOnDelete, "the secrets key is protected and retained")
	assert.False(t, bucket.Bool("forceDestroy"))
	assert.True(t, key.Bool("enableKeyRotation"), "key rotation is on")

	alias := m.One(t, "aws:kms/alias:Alias")
	assert.Equal(t, "alias/tenk-pulumi-secrets", alias.String("name"))
	assert.Equal(t, "tenk-state-key-id", alias.String("targetKeyId"))

	pab := m.One(t, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")
	for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		assert.True(t, pab.Bool(k), k)
	}
	assert.Equal(t, "BucketOwnerEnforced", m.One(t, "aws:s3/bucketOwnershipControls:BucketOwnershipControls").String("rule.objectOwnership"))

	sse := m.One(t, "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2")
	assert.Equal(t, "aws:kms", sse.String("rules.0.applyServerSideEncryptionByDefault.sseAlgorithm"))
	assert.Equal(t, "arn:aws:kms:us-east-1:123456789012:key/tenk-state-key-id", sse.String("rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId"))
	assert.True(t, sse.Bool("rules.0.bucketKeyEnabled"))

	versioning := m.One(t, "aws:s3/bucketVersioningV2:BucketVersioningV2")
	assert.Equal(t, "Enabled", versioning.String("versioningConfiguration.status"))

	lifecycle := m.One(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
	assert.Equal(t, 90.0, lifecycle.Number("rules.0.noncurrentVersionExpiration.noncurrentDays"))
	assert.Equal(t, 10.0, lifecycle.Number("rules.0.noncurrentVersionExpiration.newerNoncurrentVersions"))
	assert.Equal(t, 7.0, lifecycle.Number("rules.0.abortIncompleteMultipartUpload.daysAfterInitiation"))
	assert.True(t, lifecycle.Bool("rules.0.expiration.expiredObjectDeleteMarker"), "released locks leave delete markers: expire them")
	assert.False(t, lifecycle.Has("rules.0.expiration.days"), "current state files never expire")
	assert.Equal(t, "Enabled", lifecycle.String("rules.0.status"))
	assert.Contains(t, lifecycle.Dependencies, versioning.URN, "noncurrent-version rules wait for versioning")

	policy := m.One(t, "aws:s3/bucketPolicy:BucketPolicy")
	var doc document
	require.NoError(t, json.Unmarshal([]byte(policy.String("policy")), &doc))
	require.Len(t, doc.Statement, 1)
	st := doc.Statement[0]
	assert.Equal(t, "Deny", st.Effect)
	assert.Equal(t, "*", st.Principal)
	assert.ElementsMatch(t, []any{"arn:aws:s3:::tenk-state-bucket", "arn:aws:s3:::tenk-state-bucket/*"}, st.Resource)
	assert.Equal(t, map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}, st.Condition)

	assert.Equal(t, "s3://tenk-state-bucket?region=eu-west-1&awssdk=v2", await(t, outputs, "loginUrl"))
	assert.Equal(t, "pulumi login 's3://tenk-state-bucket?region=eu-west-1&awssdk=v2'", await(t, outputs, "loginCommand"))
	assert.Equal(t, "awskms://alias/tenk-pulumi-secrets?region=eu-west-1", await(t, outputs, "secretsProvider"))
	assert.Empty(t, m.ByType(roleType), "no CI roles without githubRepository")
}

func TestProtectOffLeavesTheBucketDeletable(t *testing.T) {
	m, _ := run(t, map[string]string{"protect": "false", "noncurrentVersionsKept": "0"})
	bucket := m.One(t, bucketType)
	assert.False(t, bucket.Protect || bucket.RetainOnDelete)
	lifecycle := m.One(t, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")
	assert.False(t, lifecycle.Has("rules.0.noncurrentVersionExpiration.newerNoncurrentVersions"), "0 keeps no extra versions")
}

func TestGitHubRolesTrustOnlyTheirEnvironment(t *testing.T) {
	m, outputs := run(t, map[string]string{"githubRepository": "acme/shop"})
	oidc := m.One(t, "aws:iam/openIdConnectProvider:OpenIdConnectProvider")
	assert.Equal(t, "https://token.actions.githubusercontent.com", oidc.String("url"))
	assert.Equal(t, []string{"sts.amazonaws.com"}, oidc.Strings("clientIdLists"))

	subjects := map[string]string{}
	for _, r := range m.ByType(roleType) {
		var doc document
		require.NoError(t, json.Unmarshal([]byte(r.String("assumeRolePolicy")), &doc))
		require.Len(t, doc.Statement, 1)
		cond := doc.Statement[0].Condition["StringEquals"].(map[string]any)
		assert.Equal(t, "sts.amazonaws.com", cond["token.actions.githubusercontent.com:aud"])
		subjects[r.Name] = cond["token.actions.githubusercontent.com:sub"].(string)
	}
	assert.Equal(t, map[string]string{
		"tenk-deploy-dev":  "repo:acme/shop:environment:dev",
		"tenk-deploy-prod": "repo:acme/shop:environment:prod",
		"tenk-preview":     "repo:acme/shop:pull_request",
		"tenk-drift":       "repo:acme/shop:ref:refs/heads/main",
		"tenk-e2e":         "repo:acme/shop:ref:refs/heads/main",
	}, subjects)

	attached := map[string][]string{}
	for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
		attached[a.String("role")] = append(attached[a.String("role")], a.String("policyArn"))
	}
	assert.Contains(t, attached["tenk-deploy-prod"], administratorAccess)
	assert.Contains(t, attached["tenk-e2e"], administratorAccess)
	for _, role := range []string{"tenk-preview", "tenk-drift"} {
		assert.NotContains(t, attached[role], administratorAccess, "%s cannot change the account", role)
		assert.NotContains(t, attached[role], "arn:aws:iam::aws:policy/ReadOnlyAccess", "%s: ReadOnlyAccess reads data (DynamoDB items, S3 objects)", role)
	}
	for role, list := range attached {
		want := 2 // one permissions policy and one state policy
		if role == "tenk-drift" {
			want = 3 // and the values a refresh reads
		}
		assert.Len(t, list, want, "%s: its permissions, state and (drift) refresh-values policies", role)
	}
	roles := await(t, outputs, "deployRoleArns").(map[string]string)
	assert.Len(t, roles, 2)
}

func TestBadConfigDeploysNothing(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  map[string]string
		want string
	}{
		{"aws alias", map[string]string{"secretsAlias": "alias/aws/state"}, "secretsAlias \"alias/aws/state\""},
		{"alias prefix", map[string]string{"secretsAlias": "tenk"}, "starts with alias/"},
		{"days", map[string]string{"noncurrentVersionDays": "0"}, "noncurrentVersionDays is 0"},
		{"kept", map[string]string{"noncurrentVersionsKept": "101"}, "1–100"},
		{"repo", map[string]string{"githubRepository": "https://github.com/acme/shop"}, "owner/name"},
		{"environments", map[string]string{"environments": `["dev","dev"]`}, `environments has "dev"`},
		{"not a number", map[string]string{"noncurrentVersionDays": "ninety"}, "whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			full := map[string]string{"aws:region": "eu-west-1"}
			for k, v := range tc.cfg {
				full[Namespace+":"+k] = v
			}
			m, err := testkit.Run(Run, testkit.RunOptions{Stack: "shared", Config: full})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), "nothing was deployed")
			assert.Empty(t, m.Resources())
		})
	}
	_, err := testkit.Run(Run, testkit.RunOptions{Stack: "shared", Config: map[string]string{}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "aws:region")
}

func TestURLs(t *testing.T) {
	assert.Equal(t, "s3://b?region=us-west-2&awssdk=v2", LoginURL("b", "us-west-2"))
	assert.Equal(t, "awskms://alias/x?region=us-west-2", SecretsProvider("alias/x", "us-west-2"))
}
