package iampolicy_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/internal/iampolicy"
)

func TestAssumeRoleHasNoSidOrResource(t *testing.T) {
	text, err := iampolicy.AssumeRole("ec2.amazonaws.com").JSON()
	require.NoError(t, err)
	assert.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, text)
}

func TestReadSecrets(t *testing.T) {
	text, err := iampolicy.New(iampolicy.ReadSecrets("ReadSecrets", "arn:a", "arn:b")).JSON()
	require.NoError(t, err)
	assert.Equal(t, `{"Version":"2012-10-17","Statement":[{"Sid":"ReadSecrets","Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:a","arn:b"]}]}`, text)
}

func TestServiceObjectAccessPinsTheServiceToEveryObjectUnderTheCondition(t *testing.T) {
	s := iampolicy.ServiceObjectAccess("AllowDelivery", "delivery.logs.amazonaws.com", "s3:PutObject", "arn:aws:s3:::logs",
		map[string]map[string]string{"ArnLike": {"aws:SourceArn": "arn:aws:logs:us-east-1:1:delivery-source:d"}})
	assert.Equal(t, iampolicy.Statement{
		Sid:       "AllowDelivery",
		Effect:    "Allow",
		Principal: map[string]string{"Service": "delivery.logs.amazonaws.com"},
		Action:    "s3:PutObject",
		Resource:  "arn:aws:s3:::logs/*",
		Condition: map[string]map[string]string{"ArnLike": {"aws:SourceArn": "arn:aws:logs:us-east-1:1:delivery-source:d"}},
	}, s)
}
