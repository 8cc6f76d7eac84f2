package appconfig_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

type statement struct {
	Sid      string
	Effect   string
	Action   any
	Resource any
}

func TestParametersAndReadPolicy(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := appconfig.NewAppConfig(ctx, "app", &appconfig.AppConfigArgs{
			Prefix: "/tenk/prod/",
			Settings: map[string]pulumi.StringInput{
				"dbHost":    pulumi.String("db.internal"),
				"tableName": pulumi.String("sessions"),
			},
			Roles: []pulumi.StringInput{pulumi.String("web-role")},
		})
		return err
	}, testkit.RunOptions{})

	params := m.ByType("aws:ssm/parameter:Parameter")
	require.Len(t, params, 3, "two settings and the ready marker")
	assert.Equal(t, "/tenk/prod/dbHost", params[0].String("name"))
	assert.Equal(t, "String", params[0].String("type"), "settings are not secrets")
	assert.Equal(t, "db.internal", params[0].String("value"))

	policies := m.ByType("aws:iam/policy:Policy")
	require.Len(t, policies, 1)
	var doc struct{ Statement []statement }
	require.NoError(t, json.Unmarshal([]byte(policies[0].String("policy")), &doc))
	require.Len(t, doc.Statement, 2, "the settings only: secrets are granted by the tiers that own them")
	bySid := map[string]statement{}
	for _, s := range doc.Statement {
		bySid[s.Sid] = s
		assert.Equal(t, "Allow", s.Effect)
		assert.NotEqual(t, "*", s.Resource, "every statement names its resources")
	}
	assert.Equal(t, []any{"arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod/*"}, bySid["ReadSettings"].Resource,
		"every parameter under the prefix (the settings and the marker), nothing else")
	assert.Equal(t, []any{"arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod", "arn:aws:ssm:us-east-1:123456789012:parameter/tenk/prod/"},
		bySid["ReadSettingsByPath"].Resource, "the path in both forms a caller may pass, not every parameter in the account")
	assert.Equal(t, "ssm:GetParametersByPath", bySid["ReadSettingsByPath"].Action)

	attachments := m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")
	require.Len(t, attachments, 1)
	assert.Equal(t, "web-role", attachments[0].String("role"))
	assert.Len(t, m.Children(t, appconfig.Token), 5)
}

func TestReadyMarkerIsWrittenLast(t *testing.T) {
	var extra *testkit.Resource
	m, c := testkit.Build(t, func(ctx *pulumi.Context) (*appconfig.AppConfig, error) {
		other, err := iam.NewRolePolicyAttachment(ctx, "sessions-grant", &iam.RolePolicyAttachmentArgs{
			Role: pulumi.String("web-role"), PolicyArn: pulumi.String("arn:aws:iam::123456789012:policy/sessions"),
		})
		if err != nil {
			return nil, err
		}
		return appconfig.NewAppConfig(ctx, "app", &appconfig.AppConfigArgs{
			Prefix: "/tenk/prod/",
			Settings: map[string]pulumi.StringInput{
				"DB_HOST": pulumi.String("db.internal"),
				"DB_PORT": pulumi.String("5432"),
			},
			Roles:      []pulumi.StringInput{pulumi.String("web-role"), pulumi.String("worker-role")},
			ReadyAfter: []pulumi.Resource{other},
		})
	})
	if r, ok := m.Named("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "sessions-grant"); ok {
		extra = &r
	}
	require.NotNil(t, extra)
	marker, ok := m.Named("aws:ssm/parameter:Parameter", "app-ready")
	require.True(t, ok)
	assert.Equal(t, "/tenk/prod/"+appconfig.ReadyKey, marker.String("name"))
	assert.Equal(t, "/tenk/prod/SETTINGS_VERSION", c.ReadyParameterName)
	assert.Equal(t, "String", marker.String("type"))
	version := appconfig.SettingsVersion(map[string]string{"DB_HOST": "db.internal", "DB_PORT": "5432"})
	assert.Equal(t, version, marker.String("value"))
	assert.Equal(t, version, testkit.Await(t, c.Version))

	var before []string
	for _, r := range m.Resources() {
		switch {
		case r.Type == "aws:ssm/parameter:Parameter" && r.Name != "app-ready",
			r.Type == "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
			before = append(before, r.URN)
		}
	}
	require.Len(t, before, 5, "two settings, two role attachments, one ReadyAfter")
	for _, urn := range before {
		assert.Contains(t, marker.Dependencies, urn, "the marker waits for %s", urn)
	}
}

func TestSettingsVersion(t *testing.T) {
	a := appconfig.SettingsVersion(map[string]string{"B": "2", "A": "1"})
	sum := sha256.Sum256([]byte("A=1\nB=2\n"))
	assert.Equal(t, hex.EncodeToString(sum[:]), a, "KEY=VALUE lines in key order, as the boot agent hashes them")
	assert.Equal(t, a, appconfig.SettingsVersion(map[string]string{"A": "1", "B": "2"}), "independent of map order")
	assert.NotEqual(t, a, appconfig.SettingsVersion(map[string]string{"A": "1", "B": "3"}), "a changed value changes the version")
	assert.NotEqual(t, a, appconfig.SettingsVersion(map[string]string{"A": "1", "B": "2", "C": "x"}), "an added key changes the version")
}

func TestReadResources(t *testing.T) {
	byPath, params := appconfig.ReadResources("arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter", "/shop/prod/")
	assert.Equal(t, []string{"arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/shop/prod", "arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/shop/prod/"}, byPath)
	assert.Equal(t, []string{"arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/shop/prod/*"}, params)
}

func TestBadArgsRegisterNothing(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		args       appconfig.AppConfigArgs
	}{
		{"Prefix", `is "tenk"`, appconfig.AppConfigArgs{Prefix: "tenk", Settings: map[string]pulumi.StringInput{"a": pulumi.String("b")}}},
		{"Prefix", `is "/aws/x/"`, appconfig.AppConfigArgs{Prefix: "/aws/x/", Settings: map[string]pulumi.StringInput{"a": pulumi.String("b")}}},
		{`Settings["db host"]`, "is not a parameter name", appconfig.AppConfigArgs{Prefix: "/x/", Settings: map[string]pulumi.StringInput{"db host": pulumi.String("b")}}},
		{"Settings", "is empty", appconfig.AppConfigArgs{Prefix: "/x/", Roles: []pulumi.StringInput{pulumi.String("web-role")}}},
		{`Settings["SETTINGS_VERSION"]`, "names the ready marker", appconfig.AppConfigArgs{Prefix: "/x/", Settings: map[string]pulumi.StringInput{"SETTINGS_VERSION": pulumi.String("b")}}},
	} {
		t.Run(tc.path+" "+tc.want, func(t *testing.T) {
			a := tc.args
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := appconfig.NewAppConfig(ctx, "app", &a)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Equal(t, []string{tc.path}, fielderr.Paths(err))
			assert.Contains(t, err.Error(), tc.path+" "+tc.want)
			assert.Empty(t, m.Resources())
		})
	}
}
