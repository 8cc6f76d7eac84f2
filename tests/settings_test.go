package tests_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/appconfig"
	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// ssmParameterArn is the resource IAM authorises an SSM parameter call against: the account's
// parameter ARN prefix followed by the name or path exactly as the caller passes it (SSM user
// guide, "How Parameter Store authorizes parameter retrieval").
func ssmParameterArn(nameOrPath string) string {
	return "arn:aws:ssm:us-east-1:" + providers.MockAccountID + ":parameter" + nameOrPath
}

// bootScript returns the web instances' decoded user data.
func bootScript(t *testing.T, m *testkit.Mocks) string {
	t.Helper()
	script, err := webtier.DecodeUserData(m.One(t, "aws:ec2/launchTemplate:LaunchTemplate").String("userData"))
	require.NoError(t, err)
	return script
}

// effectivelyAllowed evaluates IAM's rule for one identity: allowed by some statement and denied
// by none.
func effectivelyAllowed(statements []testkit.PolicyStatement, action, resource string) bool {
	allowed := false
	for _, s := range statements {
		if s.Denies(action, resource) {
			return false
		}
		allowed = allowed || s.Allows(action, resource)
	}
	return allowed
}

var pathFlag = regexp.MustCompile(`--path[ =]"?(/[^"\s]*)`)

func TestWebRoleMayReadTheExactPathTheBootScriptPasses(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		script := bootScript(t, m)
		paths := pathFlag.FindAllStringSubmatch(script, -1)
		require.NotEmpty(t, paths, "the boot script reads its settings by path")
		statements, err := testkit.RoleStatements(m, webRole(t, m))
		require.NoError(t, err)
		for _, p := range paths {
			path := p[1]
			assert.True(t, effectivelyAllowed(statements, "ssm:GetParametersByPath", ssmParameterArn(path)),
				"the web role may call GetParametersByPath on %q as the boot script passes it", path)
		}
		params := m.ByType("aws:ssm/parameter:Parameter")
		require.NotEmpty(t, params)
		for _, p := range params {
			for _, action := range []string{"ssm:GetParameter", "ssm:GetParameters"} {
				assert.True(t, effectivelyAllowed(statements, action, ssmParameterArn(p.String("name"))), "%s on %s", action, p.String("name"))
			}
		}
	})
}

func TestWebRoleReadsNoParameterOutsideItsStack(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		statements, err := testkit.RoleStatements(m, webRole(t, m))
		require.NoError(t, err)
		stack := map[bool]string{true: "prod", false: "dev"}[len(m.ByType("aws:rds/instance:Instance")) > 1]
		other := map[string]string{"prod": "dev", "dev": "prod"}[stack]
		outside := []string{
			"/tenk/" + other + "/DB_HOST", "/tenk/" + other + "/", "/tenk/" + other,
			"/tenk/" + stack + "-staging/DB_HOST", "/tenk/" + stack + "x", "/tenk/", "/tenk", "/",
			"/payments/prod/API_KEY", "plain-name",
		}
		for _, action := range []string{"ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "ssm:GetParameterHistory"} {
			for _, name := range outside {
				assert.False(t, effectivelyAllowed(statements, action, ssmParameterArn(name)), "the %s web role may %s on %s", stack, action, name)
			}
		}
		// Session Manager keeps working (Session Manager user guide, "Create a custom IAM instance
		// profile for Session Manager").
		for _, action := range []string{"ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
			"ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"} {
			assert.True(t, effectivelyAllowed(statements, action, "*"), action)
		}
	})
}

// closure returns every resource r depends on, directly or through others.
func closure(m *testkit.Mocks, r testkit.Resource) map[string]testkit.Resource {
	byURN := map[string]testkit.Resource{}
	for _, x := range m.Resources() {
		byURN[x.URN] = x
	}
	seen := map[string]testkit.Resource{}
	queue := append([]string{}, r.Dependencies...)
	for len(queue) > 0 {
		urn := queue[0]
		queue = queue[1:]
		if _, ok := seen[urn]; ok {
			continue
		}
		dep := byURN[urn]
		seen[urn] = dep
		queue = append(queue, dep.Dependencies...)
	}
	return seen
}

func TestInstancesWaitForTheReadyMarkerNotTheGroupForTheDataTiers(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			name := appconfig.ReadyParameterName(stacks.SettingsPrefix(stack))
			marker, ok := m.Named("aws:ssm/parameter:Parameter", "tenk-app-ready")
			require.True(t, ok, "AppConfig writes the ready marker")
			assert.Equal(t, name, marker.String("name"))
			script := bootScript(t, m)
			assert.Contains(t, script, "--path "+stacks.SettingsPrefix(stack)+" --marker "+name, "the boot unit waits for that marker")

			// Written after every setting and every grant the web role reads with.
			role := webRole(t, m)
			deps := closure(m, marker)
			settings := 0
			for _, p := range m.ByType("aws:ssm/parameter:Parameter") {
				if p.URN != marker.URN {
					settings++
					assert.Contains(t, marker.Dependencies, p.URN, "the marker waits for %s", p.String("name"))
				}
			}
			assert.Greater(t, settings, 8)
			grants := 0
			for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
				if a.String("role") == role {
					grants++
					assert.Contains(t, marker.Dependencies, a.URN, "the marker waits for the grant %s", a.Name)
				}
			}
			assert.GreaterOrEqual(t, grants, 2, "the settings and the session table grants")
			connect, ok := m.Named("aws:iam/rolePolicy:RolePolicy", "tenk-db-web-connect")
			require.True(t, ok, "IAM database authentication is on: the web role may connect")
			assert.Contains(t, marker.Dependencies, connect.URN, "the marker waits for the database connect grant")
			inline := 0
			for _, p := range m.ByType("aws:iam/rolePolicy:RolePolicy") {
				if p.String("role") == role && p.ParentType() != "tenk:web:MultiAZWebTier" { // the tier's own Session Manager policy is not a data grant
					inline++
					assert.Contains(t, marker.Dependencies, p.URN, "the marker waits for the grant %s", p.Name)
				}
			}
			assert.Equal(t, 3, inline, "database secret, database connect, cache secret")
			for _, typ := range []string{"aws:rds/instance:Instance", "aws:cloudfront/distribution:Distribution"} {
				found := false
				for _, d := range deps {
					found = found || d.Type == typ
				}
				assert.True(t, found, "the settings come after %s", typ)
			}

			// The instances do not: nothing the group or its template depends on waits for the
			// data tiers, the settings or CloudFront.
			for _, typ := range []string{"aws:autoscaling/group:Group", "aws:ec2/launchTemplate:LaunchTemplate"} {
				for _, d := range closure(m, m.One(t, typ)) {
					for _, late := range []string{"aws:ssm/", "aws:rds/", "aws:elasticache/", "aws:cloudfront/", "aws:dynamodb/"} {
						assert.False(t, strings.HasPrefix(d.Type, late), "%s waits for %s %s", typ, d.Type, d.Name)
					}
				}
			}
		})
	}
}
