package webtier_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
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
		path      string // the field the problem is reported on
	}{
		{"nil args", "web", nil, "VpcID"},
		{"no VPC", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.VpcID = nil }), "VpcID"},
		{"one instance subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceSubnetIDs = ids("private", 1) }),
			"InstanceSubnetIDs"},
		{"one ALB subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.LoadBalancerSubnetIDs = ids("public", 1) }),
			"LoadBalancerSubnetIDs"},
		{"internet-facing without ALB subnets", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.LoadBalancerSubnetIDs = nil }),
			"LoadBalancerSubnetIDs"},
		{"nil subnet", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceSubnetIDs[1] = nil }), "InstanceSubnetIDs[1]"},
		{"unknown ingress", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Ingress = "public" }), "Ingress"},
		{"peers on a public ALB", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.AllowedSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-1")}
		}), "AllowedSecurityGroupIDs"},
		{"TLS 1.0 policy", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.SslPolicy = "ELBSecurityPolicy-2016-08" }),
			"SslPolicy"},
		{"internet-facing without a certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.CertificateArn = nil }),
			"Ingress"},
		{"CloudFront prefix list without a certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Ingress, a.CertificateArn = webtier.IngressCloudFront, nil }),
			"Ingress"},
		{"domain and certificate", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Domain = &webtier.LoadBalancerDomain{Name: "origin.example.com", HostedZoneID: pulumi.String("Z1")}
		}), "Domain"},
		{"wildcard domain", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.CertificateArn, a.Domain = nil, &webtier.LoadBalancerDomain{Name: "*.example.com", HostedZoneID: pulumi.String("Z1")}
		}), "Domain.Name"},
		{"domain without zone", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.CertificateArn, a.Domain = nil, &webtier.LoadBalancerDomain{Name: "origin.example.com"}
		}), "Domain.HostedZoneID"},
		{"not a certificate ARN", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.CertificateArn = pulumi.String("example.com") }),
			"CertificateArn"},
		{"negative log retention", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogs.Bucket, a.AccessLogs.RetentionDays = nil, -1 }),
			"AccessLogs.RetentionDays"},
		{"AWSLogs prefix", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogs.Prefix = "x/AWSLogs" }), "AccessLogs.Prefix"},
		{"slash prefix", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AccessLogs.Prefix = "web/" }), "AccessLogs.Prefix"},
		{"idle timeout", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.IdleTimeoutSeconds = 5000 }), "IdleTimeoutSeconds"},
		{"too many ALB groups", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ExtraLoadBalancerSecurityGroupIDs = ids("sg", 5) }),
			"ExtraLoadBalancerSecurityGroupIDs"},
		{"port", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AppPort = 70000 }), "AppPort"},
		{"health path", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.Path = "health" }), "HealthCheck.Path"},
		{"matcher", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.Matcher = "500" }), "HealthCheck.Matcher"},
		{"interval", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.IntervalSeconds = 400 }), "HealthCheck.IntervalSeconds"},
		{"timeout not shorter than interval", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.HealthCheck.IntervalSeconds, a.HealthCheck.TimeoutSeconds = 10, 10
		}), "HealthCheck.TimeoutSeconds"},
		{"healthy threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.HealthyThreshold = 1 }), "HealthCheck.HealthyThreshold"},
		{"unhealthy threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.UnhealthyThreshold = 11 }), "HealthCheck.UnhealthyThreshold"},
		{"deregistration delay", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.DeregistrationDelaySeconds = pulumi.IntRef(4000) }),
			"DeregistrationDelaySeconds"},
		{"stickiness duration", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.StickinessDurationSeconds = 700000 }),
			"StickinessDurationSeconds"},
		{"instance type", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.InstanceType = "large" }), "InstanceType"},
		{"Graviton with an x86 image", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstanceType = "t4g.small"
			a.ImageID = pulumi.String(webtier.DefaultImageID(webtier.ArchX86))
		}), "InstanceType"},
		{"x86 with a declared arm64 AMI", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstanceType, a.ImageID, a.ImageArchitecture = "c7i.large", pulumi.String("ami-0123456789abcdef0"), webtier.ArchArm64
		}), "InstanceType"},
		{"unknown architecture", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ImageArchitecture = "sparc" }), "ImageArchitecture"},
		{"root volume", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.RootVolumeSizeGiB = 4 }), "RootVolumeSizeGiB"},
		{"policy key", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.InstancePolicyArns = map[string]pulumi.StringInput{"Read Secrets": pulumi.String("arn:aws:iam::aws:policy/x")}
		}), "InstancePolicyArns[\"Read Secrets\"]"},
		{"too many instance groups", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.ExtraInstanceSecurityGroupIDs = ids("sg", 5) }),
			"ExtraInstanceSecurityGroupIDs"},
		{"max below min", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Scaling.MinSize, a.Scaling.MaxSize = pulumi.IntRef(4), 2 }),
			"Scaling.MaxSize"},
		{"desired above max", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Scaling.MaxSize, a.Scaling.DesiredCapacity = 4, pulumi.IntRef(5)
		}),
			"Scaling.DesiredCapacity"},
		{"negative min", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Scaling.MinSize = pulumi.IntRef(-1) }), "Scaling.MinSize"},
		{"grace period", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.GracePeriodSeconds = -5 }), "HealthCheck.GracePeriodSeconds"},
		{"min healthy", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Rollout.MinHealthyPercentage = pulumi.IntRef(120) }),
			"Rollout.MinHealthyPercentage"},
		{"healthy spread", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Rollout.MinHealthyPercentage, a.Rollout.MaxHealthyPercentage = pulumi.IntRef(50), 200
		}), "Rollout.MaxHealthyPercentage"},
		{"checkpoints", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Rollout.CheckpointPercentages = []int{50, 90} }),
			"Rollout.CheckpointPercentages"},
		{"bake", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Rollout.BakeSeconds = pulumi.IntRef(200000) }), "Rollout.BakeSeconds"},
		{"image and script", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application = webtier.Application{Image: &webtier.ContainerImage{Reference: pulumi.String(digestRef)}, Script: pulumi.String("true")}
		}), "Application.Script"},
		{"no reference", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Application.Image = &webtier.ContainerImage{} }),
			"Application.Image.Reference"},
		{"tag outside ECR", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String("ghcr.io/acme/shop:v1")}
		}), "Application.Image.Reference"},
		{"not a reference", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String("Shop App")}
		}), "Application.Image.Reference"},
		{"reserved variable", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String(digestRef), Environment: map[string]string{"APP_PORT": "80"}}
		}), `Application.Image.Environment["APP_PORT"]`},
		{"variable name", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String(digestRef), Environment: map[string]string{"1X": "a"}}
		}), `Application.Image.Environment["1X"]`},
		{"multi-line value", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String(digestRef), Environment: map[string]string{"X": "a\nb"}}
		}), `Application.Image.Environment["X"]`},
		{"log retention", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String(digestRef), LogRetentionDays: 10}
		}), "Application.Image.LogRetentionDays"},
		{"settings path", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Settings = &webtier.Settings{Path: "/tenk/prod", Marker: "/tenk/prod/X"}
		}),
			"Settings.Path"},
		{"oversized environment", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Application.Image = &webtier.ContainerImage{Reference: pulumi.String(digestRef), Environment: randomEnvironment(20000)}
		}), "Application.Image.Environment"},
		{"CPU target", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Scaling.Target = 150 }), "Scaling.Target"},
		{"scaling metric", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.Scaling.Metric = "Memory" }), "Scaling.Metric"},
		{"request target", "web", with(func(a *webtier.MultiAZWebTierArgs) {
			a.Scaling.Metric, a.Scaling.Target = webtier.ScaleOnRequestCount, -1
		}), "Scaling.Target"},
		{"alarm threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AlarmThresholds.ErrorsPerMinute = -1 }), "AlarmThresholds.ErrorsPerMinute"},
		{"latency threshold", "web", with(func(a *webtier.MultiAZWebTierArgs) { a.AlarmThresholds.P99LatencySeconds = -1 }), "AlarmThresholds.P99LatencySeconds"},
		{"underscore in name", "web_tier", prodArgs(), ""},
		{"internal- name", "internal-web", prodArgs(), ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := webtier.NewMultiAZWebTier(ctx, tc.component, tc.args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			if tc.path != "" {
				assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			} else {
				assert.Contains(t, err.Error(), `name "`+tc.component+`"`, "the component name is the problem")
			}
			assert.Contains(t, err.Error(), `webtier "`+tc.component+`"`)
			assert.Empty(t, m.Resources(), "a rejected web tier registers nothing")
			assert.Empty(t, m.Invokes(), "a rejected web tier looks nothing up")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	err := webtier.MultiAZWebTierArgs{AppPort: -1, InstanceType: "x"}.Validate()
	require.Error(t, err)
	assert.Equal(t, []string{"AppPort", "InstanceSubnetIDs", "InstanceType", "LoadBalancerSubnetIDs", "VpcID"}, fielderr.Paths(err),
		"every problem, sorted by path; access logs without a bucket get a created bucket, not an error")
	assert.Contains(t, err.Error(), "VpcID is required: pass the VPC", "a problem reads as the field, the limit and the fix")
}

func TestDefaultsAndBothPresetsValidate(t *testing.T) {
	require.NoError(t, prodArgs().Validate())
	require.NoError(t, devArgs().Validate())
	ownBucket := prodArgs()
	ownBucket.AccessLogs.Bucket = nil
	require.NoError(t, ownBucket.Validate(), "access logs on without AccessLogs.Bucket: the component creates the bucket")
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

// digestRef is an ECR image pinned by digest.
const digestRef = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

// randomEnvironment is about n bytes of variables that do not compress (gzip cannot shrink them
// below EC2's limit).
func randomEnvironment(n int) map[string]string {
	env := map[string]string{}
	seed := uint64(1)
	for i := 0; n > 0; i++ {
		var v []byte
		for range 64 {
			seed = seed*6364136223846793005 + 1442695040888963407
			v = append(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[(seed>>32)%62])
		}
		env[fmt.Sprintf("VAR_%d", i)] = string(v)
		n -= len(v) + 10
	}
	return env
}
