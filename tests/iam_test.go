package tests_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/testkit"
)

func TestGlobMatch(t *testing.T) {
	for _, tc := range []struct {
		pattern, value string
		want           bool
	}{
		{"*", "anything/at/all", true},
		{"arn:aws:ssm:*:*:parameter/tenk/prod/*", "arn:aws:ssm:us-east-1:1:parameter/tenk/prod/DB_HOST", true},
		{"arn:aws:ssm:*:*:parameter/tenk/prod/*", "arn:aws:ssm:us-east-1:1:parameter/tenk/prod", false},
		{"arn:aws:ssm:r:a:parameter/tenk/prod", "arn:aws:ssm:r:a:parameter/tenk/prod/", false},
		{"ssm:get?arameter", "ssm:getparameter", true},
		{"ssm:Get*", "ssm:GetParametersByPath", true},
		{"a*b*c", "abbbc", true},
		{"a*b*c", "acb", false},
		{"", "", true},
	} {
		assert.Equal(t, tc.want, testkit.GlobMatch(tc.pattern, tc.value), "%q ~ %q", tc.pattern, tc.value)
	}
}

func TestStatementAllows(t *testing.T) {
	list, err := testkit.ParsePolicy(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["SSM:GetParameter*"],"Resource":"arn:aws:ssm:r:a:parameter/x/*"}}`)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.True(t, list[0].Allows("ssm:GetParametersByPath", "arn:aws:ssm:r:a:parameter/x/y"), "actions match case-insensitively")
	assert.False(t, list[0].Allows("ssm:GetParameter", "arn:aws:ssm:r:a:parameter/X/y"), "resources match case-sensitively")
	assert.False(t, list[0].Denies("ssm:GetParameter", "arn:aws:ssm:r:a:parameter/x/y"))
	notAction := testkit.PolicyStatement{Effect: "Deny", NotAction: "ssm:GetParameter", Resource: "*"}
	assert.True(t, notAction.Denies("ssm:GetParameters", "x"))
	assert.False(t, notAction.Denies("ssm:GetParameter", "x"))
}
