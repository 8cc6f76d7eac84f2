package appconfig_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/tests"
)

type statement struct {
	Sid      string
	Effect   string
	Action   any
	Resource any
}

func TestParametersAndReadPolicy(t *testing.T) {
	m := tests.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := appconfig.NewAppConfig(ctx, "app", &appconfig.AppConfigArgs{
			Prefix: "/tenk/prod/",
			Settings: map[string]pulumi.StringInput{
				"dbHost":    pulumi.String("db.internal"),
				"tableName": pulumi.String("sessions"),
			},
			SecretArns: []pulumi.StringInput{pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:db")},
			Roles:      []pulumi.StringInput{pulumi.String("web-role")},
		})
		return err
	}, tests.RunOptions{})

	params := m.ByType("aws:ssm/parameter:Parameter")
	require.Len(t, params, 2)
	assert.Equal(t, "/tenk/prod/dbHost", params[0].String("name"))
	assert.Equal(t, "String", params[0].String("type"), "settings are not secrets")
	assert.Equal(t, "db.internal", params[0].String("value"))

	policies := m.ByType("aws:iam/policy:Policy")
	require.Len(t, policies, 1)
	var doc struct{ Statement []statement }
	require.NoError(t, json.Unmarshal([]byte(policies[0].String("policy")), &doc))
	require.Len(t, doc.Statement, 3)
	bySid := map[string]statement{}
	for _, s := range doc.Statement {
		bySid[s.Sid] = s
		assert.Equal(t, "Allow", s.Effect)
		assert.NotEqual(t, "*", s.Resource, "every statement names its resources")
	}
	assert.ElementsMatch(t, []any{"arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod/dbHost", "arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod/tableName"}, bySid["ReadSettings"].Resource)
	assert.Equal(t, "arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod", bySid["ReadSettingsByPath"].Resource, "the path, not every parameter in the account")
	assert.Equal(t, []any{"arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}, bySid["ReadSecrets"].Resource)
	assert.Equal(t, "ssm:GetParametersByPath", bySid["ReadSettingsByPath"].Action)

	attachments := m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
	require.Len(t, attachments, 1)
	assert.Equal(t, "web-role", attachments[0].String("role"))
	assert.Len(t, m.Children(t, appconfig.Token), 4)
}

func TestBadArgsRegisterNothing(t *testing.T) {
	for name, args := range map[string]appconfig.AppConfigArgs{
		`Prefix is "tenk"`:                       {Prefix: "tenk", Settings: map[string]pulumi.StringInput{"a": pulumi.String("b")}},
		`Prefix is "/aws/x/"`:                    {Prefix: "/aws/x/", Settings: map[string]pulumi.StringInput{"a": pulumi.String("b")}},
		`Settings has key "db host"`:             {Prefix: "/x/", Settings: map[string]pulumi.StringInput{"db host": pulumi.String("b")}},
		"Settings and SecretArns are both empty": {Prefix: "/x/"},
	} {
		t.Run(name, func(t *testing.T) {
			a := args
			m, err := tests.Run(func(ctx *pulumi.Context) error {
				_, err := appconfig.NewAppConfig(ctx, "app", &a)
				return err
			}, tests.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), name)
			assert.Empty(t, m.Resources())
		})
	}
}
