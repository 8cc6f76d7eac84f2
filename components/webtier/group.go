package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// groupMetrics are the Auto Scaling group metrics published to CloudWatch every minute.
var groupMetrics = []string{
	"GroupMinSize", "GroupMaxSize", "GroupDesiredCapacity", "GroupInServiceInstances",
	"GroupPendingInstances", "GroupStandbyInstances", "GroupTerminatingInstances", "GroupTotalInstances",
}

// launchTemplate builds the instances' template: the pinned AMI, IMDSv2 only with hop limit 1,
// an encrypted gp3 root volume, the instance profile, the instance security group and the boot
// script (userData, already encoded).
func launchTemplate(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, ami pulumi.StringInput, userData pulumi.StringInput, profile *iam.InstanceProfile, sg *ec2.SecurityGroup, opts ...pulumi.ResourceOption) (*ec2.LaunchTemplate, error) {
	instanceTags := pulumi.ToStringMap(withName(name, a.Tags))
	return ec2.NewLaunchTemplate(ctx, name+"-lt", &ec2.LaunchTemplateArgs{
		Description:         pulumi.Sprintf("Instances of the %s web tier", name),
		ImageId:             ami,
		InstanceType:        pulumi.String(a.InstanceType),
		IamInstanceProfile:  &ec2.LaunchTemplateIamInstanceProfileArgs{Arn: profile.Arn},
		VpcSecurityGroupIds: append(pulumi.StringArray{sg.ID()}, a.ExtraInstanceSecurityGroupIDs...),
		// IMDSv2 only; hop limit 1 keeps tokens from leaving the instance (a container on a bridge
		// network is one hop further: the tier runs images on the host's network instead).
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

// autoScalingGroup spreads the instances over InstanceSubnetIDs behind tg, judged by the ELB
// health check. It is created on the launch template's version of the day and then ignores its
// launchTemplate: a new version reaches it only through an instance refresh that succeeds
// (refresh.go), so the saved version is always the last release that rolled out, the one
// AutoRollback returns to. It waits for the listeners (instances register with a
// target group that already receives traffic) and for ready (grants the instances need at boot).
func autoScalingGroup(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, lt *ec2.LaunchTemplate, tg *lb.TargetGroup, ready []pulumi.Resource, parent pulumi.ResourceOption) (*autoscaling.Group, error) {
	return autoscaling.NewGroup(ctx, name+"-asg", &autoscaling.GroupArgs{
		VpcZoneIdentifiers: pulumi.StringArray(a.InstanceSubnetIDs),
		MinSize:            pulumi.Int(*a.Scaling.MinSize),
		MaxSize:            pulumi.Int(a.Scaling.MaxSize),
		DesiredCapacity:    pulumi.Int(*a.Scaling.DesiredCapacity),
		// A numbered version (not $Latest or $Default): rollback needs one to return to
		// (RefreshPreferences.AutoRollback).
		LaunchTemplate: &autoscaling.GroupLaunchTemplateArgs{
			Id:      lt.ID(),
			Version: pulumi.Sprintf("%d", lt.LatestVersion),
		},
		TargetGroupArns:        pulumi.StringArray{tg.Arn},
		HealthCheckType:        pulumi.String("ELB"),
		HealthCheckGracePeriod: pulumi.Int(a.HealthCheck.GracePeriodSeconds),
		// No instanceRefresh block: the provider would save the new version on the group before
		// starting the refresh, and the rollback would return to it (refresh.go).
		EnabledMetrics:     pulumi.ToStringArray(groupMetrics),
		MetricsGranularity: pulumi.String("1Minute"),
		Tags:               groupTags(name, a.Tags),
	}, parent,
		// Autoscaling owns the running size once the group exists: a redeploy must not reset it.
		// A successful refresh owns the saved launch template version (the template's ID never
		// changes: its auto-name comes from the logical name).
		pulumi.IgnoreChanges(groupIgnoredChanges),
		pulumi.DependsOn(ready))
}

// groupIgnoredChanges are the group's inputs Pulumi sets only on create.
var groupIgnoredChanges = []string{"desiredCapacity", "launchTemplate"}

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
