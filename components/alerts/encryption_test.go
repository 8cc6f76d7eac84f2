package alerts_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/alerts"
	"github.com/tenkstack/tenk/components/internal/iampolicy"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	tKey   = "aws:kms/key:Key"
	tTopic = "aws:sns/topic:Topic"
)

// TestTopicUsesItsOwnRotatedKey: the topic is encrypted with a customer-managed key the
// component creates (the AWS-managed aws/sns key cannot admit CloudWatch), rotated yearly.
func TestTopicUsesItsOwnRotatedKey(t *testing.T) {
	m, topic := testkit.Build(t, func(ctx *pulumi.Context) (*alerts.AlarmTopic, error) {
		return alerts.NewAlarmTopic(ctx, "ops", &alerts.AlarmTopicArgs{Tags: map[string]string{"team": "web"}})
	})
	key := m.One(t, tKey)
	assert.Equal(t, "ops-key", key.Name)
	assert.True(t, key.Bool("enableKeyRotation"), "key rotation must be on")
	assert.Equal(t, "SYMMETRIC_DEFAULT", key.String("customerMasterKeySpec"), "SNS supports only symmetric keys")
	assert.Equal(t, float64(30), key.Number("deletionWindowInDays"))
	assert.Equal(t, "web", key.String("tags.team"))

	sns := m.One(t, tTopic)
	keyArn := testkit.Await(t, topic.KeyArn)
	assert.Equal(t, keyArn, sns.String("kmsMasterKeyId"), "the topic must use the component's key, not aws/sns")
	assert.NotContains(t, sns.String("kmsMasterKeyId"), "alias/aws/sns")
	assert.Contains(t, sns.Dependencies, key.URN)
}

// TestKeyPolicyAdmitsOnlyTheAccountAndCloudWatch parses the registered key policy: the account
// administers the key through IAM; CloudWatch, the only publisher, may only generate data keys
// and decrypt, and only for alarms of this account.
func TestKeyPolicyAdmitsOnlyTheAccountAndCloudWatch(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := alerts.NewAlarmTopic(ctx, "ops", nil)
		return err
	}, testkit.RunOptions{})
	var doc iampolicy.Document
	require.NoError(t, json.Unmarshal([]byte(m.One(t, tKey).String("policy")), &doc))
	assertKeyPolicy(t, doc, "aws", providers.MockAccountID)
}

// TestKeyPolicyFollowsThePartition builds the policy for another partition and account.
func TestKeyPolicyFollowsThePartition(t *testing.T) {
	assertKeyPolicy(t, alerts.KeyPolicy("aws-cn", "210987654321"), "aws-cn", "210987654321")
}

func assertKeyPolicy(t *testing.T, doc iampolicy.Document, partition, account string) {
	t.Helper()
	require.Len(t, doc.Statement, 2)
	root, cw := doc.Statement[0], doc.Statement[1]

	assert.Equal(t, "Allow", root.Effect)
	assert.Equal(t, map[string]any{"AWS": "arn:" + partition + ":iam::" + account + ":root"}, principal(t, root.Principal))
	assert.Equal(t, "kms:*", root.Action)
	assert.Empty(t, root.Condition)

	assert.Equal(t, "Allow", cw.Effect)
	assert.Equal(t, map[string]any{"Service": "cloudwatch.amazonaws.com"}, principal(t, cw.Principal))
	assert.ElementsMatch(t, []any{"kms:Decrypt", "kms:GenerateDataKey*"}, actions(cw.Action))
	assert.Equal(t, "*", cw.Resource, "a key policy's resource is the key itself")
	assert.Equal(t, map[string]map[string]string{"StringEquals": {"aws:SourceAccount": account}}, cw.Condition)
}

// principal normalises a principal that went through JSON or was built in Go.
func principal(t *testing.T, p any) map[string]any {
	t.Helper()
	b, err := json.Marshal(p)
	require.NoError(t, err)
	var out map[string]any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

func actions(a any) []any {
	switch v := a.(type) {
	case []any:
		return v
	case []string:
		out := make([]any, len(v))
		for i, s := range v {
			out[i] = s
		}
		return out
	}
	return []any{a}
}
