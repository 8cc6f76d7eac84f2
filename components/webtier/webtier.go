package webtier

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is MultiAZWebTier's type token; it is part of every child's URN, so it never changes. Its
// module is "web", not the package's name "webtier": renaming it would replace every resource
// of every deployed tier.
const Token = "tenk:web:MultiAZWebTier"

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
	// ImageID is the AMI the launch template carries: ImageID's AMI, or the one its SSM
	// parameter named when the tier was created, kept until AmiPinURN is replaced.
	ImageID pulumi.StringOutput
	// AmiPinURN is the URN of the stash that keeps the AMI: `pulumi up --replace <AmiPinURN>`
	// adopts the parameter's newest AMI (a new template version, rolled out like a release).
	// "" when ImageID is an AMI ID.
	AmiPinURN pulumi.StringOutput
	// ApplicationImage is the release the instances run, the image reference pinned by digest;
	// "" without Application.Image.
	ApplicationImage pulumi.StringOutput
	// ApplicationLogGroupName is the CloudWatch Logs group of the application's container; ""
	// without Application.Image.
	ApplicationLogGroupName pulumi.StringOutput

	// LoadBalancer is the ALB, for callers adding listener rules.
	LoadBalancer *lb.LoadBalancer
	// AutoScalingGroup is the group, for callers adding schedules or hooks.
	AutoScalingGroup *autoscaling.Group
}

// NewMultiAZWebTier validates args, then builds the load balancer, listeners, target group,
// security groups, instance role, launch template (with the AMI pinned and the application's
// release), Auto Scaling group with its instance refresh, scaling policy, alarms, (with an image)
// the application's log group and image grant, and (when access logs are on and no
// AccessLogs.Bucket is given) an access-log bucket, as children of one MultiAZWebTier component.
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
	tg, err := targetGroup(ctx, name, &a, tags, parent)
	if err != nil {
		return nil, err
	}
	bal, err := loadBalancer(ctx, name, &a, sgs.loadBalancer.ID(), tg, tags, parent)
	if err != nil {
		return nil, err
	}
	alarmArns, rollbackAlarmNames, err := tierAlarms(ctx, name, &a, bal.alb, tg, tags, parent)
	if err != nil {
		return nil, err
	}
	group, err := instances(ctx, name, &a, arch, sgs, tg, rollbackAlarmNames, append(bal.listeners, w), tags)
	if err != nil {
		return nil, err
	}
	if err := scalingPolicy(ctx, name, a.Scaling, group.asg, bal.alb, tg, parent); err != nil {
		return nil, err
	}
	w.setOutputs(&a, bal, tg, sgs, group, alarmArns)
	return w, w.registerOutputs(ctx)
}

// fleet is the instances' side of the tier.
type fleet struct {
	role    *iam.Role
	asg     *autoscaling.Group
	ami     pulumi.StringOutput
	amiPin  *pulumi.Stash
	release *release
	// rollout starts the instance refresh of each new launch template version.
	rollout *lambda.Invocation
}

// instances builds the instance role, the pinned AMI, the application's release (with an
// image), the launch template and the group. after ends with the component, the parent of every
// child; the other entries are resources the group waits for (the listeners).
func instances(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, arch Architecture, sgs *groups, tg *lb.TargetGroup, rollbackAlarms pulumi.StringArrayInput, after []pulumi.Resource, tags pulumi.StringMap) (*fleet, error) {
	w := after[len(after)-1]
	parent := pulumi.Parent(w)
	role, profile, err := instanceRole(ctx, name, a, tags, parent)
	if err != nil {
		return nil, err
	}
	f := &fleet{role: role}
	if f.ami, f.amiPin, err = pinImage(ctx, name, a.ImageID, arch, w); err != nil {
		return nil, err
	}
	ready := after[:len(after)-1]
	if a.Application.Image != nil {
		if f.release, err = imageRelease(ctx, name, *a.Application.Image, role, tags, parent, w); err != nil {
			return nil, err
		}
		ready = append(ready, f.release.ready...)
	}
	lt, err := launchTemplate(ctx, name, a, f.ami, userData(a, f.release), profile, sgs.instances, parent)
	if err != nil {
		return nil, err
	}
	if f.asg, err = autoScalingGroup(ctx, name, a, lt, tg, ready, parent); err != nil {
		return nil, err
	}
	f.rollout, err = rolloutStarter(ctx, name, a, lt, f.asg, role, rollbackAlarms, tags, parent)
	return f, err
}

// setOutputs fills the component's outputs from its children.
func (w *MultiAZWebTier) setOutputs(a *MultiAZWebTierArgs, bal *balancer, tg *lb.TargetGroup, sgs *groups, f *fleet, alarmArns pulumi.StringArrayOutput) {
	w.LoadBalancerArn, w.LoadBalancerArnSuffix = bal.alb.Arn, bal.alb.ArnSuffix
	w.DnsName, w.ZoneID = bal.alb.DnsName, bal.alb.ZoneId
	switch {
	case a.Domain != nil:
		w.URL = pulumi.String("https://" + a.Domain.Name).ToStringOutput()
	case a.CertificateArn != nil:
		w.URL = pulumi.Sprintf("https://%s", bal.alb.DnsName)
	default:
		w.URL = pulumi.Sprintf("http://%s", bal.alb.DnsName)
	}
	w.InstanceSecurityGroupID = sgs.instances.ID().ToStringOutput()
	w.LoadBalancerSecurityGroupID = sgs.loadBalancer.ID().ToStringOutput()
	w.InstanceRoleName, w.InstanceRoleArn = f.role.Name, f.role.Arn
	w.AutoScalingGroupName = f.asg.Name
	w.TargetGroupArn, w.TargetGroupArnSuffix = tg.Arn, tg.ArnSuffix
	w.AccessLogsBucketName = bal.logsBucket
	w.AlarmArns = alarmArns
	w.ImageID = f.ami
	w.AmiPinURN = pulumi.String("").ToStringOutput()
	if f.amiPin != nil {
		w.AmiPinURN = f.amiPin.URN().ToStringOutput()
	}
	w.ApplicationImage, w.ApplicationLogGroupName = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()
	if f.release != nil {
		w.ApplicationImage, w.ApplicationLogGroupName = f.release.image, f.release.logGroup.Name
	}
	w.LoadBalancer, w.AutoScalingGroup = bal.alb, f.asg
}

// registerOutputs is the component's last call: every output field, named as the provider's
// schema names it (components/internal/outputs).
func (w *MultiAZWebTier) registerOutputs(ctx *pulumi.Context) error {
	return outputs.Register(ctx, w)
}
