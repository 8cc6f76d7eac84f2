package testkit

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const trust = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
	"Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},
	"Action":"sts:AssumeRoleWithWebIdentity",
	"Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},
	             "StringLike":{"token.actions.githubusercontent.com:sub":"repo:acme/shop:ref:refs/heads/main"}}}]}`

func TestDecideEvaluatesTrustConditionsAndPrincipal(t *testing.T) {
	st, err := ParsePolicy(trust)
	require.NoError(t, err)
	req := func(sub, provider string) Request {
		return Request{
			Action:    "sts:AssumeRoleWithWebIdentity",
			Principal: map[string]string{"Federated": provider},
			Context: map[string]string{
				"token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
				"token.actions.githubusercontent.com:sub": sub,
			},
		}
	}
	provider := "arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"
	for _, tc := range []struct {
		name string
		r    Request
		want bool
	}{
		{"main", req("repo:acme/shop:ref:refs/heads/main", provider), true},
		{"other branch", req("repo:acme/shop:ref:refs/heads/feature", provider), false},
		{"pull request", req("repo:acme/shop:pull_request", provider), false},
		{"other provider", req("repo:acme/shop:ref:refs/heads/main", "arn:aws:iam::2:oidc-provider/x"), false},
		{"no audience", Request{Action: "sts:AssumeRoleWithWebIdentity", Principal: map[string]string{"Federated": provider},
			Context: map[string]string{"token.actions.githubusercontent.com:sub": "repo:acme/shop:ref:refs/heads/main"}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Decide(st, tc.r)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestDecideExplicitDenyWinsAndUnknownOperatorsFail(t *testing.T) {
	st, err := ParsePolicy(`{"Statement":[
		{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/*"},
		{"Effect":"Deny","Action":["s3:PutObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::b/.pulumi/*"}]}`)
	require.NoError(t, err)
	allowed, err := Decide(st, Request{Action: "s3:PutObject", Resource: "arn:aws:s3:::b/e2e/.pulumi/x"})
	require.NoError(t, err)
	assert.True(t, allowed)
	allowed, err = Decide(st, Request{Action: "s3:putobject", Resource: "arn:aws:s3:::b/.pulumi/stacks/tenk/prod.json"})
	require.NoError(t, err)
	assert.False(t, allowed, "the Deny wins")

	st, err = ParsePolicy(`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`)
	require.NoError(t, err)
	_, err = Decide(st, Request{Action: "s3:GetObject", Resource: "x"})
	assert.ErrorContains(t, err, "IpAddress")
}
