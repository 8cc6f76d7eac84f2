package webtier_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/tests"
)

func TestInvalidArgsRegisterNothing(t *testing.T) {
	with := func(change func(a *webtier.MultiAZWebTierArgs)) *webtier.MultiAZWebTierArgs {
		a := prodArgs()
		change(a)
		return a
	}
	cases := []struct {
		name      string
		component string
		args      *webtier.MultiAZWebTierArgs
		want      string
	}{
		{"nil args", "web", nil, "VpcID is required"},
		{"no VPC", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.VpcID = nil }), "VpcID is required"},
		{"one instance subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceSubnetIDs = ids("private", 1) }),
			"InstanceSubnetIDs has 1 subnet(s): give one private subnet in each of at least 2 AZs"},
		{"one ALB subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.LoadBalancerSubnetIDs = ids("public", 1) }),
			"LoadBalancerSubnetIDs has 1 subnet(s): an Application Load Balancer needs subnets in at least 2 AZs"},
		{"internet-facing without ALB subnets", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.LoadBalancerSubnetIDs = nil }),
			"LoadBalancerSubnetIDs has 0 subnet(s)"},
		{"nil subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceSubnetIDs[1] = nil }), "InstanceSubnetIDs contains a nil entry"},
		{"unknown ingress", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Ingress = "public" }), `Ingress is "public"`},
		{"peers on a public ALB", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.AllowedSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-1")}
		}), `AllowedSecurityGroupIDs is only used with Ingress "internal"`},
		{"TLS 1.0 policy", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.SslPolicy = "ELBSecurityPolicy-2016-08" }),
			`SslPolicy is "ELBSecurityPolicy-2016-08": it must refuse TLS 1.0 and 1.1`},
		{"internet-facing without a certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.CertificateArn = nil }),
			`Ingress is "internet" without a certificate: an internet-facing load balancer must serve HTTPS (port 80 only redirects to it)`},
		{"CloudFront prefix list without a certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Ingress, a.CertificateArn = webtier.IngressCloudFront, nil }),
			`Ingress is "cloudfront" without a certificate`},
		{"domain and certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Domain = &webtier.LoadBalancerDomain{Name: "origin.example.com", HostedZoneID: pulumi.String("Z1")}
		}), "Domain and CertificateArn are both set"},
		{"wildcard domain", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.CertificateArn, a.Domain = nil, &webtier.LoadBalancerDomain{Name: "*.example.com", HostedZoneID: pulumi.String("Z1")}
		}), `Domain.Name "*.example.com" is not a fully qualified DNS name`},
		{"domain without zone", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.CertificateArn, a.Domain = nil, &webtier.LoadBalancerDomain{Name: "origin.example.com"}
		}), "Domain.HostedZoneID is unset"},
		{"not a certificate ARN", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.CertificateArn = pulumi.String("example.com") }),
			`CertificateArn "example.com" is not an ACM certificate ARN`},
		{"negative log retention", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogsBucket, a.AccessLogsRetentionDays = nil, -1 }),
			"AccessLogsRetentionDays is -1: keep access logs 1 day or more"},
		{"AWSLogs prefix", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogsPrefix = "x/AWSLogs" }), `contains "AWSLogs"`},
		{"slash prefix", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogsPrefix = "web/" }), `must not start or end with "/"`},
		{"idle timeout", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.IdleTimeoutSeconds = 5000 }), "IdleTimeoutSeconds is 5000: the ALB accepts 1–4000"},
		{"too many ALB groups", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ExtraLoadBalancerSecurityGroupIDs = ids("sg", 5) }),
			"over the limit of 5 per load balancer"},
		{"port", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AppPort = 70000 }), "AppPort is 70000: use a TCP port 1–65535"},
		{"health path", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheckPath = "health" }), `HealthCheckPath "health" must start with "/"`},
		{"matcher", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheckMatcher = "500" }), `HealthCheckMatcher "500": use HTTP codes 200–499`},
		{"interval", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheckIntervalSeconds = 400 }), "HealthCheckIntervalSeconds is 400: use 5–300"},
		{"timeout not shorter than interval", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.HealthCheckIntervalSeconds, a.HealthCheckTimeoutSeconds = 10, 10
		}), "HealthCheckTimeoutSeconds (10) must be shorter than HealthCheckIntervalSeconds (10)"},
		{"healthy threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthyThreshold = 1 }), "HealthyThreshold is 1: use 2–10"},
		{"unhealthy threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.UnhealthyThreshold = 11 }), "UnhealthyThreshold is 11: use 2–10"},
		{"deregistration delay", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.DeregistrationDelaySeconds = pulumi.IntRef(4000) }),
			"DeregistrationDelaySeconds is 4000: use 0–3600"},
		{"stickiness duration", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.StickinessDurationSeconds = 700000 }),
			"StickinessDurationSeconds is 700000: a load-balancer cookie lasts 1–604800 seconds"},
		{"instance type", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceType = "large" }), `InstanceType "large" is not an EC2 instance type`},
		{"Graviton with an x86 image", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstanceType = "t4g.small"
			a.ImageID = pulumi.String(webtier.DefaultImageID(webtier.ArchX86))
		}), `InstanceType "t4g.small" is arm64 but the image is x86_64`},
		{"x86 with a declared arm64 AMI", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstanceType, a.ImageID, a.ImageArchitecture = "c7i.large", pulumi.String("ami-0123456789abcdef0"), webtier.ArchArm64
		}), `InstanceType "c7i.large" is x86_64 but the image is arm64`},
		{"unknown architecture", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ImageArchitecture = "sparc" }), `ImageArchitecture is "sparc"`},
		{"root volume", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.RootVolumeSizeGiB = 4 }), "RootVolumeSizeGiB is 4: use 8–16384"},
		{"policy key", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstancePolicyArns = map[string]pulumi.StringInput{"Read Secrets": pulumi.String("arn:aws:iam::aws:policy/x")}
		}), `InstancePolicyArns key "Read Secrets"`},
		{"too many instance groups", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ExtraInstanceSecurityGroupIDs = ids("sg", 5) }),
			"over the limit of 5 per network interface"},
		{"max below min", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.MinSize, a.MaxSize = pulumi.IntRef(4), 2 }),
			"MaxSize is 2: it must be at least 1 and at least MinSize (4)"},
		{"desired above max", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.MaxSize, a.DesiredCapacity = 4, pulumi.IntRef(5) }),
			"DesiredCapacity is 5: it must lie between MinSize (3) and MaxSize (4)"},
		{"negative min", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.MinSize = pulumi.IntRef(-1) }), "MinSize is -1"},
		{"grace period", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheckGracePeriodSeconds = -5 }), "HealthCheckGracePeriodSeconds is -5"},
		{"min healthy", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceRefreshMinHealthyPercentage = pulumi.IntRef(120) }),
			"InstanceRefreshMinHealthyPercentage is 120: use 0–100"},
		{"CPU target", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ScalingTarget = 150 }), "ScalingTarget is 150: CPU utilisation is a percentage"},
		{"scaling metric", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ScalingMetric = "Memory" }), `ScalingMetric is "Memory"`},
		{"request target", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.ScalingMetric, a.ScalingTarget = webtier.ScaleOnRequestCount, -1
		}), "ScalingTarget is -1: requests per target must be positive"},
		{"alarm threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AlarmThresholds.ErrorsPerMinute = -1 }), "AlarmThresholds.ErrorsPerMinute is -1"},
		{"latency threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AlarmThresholds.P99LatencySeconds = -1 }), "AlarmThresholds.P99LatencySeconds is -1"},
		{"underscore in name", "web_tier", prodArgs(), `name "web_tier": load balancer and target group names allow only letters, digits and inner hyphens`},
		{"internal- name", "internal-web", prodArgs(), `may not start with "internal-"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := tests.Run(func(ctx *pulumi.Context) error {
				_, err := webtier.NewMultiAZWebTier(ctx, tc.component, tc.args)
				return err
			}, tests.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), `webtier "`+tc.component+`"`)
			assert.Empty(t, m.Resources(), "a rejected web tier registers nothing")
			assert.Empty(t, m.Invokes(), "a rejected web tier looks nothing up")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	err := webtier.MultiAZWebTierArgs{AppPort: -1, InstanceType: "x"}.Validate()
	require.Error(t, err)
	for _, want := range []string{"VpcID is required", "InstanceSubnetIDs has 0", "LoadBalancerSubnetIDs has 0",
		"AppPort is -1", `InstanceType "x"`} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "AccessLogsBucket", "access logs without a bucket get a created bucket, not an error")
}

func TestDefaultsAndBothPresetsValidate(t *testing.T) {
	require.NoError(t, prodArgs().Validate())
	require.NoError(t, devArgs().Validate())
	ownBucket := prodArgs()
	ownBucket.AccessLogsBucket = nil
	require.NoError(t, ownBucket.Validate(), "access logs on without AccessLogsBucket: the component creates the bucket")
	internal := devArgs()
	internal.Ingress, internal.LoadBalancerSubnetIDs = webtier.IngressInternal, nil
	require.NoError(t, internal.Validate(), "an internal ALB defaults to the instance subnets")
	arm := devArgs()
	arm.ImageID = pulumi.String(webtier.DefaultImageID(webtier.ArchArm64))
	require.NoError(t, arm.Validate(), "a matching image passes")
	unknown := devArgs()
	unknown.ImageID = pulumi.String("ami-0123456789abcdef0")
	require.NoError(t, unknown.Validate(), "an AMI of unknown architecture is not guessed at")
}
