package tests_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/stackconfig"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// stackConfig loads the repository's real Pulumi.yaml and Pulumi.<stack>.yaml, then applies
// overrides (fully qualified keys, raw values) as `pulumi config set` would.
func stackConfig(t *testing.T, stack string, overrides map[string]string) map[string]string {
	t.Helper()
	cfg, err := stackconfig.Load("..", stack)
	require.NoError(t, err)
	for k, v := range overrides {
		cfg[k] = v
	}
	return cfg
}

func runStack(t *testing.T, stack string, overrides map[string]string) *testkit.Mocks {
	t.Helper()
	return testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, overrides)})
}

func TestStackFilesProduceTheirNetworks(t *testing.T) {
	for _, tc := range []struct {
		stack    string
		azs      int
		nat      string
		flowLogs bool
	}{
		{"dev", 2, "Single", false},
		{"prod", 3, "OnePerAz", true},
	} {
		t.Run(tc.stack, func(t *testing.T) {
			m := runStack(t, tc.stack, nil)
			vpcs := m.ByType("awsx:ec2:Vpc")
			require.Len(t, vpcs, 1)
			assert.Len(t, vpcs[0].Strings("availabilityZoneNames"), tc.azs)
			assert.Equal(t, tc.nat, vpcs[0].String("natGateways.strategy"))
			assert.True(t, vpcs[0].Bool("enableDnsHostnames"))

			endpoints := m.ByType("aws:ec2/vpcEndpoint:VpcEndpoint")
			require.Len(t, endpoints, 2, "S3 and DynamoDB gateway endpoints in every stack")
			for _, e := range endpoints {
				assert.Equal(t, "Gateway", e.String("vpcEndpointType"))
			}
			assert.Equal(t, tc.flowLogs, len(m.ByType("aws:ec2/flowLog:FlowLog")) == 1, "flow logs")
			if tc.flowLogs {
				flowLogs, ok := m.Named("aws:cloudwatch/logGroup:LogGroup", "tenk-flow-logs")
				require.True(t, ok)
				assert.Equal(t, float64(90), flowLogs.Number("retentionInDays"))
			}
			assert.Len(t, m.ByType("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"), 1)
		})
	}
}

func TestStackOverridesApplyOnTopOfTheBaseline(t *testing.T) {
	m := runStack(t, "prod", map[string]string{"tenk:network": `{"availabilityZoneCount": 2, "flowLogRetentionDays": 365}`})
	vpc := m.ByType("awsx:ec2:Vpc")[0]
	assert.Len(t, vpc.Strings("availabilityZoneNames"), 2, "override wins")
	assert.Equal(t, "OnePerAz", vpc.String("natGateways.strategy"), "unset keys keep the prod baseline")
	flowLogs, ok := m.Named("aws:cloudwatch/logGroup:LogGroup", "tenk-flow-logs")
	require.True(t, ok)
	assert.Equal(t, float64(365), flowLogs.Number("retentionInDays"))
}

// TestIdleTimeoutReachesTheLoadBalancer: tenk:web.idleTimeoutSeconds, added as one row (README
// "Adding a setting"), sets the ALB's idle timeout; unset, the component's 60 s stays.
func TestIdleTimeoutReachesTheLoadBalancer(t *testing.T) {
	for want, override := range map[float64]map[string]string{60: nil, 300: {"tenk:web": `{"idleTimeoutSeconds": 300}`}} {
		lb := runStack(t, "prod", override).One(t, "aws:lb/loadBalancer:LoadBalancer")
		assert.Equal(t, want, lb.Number("idleTimeout"), "%v", override)
	}
}

func TestEveryChildIsParentedToAComponent(t *testing.T) {
	for _, stack := range []string{"dev", "prod"} {
		m := runStack(t, stack, nil)
		for _, r := range m.Resources() {
			if strings.HasPrefix(r.Type, "tenk:") {
				assert.Empty(t, r.ParentType(), "components sit at the stack root: %s", r.Name)
				continue
			}
			assert.NotEmpty(t, r.ParentType(), "%s %s has no component parent", r.Type, r.Name)
		}
	}
}

func TestDomainAddsCertificateAliasesAndRecords(t *testing.T) {
	m := runStack(t, "prod", map[string]string{"tenk:domain": "www.example.com", "tenk:hostedZoneId": "Z0123456789"})
	var certs []testkit.Resource // CloudFront's; the web tier's origin certificate is in posture_test.go
	for _, c := range m.ByType("aws:acm/certificate:Certificate") {
		if c.ParentType() == "tenk:cdn:StaticAssetsCdn" {
			certs = append(certs, c)
		}
	}
	require.Len(t, certs, 1)
	assert.Equal(t, "www.example.com", certs[0].String("domainName"))
	assert.Equal(t, "DNS", certs[0].String("validationMethod"))
	// Pulumi.prod.yaml runs in us-east-1, where CloudFront's certificate must be: the default
	// provider (with all of the stack's aws: settings) issues it.
	assert.Empty(t, certs[0].Provider, "the default provider issues the certificate")
	assert.Empty(t, m.ByType("pulumi:providers:aws"), "no explicit provider in a us-east-1 stack")
	assert.Len(t, m.ByType("aws:acm/certificateValidation:CertificateValidation"), 2, "CloudFront's and the origin's")

	// In another region a us-east-1 provider issues it, with the stack's credentials settings.
	eu := runStack(t, "prod", map[string]string{"tenk:domain": "www.example.com", "tenk:hostedZoneId": "Z0123456789",
		"aws:region": "eu-west-1", "aws:profile": "prod-admin", "aws:allowedAccountIds": `["123456789012"]`})
	provider := eu.One(t, "pulumi:providers:aws")
	assert.Equal(t, "us-east-1", provider.String("region"))
	assert.Equal(t, "prod-admin", provider.String("profile"))
	assert.Equal(t, []string{"123456789012"}, provider.Strings("allowedAccountIds"))
	var cdnCert testkit.Resource
	for _, c := range eu.ByType("aws:acm/certificate:Certificate") {
		if c.ParentType() == "tenk:cdn:StaticAssetsCdn" {
			cdnCert = c
		}
	}
	ref := cdnCert.Provider // "<provider URN>::<provider ID>"
	assert.Equal(t, provider.URN, ref[:max(strings.LastIndex(ref, "::"), 0)], "the certificate is issued in us-east-1")

	dist := m.One(t, "aws:cloudfront/distribution:Distribution")
	assert.Equal(t, []string{"www.example.com"}, dist.Strings("aliases"))
	assert.Equal(t, "TLSv1.2_2021", dist.String("viewerCertificate.minimumProtocolVersion"))

	var aliasTypes []string
	for _, r := range m.ByType("aws:route53/record:Record") {
		if r.Has("aliases") && r.ParentType() == "tenk:cdn:StaticAssetsCdn" {
			assert.Equal(t, "Z0123456789", r.String("zoneId"))
			aliasTypes = append(aliasTypes, r.String("type"))
		}
	}
	assert.ElementsMatch(t, []string{"A", "AAAA"}, aliasTypes)

	plain := runStack(t, "prod", nil)
	assert.Empty(t, plain.ByType("aws:acm/certificate:Certificate"), "without a domain, CloudFront's default certificate")
	assert.True(t, plain.One(t, "aws:cloudfront/distribution:Distribution").Bool("viewerCertificate.cloudfrontDefaultCertificate"))
}
