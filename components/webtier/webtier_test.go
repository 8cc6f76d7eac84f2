package webtier_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	lbType       = "aws:lb/loadBalancer:LoadBalancer"
	listenerType = "aws:lb/listener:Listener"
	tgType       = "aws:lb/targetGroup:TargetGroup"
	ltType       = "aws:ec2/launchTemplate:LaunchTemplate"
	asgType      = "aws:autoscaling/group:Group"
	policyType   = "aws:autoscaling/policy:Policy"
	sgType       = "aws:ec2/securityGroup:SecurityGroup"
	ingressType  = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	egressType   = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	roleType     = "aws:iam/role:Role"
	attachType   = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	profileType  = "aws:iam/instanceProfile:InstanceProfile"
	alarmType    = "aws:cloudwatch/metricAlarm:MetricAlarm"

	certArn  = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"
	topicArn = "arn:aws:sns:us-east-1:123456789012:ops"
	tgArn    = "arn:aws:lb:us-east-1:123456789012:web-tg" // monitor.DefaultARN for "web-tg"
)

func ids(prefix string, n int) []pulumi.StringInput {
	out := make([]pulumi.StringInput, n)
	for i := range out {
		out[i] = pulumi.String(fmt.Sprintf("%s-%d", prefix, i))
	}
	return out
}

// prodArgs is an embedder's public production tier without CloudFront: internet-facing, 3 AZs, a
// certificate, access logs, defaults elsewhere.
func prodArgs() *webtier.MultiAZWebTierArgs {
	return &webtier.MultiAZWebTierArgs{
		Ingress:               webtier.IngressInternet,
		VpcID:                 pulumi.String("vpc-1"),
		InstanceSubnetIDs:     ids("private", 3),
		LoadBalancerSubnetIDs: ids("public", 3),
		VpcCidrBlock:          pulumi.String("10.0.0.0/16"),
		CertificateArn:        pulumi.String(certArn),
		AccessLogs:            webtier.AccessLogs{Bucket: pulumi.String("tenk-alb-logs"), Prefix: "web"},
		AlarmTopicArn:         pulumi.String(topicArn),
		InstancePolicyArns:    map[string]pulumi.StringInput{"sessions": pulumi.String("arn:aws:iam::123456789012:policy/sessions")},
		Tags:                  map[string]string{"env": "prod"},
	}
}

// devArgs is a dev tier at the default ingress (an internal ALB in the instance subnets): 2 AZs,
// no certificate, small Graviton, no protection or logs.
func devArgs() *webtier.MultiAZWebTierArgs {
	return &webtier.MultiAZWebTierArgs{
		VpcID:              pulumi.String("vpc-1"),
		InstanceSubnetIDs:  ids("private", 2),
		InstanceType:       "t4g.small",
		Scaling:            webtier.Scaling{MinSize: pulumi.IntRef(1), MaxSize: 2},
		DeletionProtection: pulumi.BoolRef(false),
		AccessLogs:         webtier.AccessLogs{Enabled: pulumi.BoolRef(false)},
		DetailedMonitoring: pulumi.BoolRef(false),
		StickySessions:     true,
	}
}

func build(t *testing.T, args *webtier.MultiAZWebTierArgs) (*testkit.Mocks, *webtier.MultiAZWebTier) {
	t.Helper()
	return testkit.Build(t, func(ctx *pulumi.Context) (*webtier.MultiAZWebTier, error) {
		return webtier.NewMultiAZWebTier(ctx, "web", args)
	})
}

func one(t *testing.T, m *testkit.Mocks, typ, name string) testkit.Resource {
	t.Helper()
	r, ok := m.Named(typ, name)
	require.True(t, ok, "%s %s is registered", typ, name)
	return r
}

func TestProdInputs(t *testing.T) {
	m, w := build(t, prodArgs())

	alb := one(t, m, lbType, "web-alb")
	assert.Equal(t, "application", alb.String("loadBalancerType"))
	assert.False(t, alb.Bool("internal"))
	assert.Equal(t, []string{"public-0", "public-1", "public-2"}, alb.Strings("subnets"))
	assert.Equal(t, []string{"web-alb-sg-id"}, alb.Strings("securityGroups"))
	assert.True(t, alb.Bool("dropInvalidHeaderFields"))
	assert.True(t, alb.Bool("enableHttp2"))
	assert.True(t, alb.Bool("enableDeletionProtection"))
	assert.Equal(t, "defensive", alb.String("desyncMitigationMode"))
	assert.Equal(t, float64(60), alb.Number("idleTimeout"))
	assert.True(t, alb.Bool("accessLogs.enabled"))
	assert.Equal(t, "tenk-alb-logs", alb.String("accessLogs.bucket"))
	assert.Equal(t, "web", alb.String("accessLogs.prefix"))
	assert.Equal(t, "prod", alb.String("tags.env"))
	assert.Empty(t, m.ByType(bucketType), "a caller-given AccessLogs.Bucket: no bucket is created")
	assert.Empty(t, m.ByType(bucketPolicyType))
	assert.Equal(t, "tenk-alb-logs", testkit.Await(t, w.AccessLogsBucketName))

	listeners := m.ByType(listenerType)
	require.Len(t, listeners, 2)
	https := one(t, m, listenerType, "web-https")
	assert.Equal(t, float64(443), https.Number("port"))
	assert.Equal(t, "HTTPS", https.String("protocol"))
	assert.Equal(t, webtier.DefaultSslPolicy, https.String("sslPolicy"))
	assert.Equal(t, certArn, https.String("certificateArn"))
	assert.Equal(t, "forward", https.String("defaultActions.0.type"))
	assert.Equal(t, tgArn, https.String("defaultActions.0.targetGroupArn"))
	redirect := one(t, m, listenerType, "web-http")
	assert.Equal(t, float64(80), redirect.Number("port"))
	assert.Equal(t, "HTTP", redirect.String("protocol"))
	assert.Equal(t, "redirect", redirect.String("defaultActions.0.type"))
	assert.Equal(t, "HTTPS", redirect.String("defaultActions.0.redirect.protocol"))
	assert.Equal(t, "443", redirect.String("defaultActions.0.redirect.port"))
	assert.Equal(t, "HTTP_301", redirect.String("defaultActions.0.redirect.statusCode"))

	tg := one(t, m, tgType, "web-tg")
	assert.Equal(t, "instance", tg.String("targetType"))
	assert.Equal(t, "vpc-1", tg.String("vpcId"))
	assert.Equal(t, float64(8080), tg.Number("port"))
	assert.Equal(t, "HTTP", tg.String("protocol"))
	assert.Equal(t, float64(30), tg.Number("deregistrationDelay"))
	assert.True(t, tg.Bool("healthCheck.enabled"))
	assert.Equal(t, "/health", tg.String("healthCheck.path"))
	assert.Equal(t, "200", tg.String("healthCheck.matcher"))
	assert.Equal(t, "traffic-port", tg.String("healthCheck.port"))
	assert.Equal(t, float64(15), tg.Number("healthCheck.interval"))
	assert.Equal(t, float64(5), tg.Number("healthCheck.timeout"))
	assert.Equal(t, float64(2), tg.Number("healthCheck.healthyThreshold"))
	assert.Equal(t, float64(3), tg.Number("healthCheck.unhealthyThreshold"))
	assert.Equal(t, "lb_cookie", tg.String("stickiness.type"))
	stickiness, set := tg.Get("stickiness.enabled")
	assert.True(t, set, "stickiness is sent even when off, so switching it off takes effect")
	assert.Equal(t, false, stickiness)

	lt := one(t, m, ltType, "web-lt")
	assert.Equal(t, providers.MockAMIs["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"], lt.String("imageId"),
		"m7g.large is Graviton; the AMI is pinned, not resolve:ssm:, so that a refresh can roll back")
	assert.Equal(t, "m7g.large", lt.String("instanceType"))
	assert.Equal(t, "enabled", lt.String("metadataOptions.httpEndpoint"))
	assert.Equal(t, "required", lt.String("metadataOptions.httpTokens"))
	assert.Equal(t, float64(1), lt.Number("metadataOptions.httpPutResponseHopLimit"))
	assert.Equal(t, "/dev/xvda", lt.String("blockDeviceMappings.0.deviceName"))
	assert.Equal(t, "gp3", lt.String("blockDeviceMappings.0.ebs.volumeType"))
	assert.Equal(t, "true", lt.String("blockDeviceMappings.0.ebs.encrypted"))
	assert.Equal(t, float64(20), lt.Number("blockDeviceMappings.0.ebs.volumeSize"))
	assert.True(t, lt.Bool("monitoring.enabled"))
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:web-instance-profile", lt.String("iamInstanceProfile.arn"))
	assert.Equal(t, []string{"web-instance-sg-id"}, lt.Strings("vpcSecurityGroupIds"))
	assert.False(t, lt.Has("keyName"), "no SSH key: Session Manager instead")
	userData, err := webtier.DecodeUserData(lt.String("userData"))
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(userData, strings.TrimPrefix(webtier.DefaultUserData(8080, "/health"), "#!/bin/bash\n")),
		"the built-in server after the settings machinery")
	assert.Contains(t, userData, "tenk-settings.py wait --static /etc/tenk/release.env", "no Settings: the release's lines only")
	assert.Equal(t, "instance", lt.String("tagSpecifications.0.resourceType"))
	assert.Equal(t, "web", lt.String("tagSpecifications.0.tags.Name"))
	assert.Equal(t, "prod", lt.String("tagSpecifications.1.tags.env"))

	asg := one(t, m, asgType, "web-asg")
	assert.Equal(t, []string{"private-0", "private-1", "private-2"}, asg.Strings("vpcZoneIdentifiers"))
	assert.Equal(t, float64(3), asg.Number("minSize"), "one instance per AZ")
	assert.Equal(t, float64(9), asg.Number("maxSize"))
	assert.Equal(t, float64(3), asg.Number("desiredCapacity"))
	assert.Contains(t, asg.IgnoreChanges, "desiredCapacity")
	assert.Equal(t, "ELB", asg.String("healthCheckType"))
	assert.Equal(t, float64(300), asg.Number("healthCheckGracePeriod"))
	assert.Equal(t, "web-lt-id", asg.String("launchTemplate.id"))
	assert.Equal(t, "1", asg.String("launchTemplate.version"), "created on a numbered version, which rollback needs")
	assert.Equal(t, []string{tgArn}, asg.Strings("targetGroupArns"))
	assert.False(t, asg.Has("instanceRefresh"), "the provider's refresh saves the new version first: the rollback would return to it")
	req := refreshRequest(t, m)
	assert.Equal(t, "Rolling", req.Strategy)
	assert.Equal(t, 100, req.Preferences.MinHealthyPercentage, "launch before terminate")
	assert.Equal(t, 200, req.Preferences.MaxHealthyPercentage)
	assert.True(t, req.Preferences.AutoRollback)
	require.NotNil(t, req.Preferences.AlarmSpecification)
	assert.Equal(t, []string{"web-alarm-target-5xx-1a2b3c4", "web-alarm-alb-5xx-1a2b3c4", "web-alarm-unhealthy-hosts-1a2b3c4"},
		req.Preferences.AlarmSpecification.Alarms, "the release rolls back when these fire")
	assert.Equal(t, []int{50, 100}, req.Preferences.CheckpointPercentages)
	assert.Equal(t, 600, req.Preferences.CheckpointDelay, "the bake time")
	assert.Contains(t, asg.Strings("enabledMetrics"), "GroupInServiceInstances")
	assert.Contains(t, asg.Strings("enabledMetrics"), "GroupDesiredCapacity")
	assert.Equal(t, "1Minute", asg.String("metricsGranularity"))
	for _, l := range listeners {
		assert.Contains(t, asg.Dependencies, l.URN, "the group waits for %s", l.Name)
	}
	tags := map[string]string{}
	for i := 0; asg.Has(fmt.Sprintf("tags.%d", i)); i++ {
		p := fmt.Sprintf("tags.%d.", i)
		assert.True(t, asg.Bool(p+"propagateAtLaunch"))
		tags[asg.String(p+"key")] = asg.String(p + "value")
	}
	assert.Equal(t, map[string]string{"Name": "web", "env": "prod"}, tags)

	policy := one(t, m, policyType, "web-scaling")
	assert.Equal(t, "TargetTrackingScaling", policy.String("policyType"))
	assert.Equal(t, "web-asg", policy.String("autoscalingGroupName"))
	assert.Equal(t, "ASGAverageCPUUtilization", policy.String("targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType"))
	assert.Equal(t, float64(50), policy.Number("targetTrackingConfiguration.targetValue"))

	role := one(t, m, roleType, "web-instance-role")
	var trust struct {
		Statement []struct {
			Effect    string
			Action    string
			Principal map[string]string
		}
	}
	require.NoError(t, json.Unmarshal([]byte(role.String("assumeRolePolicy")), &trust))
	require.Len(t, trust.Statement, 1)
	assert.Equal(t, "Allow", trust.Statement[0].Effect)
	assert.Equal(t, "sts:AssumeRole", trust.Statement[0].Action)
	assert.Equal(t, map[string]string{"Service": "ec2.amazonaws.com"}, trust.Statement[0].Principal)
	attached := map[string]string{}
	for _, a := range m.ByType(attachType) {
		assert.Equal(t, "web-instance-role", a.String("role"))
		attached[a.Name] = a.String("policyArn")
	}
	assert.Equal(t, map[string]string{
		"web-policy-sessions": "arn:aws:iam::123456789012:policy/sessions",
	}, attached, "no AWS-managed policy: AmazonSSMManagedInstanceCore reads every parameter in the account")
	inline := one(t, m, "aws:iam/rolePolicy:RolePolicy", "web-session-manager")
	assert.Equal(t, "web-instance-role", inline.String("role"))
	var sessionManager struct {
		Statement []struct {
			Effect    string
			Action    []string
			Resource  string
			Principal any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(inline.String("policy")), &sessionManager))
	require.Len(t, sessionManager.Statement, 1)
	assert.Equal(t, "Allow", sessionManager.Statement[0].Effect)
	assert.Nil(t, sessionManager.Statement[0].Principal, "identity policies carry no Principal")
	assert.ElementsMatch(t, []string{"ssm:UpdateInstanceInformation",
		"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
		"ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
		"ec2messages:GetMessages", "ec2messages:SendReply"}, sessionManager.Statement[0].Action,
		"exactly the agent's Session Manager and Run Command actions, no parameter reads")
	assert.Equal(t, "web-instance-role", one(t, m, profileType, "web-instance-profile").String("role"))

	alarms := map[string]testkit.Resource{}
	for _, a := range m.ByType(alarmType) {
		alarms[a.Name] = a
		assert.Equal(t, []string{topicArn}, a.Strings("alarmActions"), a.Name)
		assert.Equal(t, []string{topicArn}, a.Strings("okActions"), a.Name)
		assert.Equal(t, "AWS/ApplicationELB", a.String("namespace"), a.Name)
		assert.Equal(t, "app/web-alb/50dc6c495c0c9188", a.String("dimensions.LoadBalancer"), a.Name)
	}
	require.Len(t, alarms, 5)
	assert.Equal(t, "HTTPCode_Target_5XX_Count", alarms["web-alarm-target-5xx"].String("metricName"))
	assert.Equal(t, float64(10), alarms["web-alarm-target-5xx"].Number("threshold"))
	assert.Equal(t, "HTTPCode_ELB_5XX_Count", alarms["web-alarm-alb-5xx"].String("metricName"))
	assert.Equal(t, "UnHealthyHostCount", alarms["web-alarm-unhealthy-hosts"].String("metricName"))
	assert.Equal(t, "targetgroup/web-tg/73e2d6bc24d8a067", alarms["web-alarm-unhealthy-hosts"].String("dimensions.TargetGroup"))
	assert.Equal(t, "p99", alarms["web-alarm-p99-latency"].String("extendedStatistic"))
	assert.Equal(t, float64(2), alarms["web-alarm-p99-latency"].Number("threshold"))
	assert.Equal(t, "LessThanThreshold", alarms["web-alarm-no-healthy-hosts"].String("comparisonOperator"))

	assert.Equal(t, "https://web-alb-1234567890.us-east-1.elb.amazonaws.com", testkit.Await(t, w.URL))
	assert.Equal(t, "web-alb-1234567890.us-east-1.elb.amazonaws.com", testkit.Await(t, w.DnsName))
	assert.Equal(t, "Z35SXDOTRQ7X7K", testkit.Await(t, w.ZoneID))
	assert.Equal(t, "app/web-alb/50dc6c495c0c9188", testkit.Await(t, w.LoadBalancerArnSuffix))
	assert.Equal(t, "arn:aws:lb:us-east-1:123456789012:web-alb", testkit.Await(t, w.LoadBalancerArn))
	assert.Equal(t, "web-instance-sg-id", testkit.Await(t, w.InstanceSecurityGroupID))
	assert.Equal(t, "web-alb-sg-id", testkit.Await(t, w.LoadBalancerSecurityGroupID))
	assert.Equal(t, "web-instance-role", testkit.Await(t, w.InstanceRoleName))
	assert.Equal(t, "arn:aws:iam:us-east-1:123456789012:web-instance-role", testkit.Await(t, w.InstanceRoleArn))
	assert.Equal(t, "web-asg", testkit.Await(t, w.AutoScalingGroupName))
	assert.Equal(t, tgArn, testkit.Await(t, w.TargetGroupArn))
	assert.Equal(t, "targetgroup/web-tg/73e2d6bc24d8a067", testkit.Await(t, w.TargetGroupArnSuffix))
}

func TestDevInputs(t *testing.T) {
	m, w := build(t, devArgs())

	alb := one(t, m, lbType, "web-alb")
	assert.False(t, alb.Bool("enableDeletionProtection"))
	_, set := alb.Get("enableDeletionProtection")
	assert.True(t, set, "deletion protection is switched off explicitly, not left to the provider")
	assert.False(t, alb.Has("accessLogs"))
	assert.True(t, alb.Bool("dropInvalidHeaderFields"), "dev relaxes cost, never security")
	assert.Empty(t, m.ByType(bucketType), "access logs off: no bucket")
	assert.Empty(t, m.ByType(bucketPolicyType))
	assert.Equal(t, []string{"aws:ssm/getParameter:getParameter"}, invokeTokens(m), "access logs off: no Region or account lookup, only the AMI parameter")
	assert.Equal(t, "", testkit.Await(t, w.AccessLogsBucketName))

	listeners := m.ByType(listenerType)
	require.Len(t, listeners, 1)
	http := listeners[0]
	assert.Equal(t, "web-http", http.Name)
	assert.Equal(t, float64(80), http.Number("port"))
	assert.Equal(t, "HTTP", http.String("protocol"))
	assert.Equal(t, "forward", http.String("defaultActions.0.type"))
	assert.False(t, http.Has("sslPolicy"))

	tg := one(t, m, tgType, "web-tg")
	assert.True(t, tg.Bool("stickiness.enabled"))
	assert.Equal(t, float64(86400), tg.Number("stickiness.cookieDuration"))

	lt := one(t, m, ltType, "web-lt")
	assert.Equal(t, "t4g.small", lt.String("instanceType"))
	assert.Equal(t, providers.MockAMIs["/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"], lt.String("imageId"))
	assert.False(t, lt.Bool("monitoring.enabled"))
	assert.Equal(t, "required", lt.String("metadataOptions.httpTokens"), "IMDSv2 in dev too")
	assert.Equal(t, "true", lt.String("blockDeviceMappings.0.ebs.encrypted"), "encryption in dev too")

	asg := one(t, m, asgType, "web-asg")
	assert.Equal(t, []string{"private-0", "private-1"}, asg.Strings("vpcZoneIdentifiers"))
	assert.Equal(t, float64(1), asg.Number("minSize"))
	assert.Equal(t, float64(2), asg.Number("maxSize"))
	assert.Equal(t, float64(1), asg.Number("desiredCapacity"))
	assert.Equal(t, "ELB", asg.String("healthCheckType"))

	for _, a := range m.ByType(alarmType) {
		assert.False(t, a.Has("alarmActions"), "no topic, no actions: %s", a.Name)
	}
	assert.Len(t, m.ByType(alarmType), 5)
	assert.Empty(t, m.ByType(attachType), "no managed policy without InstancePolicyArns")
	policies := m.ByType("aws:iam/rolePolicy:RolePolicy")
	require.Len(t, policies, 2, "the Session Manager inline policy and the rollout function's")
	assert.Equal(t, []string{"web-rollout-policy", "web-session-manager"}, []string{policies[0].Name, policies[1].Name})
	_, vpcEgress := m.Named(egressType, "web-instance-out-vpc")
	assert.False(t, vpcEgress, "no VPC egress without VpcCidrBlock")
	assert.Equal(t, "http://internal-web-alb-1234567890.us-east-1.elb.amazonaws.com", testkit.Await(t, w.URL))
	assert.True(t, alb.Bool("internal"), "the default ingress: no internet-facing load balancer unless asked for")
	assert.Equal(t, []string{"private-0", "private-1"}, alb.Strings("subnets"))
}

func TestRequestCountScalingUsesTheAlbAndTargetGroupLabel(t *testing.T) {
	args := devArgs()
	args.Scaling.Metric = webtier.ScaleOnRequestCount
	m, _ := build(t, args)
	policy := one(t, m, policyType, "web-scaling")
	spec := "targetTrackingConfiguration.predefinedMetricSpecification."
	assert.Equal(t, "ALBRequestCountPerTarget", policy.String(spec+"predefinedMetricType"))
	assert.Equal(t, "app/web-alb/50dc6c495c0c9188/targetgroup/web-tg/73e2d6bc24d8a067", policy.String(spec+"resourceLabel"))
	assert.Equal(t, float64(1000), policy.Number("targetTrackingConfiguration.targetValue"))
}

func TestX86InstanceTypeGetsTheX86Image(t *testing.T) {
	args := devArgs()
	args.InstanceType = "c7i.large"
	m, _ := build(t, args)
	param := "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
	assert.Equal(t, providers.MockAMIs[param], one(t, m, ltType, "web-lt").String("imageId"))
	var looked []string
	for _, inv := range m.Invokes() {
		assert.NotContains(t, inv.Token, "getAmi", "the public parameter, not an AMI search")
		if inv.Token == "aws:ssm/getParameter:getParameter" {
			looked = append(looked, inv.Args["name"].(string))
		}
	}
	assert.Equal(t, []string{param}, looked)
}

func TestCallerImageUserDataAndExtensions(t *testing.T) {
	args := devArgs()
	args.ImageID = pulumi.String("ami-0123456789abcdef0")
	args.ImageArchitecture = webtier.ArchArm64
	args.Application.Script = pulumi.String("#!/bin/bash\ndnf install -y shop && systemctl start --no-block tenk-web.service\n")
	args.ExtraInstanceSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-extra")}
	args.ExtraLoadBalancerSecurityGroupIDs = []pulumi.StringInput{pulumi.String("sg-waf")}
	args.HealthCheck.Path = "/ready"
	args.HealthCheck.Matcher = "200-299"
	args.DeregistrationDelaySeconds = pulumi.IntRef(0)
	m, _ := build(t, args)

	lt := one(t, m, ltType, "web-lt")
	assert.Equal(t, "ami-0123456789abcdef0", lt.String("imageId"))
	_, pinned := m.Named("pulumi:index:Stash", "web-ami")
	assert.False(t, pinned, "an AMI ID needs no pin")
	userData, err := webtier.DecodeUserData(lt.String("userData"))
	require.NoError(t, err)
	assert.True(t, strings.HasSuffix(userData, "\ndnf install -y shop && systemctl start --no-block tenk-web.service\n"), "the script after the machinery")
	assert.NotContains(t, userData, "tenk default web server")
	assert.Contains(t, userData, "Requires=tenk-settings.service\nAfter=tenk-settings.service\n")
	assert.Equal(t, []string{"web-instance-sg-id", "sg-extra"}, lt.Strings("vpcSecurityGroupIds"))
	assert.Equal(t, []string{"web-alb-sg-id", "sg-waf"}, one(t, m, lbType, "web-alb").Strings("securityGroups"))
	tg := one(t, m, tgType, "web-tg")
	assert.Equal(t, "/ready", tg.String("healthCheck.path"))
	assert.Equal(t, "200-299", tg.String("healthCheck.matcher"))
	delay, set := tg.Get("deregistrationDelay")
	assert.True(t, set)
	assert.Equal(t, float64(0), delay)
}

func TestEveryChildIsParentedToTheComponent(t *testing.T) {
	for name, args := range map[string]*webtier.MultiAZWebTierArgs{
		"prod": prodArgs(), "dev": devArgs(), "cloudfront": cloudFront(prodArgs()), "created log bucket": ownLogBucket(prodArgs()),
	} {
		t.Run(name, func(t *testing.T) {
			m, _ := build(t, args)
			require.Len(t, m.Children(t, webtier.Token), len(m.Resources())-1, "every other registration is a direct child")
			if name == "created log bucket" {
				_, ok := m.Named(bucketType, "web-access-logs")
				require.True(t, ok, "the case really creates the bucket")
			}
		})
	}
}

func TestNamesDoNotDependOnSizes(t *testing.T) {
	small := devArgs()
	large := devArgs()
	large.InstanceType = "c7i.4xlarge"
	large.Scaling.MinSize, large.Scaling.MaxSize = pulumi.IntRef(6), 30
	large.RootVolumeSizeGiB = 200
	large.InstanceSubnetIDs = ids("private", 3)
	large.LoadBalancerSubnetIDs = ids("public", 3)
	m1, _ := build(t, small)
	m2, _ := build(t, large)
	assert.Equal(t, m1.URNs(), m2.URNs())
}

func cloudFront(a *webtier.MultiAZWebTierArgs) *webtier.MultiAZWebTierArgs {
	a.Ingress = webtier.IngressCloudFront
	return a
}

// edge is one security-group rule: group, direction, port range and peer (CIDR, prefix list or
// the peer group's logical name).
type edge struct {
	Group, Direction, Peer string
	From, To               int
}

func graph(t *testing.T, m *testkit.Mocks) []edge {
	t.Helper()
	groupByID := map[string]string{}
	for _, g := range m.ByType(sgType) {
		groupByID[g.Name+"-id"] = g.Name
		assert.False(t, g.Has("ingress"), "%s has no inline ingress", g.Name)
		assert.False(t, g.Has("egress"), "%s has no inline egress", g.Name)
	}
	var out []edge
	for dir, typ := range map[string]string{"in": ingressType, "out": egressType} {
		for _, r := range m.ByType(typ) {
			assert.Equal(t, "tcp", r.String("ipProtocol"), r.Name)
			peer := r.String("cidrIpv4") + r.String("cidrIpv6") + r.String("prefixListId")
			if ref := r.String("referencedSecurityGroupId"); ref != "" {
				peer = ref
				if name, ok := groupByID[ref]; ok {
					peer = name
				}
			}
			require.NotEmpty(t, peer, "%s names a peer", r.Name)
			out = append(out, edge{Group: groupByID[r.String("securityGroupId")], Direction: dir, Peer: peer,
				From: int(r.Number("fromPort")), To: int(r.Number("toPort"))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return fmt.Sprint(out[i]) < fmt.Sprint(out[j]) })
	return out
}

func sorted(edges ...edge) []edge {
	sort.Slice(edges, func(i, j int) bool { return fmt.Sprint(edges[i]) < fmt.Sprint(edges[j]) })
	return edges
}

// The chain every mode shares: ALB → instances on the app port, instances → HTTPS out.
var chain = []edge{
	{"web-alb-sg", "out", "web-instance-sg", 8080, 8080},
	{"web-instance-sg", "in", "web-alb-sg", 8080, 8080},
	{"web-instance-sg", "out", "0.0.0.0/0", 443, 443},
}

func TestSecurityGroupGraph(t *testing.T) {
	peers := []pulumi.StringInput{pulumi.String("sg-vpc-origin"), pulumi.String("sg-bastion")}
	cases := []struct {
		name  string
		args  func() *webtier.MultiAZWebTierArgs
		alb   []edge
		extra []edge
	}{
		{"internet with certificate", prodArgs, []edge{
			{"web-alb-sg", "in", "0.0.0.0/0", 443, 443}, {"web-alb-sg", "in", "::/0", 443, 443},
			{"web-alb-sg", "in", "0.0.0.0/0", 80, 80}, {"web-alb-sg", "in", "::/0", 80, 80},
		}, []edge{{"web-instance-sg", "out", "10.0.0.0/16", 0, 65535}}},
		{"internal by default, no peer yet", devArgs, nil, nil},
		{"cloudfront with certificate", func() *webtier.MultiAZWebTierArgs { return cloudFront(prodArgs()) }, []edge{
			{"web-alb-sg", "in", "pl-3b927c52", 443, 443},
		}, []edge{{"web-instance-sg", "out", "10.0.0.0/16", 0, 65535}}},
		{"internal", func() *webtier.MultiAZWebTierArgs {
			a := devArgs()
			a.Ingress, a.AllowedSecurityGroupIDs = webtier.IngressInternal, peers
			return a
		}, []edge{
			{"web-alb-sg", "in", "sg-vpc-origin", 80, 80}, {"web-alb-sg", "in", "sg-bastion", 80, 80},
		}, nil},
		{"internal with certificate", func() *webtier.MultiAZWebTierArgs {
			a := prodArgs()
			a.Ingress, a.AllowedSecurityGroupIDs, a.LoadBalancerSubnetIDs = webtier.IngressInternal, peers, nil
			return a
		}, []edge{
			{"web-alb-sg", "in", "sg-vpc-origin", 443, 443}, {"web-alb-sg", "in", "sg-bastion", 443, 443},
		}, []edge{{"web-instance-sg", "out", "10.0.0.0/16", 0, 65535}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := build(t, tc.args())
			want := append(append(append([]edge{}, chain...), tc.alb...), tc.extra...)
			assert.Equal(t, sorted(want...), graph(t, m))

			internet := tc.args().Ingress == webtier.IngressInternet
			for _, r := range m.ByType(ingressType) {
				open := r.String("cidrIpv4") == "0.0.0.0/0" || r.String("cidrIpv6") == "::/0"
				if open {
					assert.True(t, internet, "%s: open ingress only on an internet-facing ALB", r.Name)
					assert.Equal(t, "web-alb-sg-id", r.String("securityGroupId"), r.Name)
					assert.Contains(t, []float64{80, 443}, r.Number("fromPort"), r.Name)
				}
			}
		})
	}
}

func TestCloudFrontModeAdmitsOnePortFromThePrefixList(t *testing.T) {
	m, _ := build(t, cloudFront(prodArgs()))
	var lookups []monitor.Invoke
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:ec2/getManagedPrefixList:getManagedPrefixList" {
			lookups = append(lookups, inv)
		}
	}
	require.Len(t, lookups, 1)
	assert.Equal(t, webtier.CloudFrontPrefixList, lookups[0].Args["name"])

	var albRules []testkit.Resource
	for _, r := range m.ByType(ingressType) {
		if r.String("securityGroupId") == "web-alb-sg-id" {
			albRules = append(albRules, r)
		}
	}
	require.Len(t, albRules, 1, "the prefix list weighs ~55 of 60 rules: one port only")
	listeners := m.ByType(listenerType)
	require.Len(t, listeners, 1, "no port-80 redirect listener nobody could reach")
	assert.Equal(t, float64(443), listeners[0].Number("port"))
	assert.False(t, one(t, m, lbType, "web-alb").Bool("internal"))
}

func TestInternalModeUsesInstanceSubnets(t *testing.T) {
	a := devArgs()
	a.Ingress, a.LoadBalancerSubnetIDs = webtier.IngressInternal, nil
	m, _ := build(t, a)
	alb := one(t, m, lbType, "web-alb")
	assert.True(t, alb.Bool("internal"))
	assert.Equal(t, []string{"private-0", "private-1"}, alb.Strings("subnets"))
	assert.Equal(t, []string{"aws:ssm/getParameter:getParameter"}, invokeTokens(m), "no prefix-list lookup outside CloudFront mode")
}

func TestDomainIssuesTheCertificateForTheHTTPSListener(t *testing.T) {
	a := devArgs()
	a.Domain = &webtier.LoadBalancerDomain{Name: "origin.example.com", HostedZoneID: pulumi.String("Z0123456789")}
	m, w := build(t, a)

	cert := one(t, m, "aws:acm/certificate:Certificate", "web-certificate")
	assert.Equal(t, "origin.example.com", cert.String("domainName"))
	assert.Equal(t, "DNS", cert.String("validationMethod"))
	assert.Empty(t, cert.Provider, "the ALB's own region: the default provider")
	record := one(t, m, "aws:route53/record:Record", "web-certificate-validation-record")
	assert.Equal(t, "Z0123456789", record.String("zoneId"))
	assert.Equal(t, "CNAME", record.String("type"))
	validation := one(t, m, "aws:acm/certificateValidation:CertificateValidation", "web-certificate-validation")
	assert.Equal(t, "_x1.origin.example.com.", record.String("name"), "the record ACM asks for")
	assert.Equal(t, []string{"_x1.origin.example.com"}, validation.Strings("validationRecordFqdns"))

	listeners := m.ByType(listenerType)
	require.Len(t, listeners, 1, "internal: HTTPS alone, no port-80 listener")
	https := listeners[0]
	assert.Equal(t, "HTTPS", https.String("protocol"))
	assert.Equal(t, float64(443), https.Number("port"))
	assert.Equal(t, webtier.DefaultSslPolicy, https.String("sslPolicy"), "TLS 1.3 policy")
	assert.Contains(t, https.Dependencies, validation.URN, "the listener waits for the certificate to be issued")

	alias := one(t, m, "aws:route53/record:Record", "web-alias")
	assert.Equal(t, "origin.example.com", alias.String("name"))
	assert.Equal(t, "internal-web-alb-1234567890.us-east-1.elb.amazonaws.com", alias.String("aliases.0.name"))
	assert.Equal(t, "https://origin.example.com", testkit.Await(t, w.URL))
}

func TestLookupVpcOriginSecurityGroupWaitsForTheVpcOrigin(t *testing.T) {
	run := func(preview bool) (*testkit.Mocks, error) {
		m := testkit.NewMocks()
		m.NotYetCreated = map[string]bool{"aws:cloudfront/vpcOrigin:VpcOrigin": preview}
		_, err := testkit.Run(func(ctx *pulumi.Context) error {
			origin, err := cloudfront.NewVpcOrigin(ctx, "origin", &cloudfront.VpcOriginArgs{})
			if err != nil {
				return err
			}
			a := devArgs()
			a.AllowedSecurityGroupIDs = []pulumi.StringInput{webtier.LookupVpcOriginSecurityGroup(ctx, pulumi.String("vpc-1"), origin)}
			_, err = webtier.NewMultiAZWebTier(ctx, "web", a)
			return err
		}, testkit.RunOptions{Mocks: m, Preview: preview})
		return m, err
	}

	m, err := run(false)
	require.NoError(t, err)
	lookups := 0
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:ec2/getSecurityGroup:getSecurityGroup" {
			lookups++
			assert.Equal(t, webtier.VpcOriginSecurityGroupName, inv.Args["name"])
			assert.Equal(t, "vpc-1", inv.Args["vpcId"])
		}
	}
	assert.Equal(t, 1, lookups)
	rule := one(t, m, ingressType, "web-alb-in-from-sg-0")
	assert.Equal(t, providers.VpcOriginSecurityGroupID, rule.String("referencedSecurityGroupId"))
	assert.Equal(t, float64(80), rule.Number("fromPort"), "the listener port")
	origin := one(t, m, "aws:cloudfront/vpcOrigin:VpcOrigin", "origin")
	assert.Contains(t, rule.Dependencies, origin.URN, "the rule is deleted before the VPC origin whose group it names")

	// The first preview: the VPC origin has no ID yet, so the lookup is skipped (it would fail:
	// the group does not exist) and the rule's peer is unknown.
	m, err = run(true)
	require.NoError(t, err, "a preview before the first deploy does not fail on the lookup")
	for _, inv := range m.Invokes() {
		assert.NotEqual(t, "aws:ec2/getSecurityGroup:getSecurityGroup", inv.Token, "no lookup before the VPC origin exists")
	}
	rule = one(t, m, ingressType, "web-alb-in-from-sg-0")
	assert.False(t, rule.Has("referencedSecurityGroupId"), "unknown until the VPC origin is deployed")
}

// invokeTokens are the tokens of the lookups a run made, in order.
func invokeTokens(m *testkit.Mocks) []string {
	var out []string
	for _, inv := range m.Invokes() {
		out = append(out, inv.Token)
	}
	return out
}
