package sessions

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testTableArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/sessions-abc"

type parsedStatement struct {
	Sid       string
	Effect    string
	Action    []string
	Resource  []string
	Condition map[string]map[string]string
}

func parse(t *testing.T, doc string) []parsedStatement {
	t.Helper()
	var p struct {
		Version   string
		Statement []parsedStatement
	}
	require.NoError(t, json.Unmarshal([]byte(doc), &p))
	assert.Equal(t, "2012-10-17", p.Version)
	return p.Statement
}

func TestPolicyJSONAllowsOnlyItemActionsOnTheTable(t *testing.T) {
	doc, err := policyJSON(testTableArn, "")
	require.NoError(t, err)
	statements := parse(t, doc)
	require.Len(t, statements, 1, "no KMS statement for the AWS-managed key")
	s := statements[0]
	assert.Equal(t, "Allow", s.Effect)
	assert.ElementsMatch(t, []string{
		"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem",
	}, s.Action)
	assert.Equal(t, []string{testTableArn}, s.Resource, "the table itself, no index ARNs")
	for _, a := range s.Action {
		assert.NotContains(t, a, "*", "no wildcard action")
		for _, banned := range []string{"dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:DeleteTable"} {
			assert.NotEqual(t, banned, a)
		}
	}
	assert.Empty(t, s.Condition)
}

func TestPolicyJSONWithCustomerKey(t *testing.T) {
	key := "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	doc, err := policyJSON(testTableArn, key)
	require.NoError(t, err)
	statements := parse(t, doc)
	require.Len(t, statements, 2)
	assert.Equal(t, []string{testTableArn}, statements[0].Resource)
	k := statements[1]
	assert.Equal(t, "Allow", k.Effect)
	assert.Equal(t, []string{key}, k.Resource, "only the table's key")
	assert.ElementsMatch(t, []string{"kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey"}, k.Action)
	assert.Equal(t, "dynamodb.*.amazonaws.com", k.Condition["StringLike"]["kms:ViaService"], "the key is usable only through DynamoDB")
	for _, a := range k.Action {
		assert.False(t, strings.HasSuffix(a, "*"), "no wildcard action: %s", a)
	}
}

func TestPolicyJSONRefusesAWildcardTable(t *testing.T) {
	for _, arn := range []string{"", "*"} {
		_, err := policyJSON(arn, "")
		assert.Error(t, err, "%q", arn)
	}
}

func TestPolicyJSONIsDeterministic(t *testing.T) {
	a, err := policyJSON(testTableArn, "")
	require.NoError(t, err)
	b, err := policyJSON(testTableArn, "")
	require.NoError(t, err)
	assert.Equal(t, a, b, "a stable document keeps `pulumi preview` free of spurious diffs")
}
