package webtier

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/iampolicy"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is MultiAZWebTier's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:web:MultiAZWebTier"

// groupMetrics are the Auto Scaling group metrics published to CloudWatch every minute.
var groupMetrics = []string{
	"GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
	"GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances",
}

// MultiAZWebTier is an Application Load Balancer in front of an Auto Scaling group spread over
// every AZ, with the security groups, scaling policy and alarms that go with them.
type MultiAZWebTier struct {
	pulumi.ResourceState

	// LoadBalancerArn is the ALB's ARN.
	LoadBalancerArn pulumi.StringOutput
	// LoadBalancerArnSuffix is the ALB's ARN suffix, its CloudWatch dimension.
	LoadBalancerArnSuffix pulumi.StringOutput
	// DnsName is the ALB's DNS name (a CloudFront origin, or a Route 53 alias target).
	DnsName pulumi.StringOutput
	// ZoneID is the ALB's canonical hosted zone ID, for Route 53 alias records.
	ZoneID pulumi.StringOutput
	// URL is "https://<Domain.Name>" with a Domain, "https://<DnsName>" with a CertificateArn,
	// "http://<DnsName>" without either.
	URL pulumi.StringOutput
	// InstanceSecurityGroupID is the instances' security group: what data tiers admit.
	InstanceSecurityGroupID pulumi.StringOutput
	// LoadBalancerSecurityGroupID is the ALB's security group.
	LoadBalancerSecurityGroupID pulumi.StringOutput
	// InstanceRoleName is the instance role's name, to attach more policies.
	InstanceRoleName pulumi.StringOutput
	// InstanceRoleArn is the instance role's ARN, for resource policies and grants.
	InstanceRoleArn pulumi.StringOutput
	// AutoScalingGroupName is the Auto Scaling group's name.
	AutoScalingGroupName pulumi.StringOutput
	// TargetGroupArn is the instance target group's ARN.
	TargetGroupArn pulumi.StringOutput
	// TargetGroupArnSuffix is the target group's ARN suffix, its CloudWatch dimension.
	TargetGroupArnSuffix pulumi.StringOutput
	// AccessLogsBucketName is the bucket receiving access logs: AccessLogs.Bucket, or the bucket
	// the component created; "" when AccessLogs.Enabled is false.
	AccessLogsBucketName pulumi.StringOutput
	// AlarmArns are the ARNs of the tier's alarms (none when Alarms is false), for dashboards.
	AlarmArns pulumi.StringArrayOutput

	// LoadBalancer is the ALB, for callers adding listener rules.
	LoadBalancer *lb.LoadBalancer
	// AutoScalingGroup is the group, for callers adding schedules or hooks.
	AutoScalingGroup *autoscaling.Group
}

// NewMultiAZWebTier validates args, then builds the load balancer, listeners, target group,
// security groups, instance role, launch template, Auto Scaling group, scaling policy, alarms and
// (when access logs are on and no AccessLogs.Bucket is given) an access-log bucket as children of
// one MultiAZWebTier component.
func NewMultiAZWebTier(ctx *pulumi.Context, name string, args *MultiAZWebTierArgs, opts ...pulumi.ResourceOption) (*MultiAZWebTier, error) {
	if args == nil {
		args = &MultiAZWebTierArgs{}
	}
	if err := errors.Join(validateName(name), args.Validate()); err != nil {
		return nil, fmt.Errorf("webtier %q: %w", name, err)
	}
	a := args.withDefaults()
	arch, _ := InstanceArchitecture(a.InstanceType) // validated above

	w := &MultiAZWebTier{}
	if err := ctx.RegisterComponentResource(Token, name, w, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(w)
	tags := pulumi.ToStringMap(a.Tags)

	sgs, err := securityGroups(ctx, name, &a, tags, parent)
	if err != nil {
		return nil, err
	}

	tg, err := lb.NewTargetGroup(ctx, name+"-tg", &lb.TargetGroupArgs{
		VpcId:    a.VpcID,
		Port:     pulumi.Int(a.AppPort),
		Protocol: pulumi.String("HTTP"),
		// The ASG registers instance IDs, so the targets must be of type instance (awsx's default
		// is ip): ELB "Target type", EC2 Auto Scaling "Attach a load balancer".
		TargetType:          pulumi.String("instance"),
		DeregistrationDelay: pulumi.Int(*a.DeregistrationDelaySeconds),
		HealthCheck: &lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Protocol:           pulumi.String("HTTP"),
			Port:               pulumi.String("traffic-port"),
			Path:               pulumi.String(a.HealthCheck.Path),
			Matcher:            pulumi.String(a.HealthCheck.Matcher),
			Interval:           pulumi.Int(a.HealthCheck.IntervalSeconds),
			Timeout:            pulumi.Int(a.HealthCheck.TimeoutSeconds),
			HealthyThreshold:   pulumi.Int(a.HealthCheck.HealthyThreshold),
			UnhealthyThreshold: pulumi.Int(a.HealthCheck.UnhealthyThreshold),
		},
		// Always sent, so switching stickiness off really turns it off.
		Stickiness: &lb.TargetGroupStickinessArgs{
			Type:           pulumi.String("lb_cookie"),
			Enabled:        pulumi.Bool(a.StickySessions),
			CookieDuration: pulumi.Int(a.StickinessDurationSeconds),
		},
		Tags: tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	albArgs := &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(a.Ingress == IngressInternal),
		Subnets:                  pulumi.StringArray(a.LoadBalancerSubnetIDs),
		SecurityGroups:           append(pulumi.StringArray{sgs.loadBalancer.ID()}, a.ExtraLoadBalancerSecurityGroupIDs...),
		DropInvalidHeaderFields:  pulumi.Bool(true),
		EnableHttp2:              pulumi.Bool(true),
		DesyncMitigationMode:     pulumi.String("defensive"),
		EnableDeletionProtection: pulumi.Bool(*a.DeletionProtection),
		IdleTimeout:              pulumi.Int(a.IdleTimeoutSeconds),
		Tags:                     tags,
	}
	albOpts := []pulumi.ResourceOption{parent}
	logsBucket := pulumi.String("").ToStringOutput()
	if *a.AccessLogs.Enabled {
		// ELB "Enable access logs": the bucket must be in the ALB's region, use SSE-S3 and carry
		// the log-delivery bucket policy, or the attribute update fails.
		var bucket pulumi.StringInput = a.AccessLogs.Bucket
		if bucket == nil {
			logs, err := newAccessLogsBucket(ctx, name, &a, tags, parent)
			if err != nil {
				return nil, err
			}
			bucket = logs.bucket.Bucket
			albOpts = append(albOpts, pulumi.DependsOn(logs.ready))
		}
		logsBucket = bucket.ToStringOutput()
		logs := &lb.LoadBalancerAccessLogsArgs{Bucket: bucket, Enabled: pulumi.Bool(true)}
		if a.AccessLogs.Prefix != "" {
			logs.Prefix = pulumi.String(a.AccessLogs.Prefix)
		}
		albArgs.AccessLogs = logs
	}
	alb, err := lb.NewLoadBalancer(ctx, name+"-alb", albArgs, albOpts...)
	if err != nil {
		return nil, err
	}

	if d := a.Domain; d != nil {
		// The copy a now carries the issued certificate: listeners and URL treat it as the caller's.
		if a.CertificateArn, err = issueCertificate(ctx, name, d, tags, parent); err != nil {
			return nil, err
		}
		if err := aliasRecord(ctx, name, d, alb, parent); err != nil {
			return nil, err
		}
	}

	listeners, err := createListeners(ctx, name, &a, alb, tg, tags, parent)
	if err != nil {
		return nil, err
	}

	role, err := iam.NewRole(ctx, name+"-instance-role", &iam.RoleArgs{
		Description:      pulumi.Sprintf("Instances of the %s web tier", name),
		AssumeRolePolicy: pulumi.String(iampolicy.AssumeRole("ec2.amazonaws.com").MustJSON()),
		Tags:             tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	// Session Manager without AmazonSSMManagedInstanceCore, whose ssm:GetParameter(s) on "*"
	// would let instances read every parameter in the account.
	sessionManager, err := SessionManagerPolicy().JSON()
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicy(ctx, name+"-session-manager", &iam.RolePolicyArgs{
		Role:   role.Name,
		Policy: pulumi.String(sessionManager),
	}, parent); err != nil {
		return nil, err
	}
	for _, key := range sortedKeys(a.InstancePolicyArns) {
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-policy-"+key, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: a.InstancePolicyArns[key],
		}, parent); err != nil {
			return nil, err
		}
	}
	profile, err := iam.NewInstanceProfile(ctx, name+"-instance-profile", &iam.InstanceProfileArgs{
		Role: role.Name,
		Tags: tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	lt, err := launchTemplate(ctx, name, &a, arch, profile, sgs.instances, parent)
	if err != nil {
		return nil, err
	}

	asg, err := autoscaling.NewGroup(ctx, name+"-asg", &autoscaling.GroupArgs{
		VpcZoneIdentifiers: pulumi.StringArray(a.InstanceSubnetIDs),
		MinSize:            pulumi.Int(*a.Scaling.MinSize),
		MaxSize:            pulumi.Int(a.Scaling.MaxSize),
		DesiredCapacity:    pulumi.Int(*a.Scaling.DesiredCapacity),
		// A specific version (not $Latest) so that every template change is a group change, which
		// starts the instance refresh below.
		LaunchTemplate: &autoscaling.GroupLaunchTemplateArgs{
			Id:      lt.ID(),
			Version: pulumi.Sprintf("%d", lt.LatestVersion),
		},
		TargetGroupArns:        pulumi.StringArray{tg.Arn},
		HealthCheckType:        pulumi.String("ELB"),
		HealthCheckGracePeriod: pulumi.Int(a.HealthCheck.GracePeriodSeconds),
		InstanceRefresh: &autoscaling.GroupInstanceRefreshArgs{
			Strategy: pulumi.String("Rolling"),
			Preferences: &autoscaling.GroupInstanceRefreshPreferencesArgs{
				MinHealthyPercentage: pulumi.Int(*a.Scaling.InstanceRefreshMinHealthyPercentage),
				SkipMatching:         pulumi.Bool(true),
				// Auto Scaling RefreshPreferences.AutoRollback: not supported when the launch
				// template's ImageId is an SSM parameter, which is the default here.
				AutoRollback: pulumi.Bool(false),
			},
		},
		EnabledMetrics:     pulumi.ToStringArray(groupMetrics),
		MetricsGranularity: pulumi.String("1Minute"),
		Tags:               groupTags(name, a.Tags),
	}, parent,
		// Autoscaling owns the running size once the group exists: a redeploy must not reset it.
		pulumi.IgnoreChanges([]string{"desiredCapacity"}),
		// Instances should register with a target group that already receives traffic.
		pulumi.DependsOn(listeners))
	if err != nil {
		return nil, err
	}

	tracking := &autoscaling.PolicyTargetTrackingConfigurationArgs{TargetValue: pulumi.Float64(a.Scaling.Target)}
	if a.Scaling.Metric == ScaleOnRequestCount {
		tracking.PredefinedMetricSpecification = &autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
			PredefinedMetricType: pulumi.String("ALBRequestCountPerTarget"),
			// "app/<alb-name>/<id>/targetgroup/<tg-name>/<id>" (PredefinedMetricSpecification.ResourceLabel).
			ResourceLabel: pulumi.Sprintf("%s/%s", alb.ArnSuffix, tg.ArnSuffix),
		}
	} else {
		tracking.PredefinedMetricSpecification = &autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
			PredefinedMetricType: pulumi.String("ASGAverageCPUUtilization"),
		}
	}
	if _, err := autoscaling.NewPolicy(ctx, name+"-scaling", &autoscaling.PolicyArgs{
		AutoscalingGroupName:        asg.Name,
		PolicyType:                  pulumi.String("TargetTrackingScaling"),
		TargetTrackingConfiguration: tracking,
	}, parent); err != nil {
		return nil, err
	}

	w.AlarmArns = pulumi.StringArray{}.ToStringArrayOutput()
	if alarms.On(a.Alarms) {
		created, err := alarms.Create(ctx, name, alarmList(&a, alb, tg), a.AlarmTopicArn, tags, parent)
		if err != nil {
			return nil, err
		}
		w.AlarmArns = alarms.ARNs(created)
	}

	w.LoadBalancerArn = alb.Arn
	w.LoadBalancerArnSuffix = alb.ArnSuffix
	w.DnsName = alb.DnsName
	w.ZoneID = alb.ZoneId
	switch {
	case a.Domain != nil:
		w.URL = pulumi.String("https://" + a.Domain.Name).ToStringOutput()
	case a.CertificateArn != nil:
		w.URL = pulumi.Sprintf("https://%s", alb.DnsName)
	default:
		w.URL = pulumi.Sprintf("http://%s", alb.DnsName)
	}
	w.InstanceSecurityGroupID = sgs.instances.ID().ToStringOutput()
	w.LoadBalancerSecurityGroupID = sgs.loadBalancer.ID().ToStringOutput()
	w.InstanceRoleName = role.Name
	w.InstanceRoleArn = role.Arn
	w.AutoScalingGroupName = asg.Name
	w.TargetGroupArn = tg.Arn
	w.TargetGroupArnSuffix = tg.ArnSuffix
	w.AccessLogsBucketName = logsBucket
	w.LoadBalancer = alb
	w.AutoScalingGroup = asg

	if err := ctx.RegisterResourceOutputs(w, pulumi.Map{
		"loadBalancerArn":             w.LoadBalancerArn,
		"loadBalancerArnSuffix":       w.LoadBalancerArnSuffix,
		"dnsName":                     w.DnsName,
		"zoneId":                      w.ZoneID,
		"url":                         w.URL,
		"instanceSecurityGroupId":     w.InstanceSecurityGroupID,
		"loadBalancerSecurityGroupId": w.LoadBalancerSecurityGroupID,
		"instanceRoleName":            w.InstanceRoleName,
		"instanceRoleArn":             w.InstanceRoleArn,
		"autoScalingGroupName":        w.AutoScalingGroupName,
		"targetGroupArn":              w.TargetGroupArn,
		"targetGroupArnSuffix":        w.TargetGroupArnSuffix,
		"accessLogsBucketName":        w.AccessLogsBucketName,
		"alarmArns":                   w.AlarmArns,
	}); err != nil {
		return nil, err
	}
	return w, nil
}

// createListeners adds HTTPS (TLS 1.2+) with an HTTP→HTTPS 301 redirect when a certificate is
// given and the ALB is internet-facing, HTTPS alone behind CloudFront or internally (only one port
// is admitted there), or, only for an internal ALB without a certificate, plain HTTP.
func createListeners(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, alb *lb.LoadBalancer, tg *lb.TargetGroup, tags pulumi.StringMap, opts ...pulumi.ResourceOption) ([]pulumi.Resource, error) {
	forward := lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}}
	if a.CertificateArn == nil {
		http, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions:  forward,
			Tags:            tags,
		}, opts...)
		if err != nil {
			return nil, err
		}
		return []pulumi.Resource{http}, nil
	}
	https, err := lb.NewListener(ctx, name+"-https", &lb.ListenerArgs{
		LoadBalancerArn: alb.Arn,
		Port:            pulumi.Int(443),
		Protocol:        pulumi.String("HTTPS"),
		CertificateArn:  a.CertificateArn,
		// Set explicitly: the API's fallback is ELBSecurityPolicy-2016-08 (TLS 1.0/1.1),
		// ELB "Security policies for your Application Load Balancer".
		SslPolicy:      pulumi.String(a.SslPolicy),
		DefaultActions: forward,
		Tags:           tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	out := []pulumi.Resource{https}
	if a.Ingress == IngressInternet {
		http, err := lb.NewListener(ctx, name+"-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions: lb.ListenerDefaultActionArray{&lb.ListenerDefaultActionArgs{
				Type: pulumi.String("redirect"),
				Redirect: &lb.ListenerDefaultActionRedirectArgs{
					Protocol:   pulumi.String("HTTPS"),
					Port:       pulumi.String("443"),
					StatusCode: pulumi.String("HTTP_301"),
				},
			}},
			Tags: tags,
		}, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, http)
	}
	return out, nil
}

// launchTemplate builds the instances' template: the image for the instance type's architecture,
// IMDSv2 only with hop limit 1, an encrypted gp3 root volume, the SSM-enabled instance profile,
// the instance security group and the boot script.
func launchTemplate(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, arch Architecture, profile *iam.InstanceProfile, sg *ec2.SecurityGroup, opts ...pulumi.ResourceOption) (*ec2.LaunchTemplate, error) {
	image := a.ImageID
	if image == nil {
		// EC2 resolves the parameter at launch ("Use a Systems Manager parameter instead of an
		// AMI ID"), so no AMI lookup runs at preview and every refresh picks up the newest AL2023.
		image = pulumi.String(DefaultImageID(arch))
	}
	var userData pulumi.StringInput = pulumi.String(encodeUserData(DefaultUserData(a.AppPort, a.HealthCheck.Path)))
	if a.UserData != nil {
		userData = a.UserData.ToStringOutput().ApplyT(encodeUserData).(pulumi.StringOutput)
	}
	instanceTags := pulumi.ToStringMap(withName(name, a.Tags))
	return ec2.NewLaunchTemplate(ctx, name+"-lt", &ec2.LaunchTemplateArgs{
		Description:         pulumi.Sprintf("Instances of the %s web tier", name),
		ImageId:             image,
		InstanceType:        pulumi.String(a.InstanceType),
		IamInstanceProfile:  &ec2.LaunchTemplateIamInstanceProfileArgs{Arn: profile.Arn},
		VpcSecurityGroupIds: append(pulumi.StringArray{sg.ID()}, a.ExtraInstanceSecurityGroupIDs...),
		// IMDSv2 only; hop limit 1 keeps tokens from leaving the instance (containers, proxies).
		MetadataOptions: &ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"),
			HttpPutResponseHopLimit: pulumi.Int(1),
		},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{&ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String(a.RootDeviceName),
			Ebs: &ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				VolumeType:          pulumi.String("gp3"),
				VolumeSize:          pulumi.Int(a.RootVolumeSizeGiB),
				Encrypted:           pulumi.String("true"),
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		Monitoring:           &ec2.LaunchTemplateMonitoringArgs{Enabled: pulumi.Bool(*a.DetailedMonitoring)},
		UserData:             userData,
		UpdateDefaultVersion: pulumi.Bool(true),
		TagSpecifications: ec2.LaunchTemplateTagSpecificationArray{
			&ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("instance"), Tags: instanceTags},
			&ec2.LaunchTemplateTagSpecificationArgs{ResourceType: pulumi.String("volume"), Tags: instanceTags},
		},
		Tags: pulumi.ToStringMap(a.Tags),
	}, opts...)
}

// groupTags propagates the caller's tags, and a Name, to every instance the group launches.
func groupTags(name string, tags map[string]string) autoscaling.GroupTagArray {
	all := withName(name, tags)
	out := autoscaling.GroupTagArray{}
	for _, k := range sortedKeys(all) {
		out = append(out, &autoscaling.GroupTagArgs{Key: pulumi.String(k), Value: pulumi.String(all[k]), PropagateAtLaunch: pulumi.Bool(true)})
	}
	return out
}

func withName(name string, tags map[string]string) map[string]string {
	out := map[string]string{"Name": name}
	for k, v := range tags {
		out[k] = v
	}
	return out
}

// alarmList is the tier's default alarms: 5xx from the targets and from the ALB itself, any
// unhealthy target, no healthy target at all, and p99 target response time.
func alarmList(a *MultiAZWebTierArgs, alb *lb.LoadBalancer, tg *lb.TargetGroup) []alarms.Alarm {
	byLB := pulumi.StringMap{"LoadBalancer": alb.ArnSuffix}
	byTarget := pulumi.StringMap{"LoadBalancer": alb.ArnSuffix, "TargetGroup": tg.ArnSuffix}
	threshold := float64(a.AlarmThresholds.ErrorsPerMinute)
	list := []alarms.Alarm{
		{Suffix: "target-5xx", Description: "Instances answer with 5xx errors: check the application logs on the instances.",
			Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_Target_5XX_Count", Statistic: "Sum", Dimensions: byLB, Threshold: threshold},
		{Suffix: "alb-5xx", Description: "The load balancer itself answers 5xx (no healthy target, timeouts, refused connections).",
			Namespace: "AWS/ApplicationELB", MetricName: "HTTPCode_ELB_5XX_Count", Statistic: "Sum", Dimensions: byLB, Threshold: threshold},
		{Suffix: "unhealthy-hosts", Description: "Some targets fail health checks: check the health-check path and the instances.",
			Namespace: "AWS/ApplicationELB", MetricName: "UnHealthyHostCount", Statistic: "Maximum", Dimensions: byTarget, Threshold: 0},
		{Suffix: "p99-latency", Description: "The slowest 1% of requests take too long: check instance load and downstream tiers.",
			Namespace: "AWS/ApplicationELB", MetricName: "TargetResponseTime", Percentile: "p99", Dimensions: byLB, Threshold: a.AlarmThresholds.P99LatencySeconds},
	}
	if *a.Scaling.MinSize >= 1 {
		list = append(list, alarms.Alarm{Suffix: "no-healthy-hosts", Description: "No target is healthy: the tier is down.",
			Namespace: "AWS/ApplicationELB", MetricName: "HealthyHostCount", Statistic: "Minimum", Dimensions: byTarget,
			Comparison: "LessThanThreshold", Threshold: 1, EvaluationPeriods: 2, TreatMissingData: "breaching"})
	}
	return list
}
