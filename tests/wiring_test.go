package tests_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/testkit"
)

// webRole returns the name of the role the web instances run with (their instance profile's).
func webRole(t *testing.T, m *testkit.Mocks) string {
	t.Helper()
	role := m.One(t, "aws:iam/instanceProfile:InstanceProfile").String("role")
	require.NotEmpty(t, role)
	return role
}

func TestWebRoleGetsSessionsAndSecretAccess(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		attached := map[string][]string{} // policy resource → roles
		for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
			attached[a.ParentType()] = append(attached[a.ParentType()], a.String("role"))
		}
		role := webRole(t, m)
		assert.Contains(t, attached["tenk:sessions:SessionTable"], role, "the session policy is attached to the web role")
		assert.Contains(t, attached["tenk:app:AppConfig"], role, "the settings policy is attached to the web role")
		granted, err := testkit.RoleStatements(m, role)
		require.NoError(t, err)
		mayRead := func(secret string) bool {
			for _, s := range granted {
				if s.Allows("secretsmanager:GetSecretValue", secret) {
					return true
				}
			}
			return false
		}
		// The ARN the application is told (SSM DB_SECRET_ARN) must be one the role may read: the
		// generated secret with replicas, RDS's managed secret without.
		dbSecret := ""
		for _, p := range m.ByType("aws:ssm/parameter:Parameter") {
			if strings.HasSuffix(p.String("name"), "/DB_SECRET_ARN") {
				dbSecret = p.String("value")
			}
		}
		require.NotEmpty(t, dbSecret)
		if generated, ok := m.Named("aws:secretsmanager/secret:Secret", "tenk-db-credentials"); ok {
			assert.Equal(t, "arn:aws:secretsmanager:us-east-1:123456789012:"+generated.Name, dbSecret)
		} else {
			assert.Contains(t, dbSecret, "secret:rds!db-", "RDS-managed master secret")
		}
		cacheSecret, ok := m.Named("aws:secretsmanager/secret:Secret", "tenk-cache-auth")
		require.True(t, ok)
		assert.True(t, mayRead(dbSecret), "the web role reads the database credentials")
		assert.True(t, mayRead("arn:aws:secretsmanager:us-east-1:123456789012:"+cacheSecret.Name), "the web role reads the cache AUTH token")
		assert.False(t, mayRead("arn:aws:secretsmanager:us-east-1:123456789012:some-other-secret"), "and no other secret")
	})
}

func TestNoSecretsInUserDataOrSettings(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		lt := m.One(t, "aws:ec2/launchTemplate:LaunchTemplate")
		script, err := webtier.DecodeUserData(lt.String("userData"))
		require.NoError(t, err)
		stack := map[bool]string{true: "prod", false: "dev"}[len(m.ByType("aws:rds/instance:Instance")) > 1]
		assert.Contains(t, script, "get-parameters-by-path", "instances read their settings at boot")
		assert.Contains(t, script, "/tenk/"+stack+"/")
		assert.Contains(t, script, "tenk-web.service", "and then start the web server")

		var secrets []string
		for _, p := range m.ByType("random:index/randomPassword:RandomPassword") {
			if v, ok := p.Get("result"); ok {
				secrets = append(secrets, v.(string))
			}
		}
		for _, s := range m.ByType("aws:secretsmanager/secretVersion:SecretVersion") {
			secrets = append(secrets, s.String("secretString"))
		}
		params := m.ByType("aws:ssm/parameter:Parameter")
		require.NotEmpty(t, params)
		keys := map[string]bool{}
		for _, p := range params {
			assert.Equal(t, "String", p.String("type"), p.Name)
			keys[strings.TrimPrefix(p.String("name"), "/tenk/"+stack+"/")] = true
			for _, secret := range secrets {
				if secret != "" {
					assert.NotContains(t, p.String("value"), secret, "%s holds a secret", p.Name)
					assert.NotContains(t, script, secret, "user data holds a secret")
				}
			}
		}
		for _, k := range []string{"DB_HOST", "DB_PORT", "DB_NAME", "DB_SECRET_ARN", "CACHE_HOST", "CACHE_PORT", "CACHE_AUTH_SECRET_ARN", "SESSION_TABLE", "ASSETS_BUCKET", "SITE_URL"} {
			assert.True(t, keys[k], "setting %s", k)
		}
		assert.Equal(t, stack == "prod", keys["DB_READER_HOSTS"], "reader hosts exist only with replicas")
	})
}

func TestCloudFrontFrontsTheWebTierAndTheBucket(t *testing.T) {
	eachStack(t, func(t *testing.T, m *testkit.Mocks) {
		d := m.One(t, "aws:cloudfront/distribution:Distribution")
		origins, _ := d.Get("origins")
		list, _ := origins.([]any)
		require.Len(t, list, 2, "the load balancer and the bucket")
		var albOrigin, bucketOrigin map[string]any
		for _, o := range list {
			origin := o.(map[string]any)
			if _, ok := origin["vpcOriginConfig"]; ok {
				albOrigin = origin
			} else {
				bucketOrigin = origin
			}
		}
		require.NotNil(t, albOrigin, "the load balancer is reached through a VPC origin")
		require.NotNil(t, bucketOrigin)
		assert.Contains(t, albOrigin["domainName"], "tenk-web-alb", "the default origin is the web tier's load balancer")
		assert.NotContains(t, albOrigin, "customOriginConfig", "never over the internet")
		vpcOrigin := m.One(t, "aws:cloudfront/vpcOrigin:VpcOrigin")
		assert.Equal(t, vpcOrigin.Name+"-id", albOrigin["vpcOriginConfig"].(map[string]any)["vpcOriginId"])
		lb := m.One(t, "aws:lb/loadBalancer:LoadBalancer")
		assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:"+lb.Name, vpcOrigin.String("vpcOriginEndpointConfig.arn"), "the VPC origin fronts the web tier's ALB")
		assert.NotEmpty(t, bucketOrigin["originAccessControlId"], "the bucket is reached through OAC")
		assert.Equal(t, albOrigin["originId"], d.String("defaultCacheBehavior.targetOriginId"))
		assert.Equal(t, "/static/*", d.String("orderedCacheBehaviors.0.pathPattern"))
		assert.Equal(t, bucketOrigin["originId"], d.String("orderedCacheBehaviors.0.targetOriginId"))

		assert.True(t, lb.Bool("internal"), "no public address: CloudFront reaches it from inside the VPC")
	})
}
