package webtier

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// IngressMode decides who may reach the load balancer.
type IngressMode string

const (
	// IngressInternet makes the ALB internet-facing, for a tier used without CloudFront: it needs a
	// certificate (CertificateArn or Domain), serves HTTPS on 443 and answers 80 only with a 301
	// redirect to HTTPS; both ports admit 0.0.0.0/0 and ::/0, the only open ingress in tenk.
	IngressInternet IngressMode = "internet"
	// IngressCloudFront makes the ALB internet-facing but admits only CloudFront's origin-facing
	// servers (managed prefix list com.amazonaws.global.cloudfront.origin-facing) on 443; it needs a
	// certificate. That list admits every distribution of every account: prefer IngressInternal
	// behind a CloudFront VPC origin.
	IngressCloudFront IngressMode = "cloudfront"
	// IngressInternal makes the ALB internal (no public address; for a CloudFront VPC origin or
	// in-VPC callers) and admits only AllowedSecurityGroupIDs. The default.
	IngressInternal IngressMode = "internal"
)

// ScalingMetric is what the target-tracking policy holds steady.
type ScalingMetric string

const (
	// ScaleOnCPU tracks the group's average CPU utilisation (percent).
	ScaleOnCPU ScalingMetric = "CPU"
	// ScaleOnRequestCount tracks ALB requests per target per minute.
	ScaleOnRequestCount ScalingMetric = "RequestCountPerTarget"
)

// CloudFrontPrefixList is the AWS-managed prefix list of CloudFront's origin-facing addresses.
const CloudFrontPrefixList = "com.amazonaws.global.cloudfront.origin-facing"

// Limits the API enforces, kept in one place (ELBv2 CreateTargetGroup, CreateLoadBalancer,
// ModifyTargetGroupAttributes, EC2 gp3 volumes, VPC quotas).
const (
	MinLoadBalancerSubnets     = 2     // ELBv2 CreateLoadBalancer: ALB subnets in ≥2 AZs
	MaxSecurityGroupsPerENI    = 5     // VPC quota "security groups per network interface"
	MaxSecurityGroupsPerALB    = 5     // ELB quota "security groups per load balancer"
	MinRootVolumeGiB           = 8     // the AL2023 AMI's root snapshot
	MaxRootVolumeGiB           = 16384 // gp3 maximum
	MaxStickinessSeconds       = 604800
	MaxDeregistrationDelay     = 3600
	MaxHealthCheckPathLength   = 1024
	MaxLoadBalancerIdleTimeout = 4000
	MaxHealthCheckGracePeriod  = 86400
	defaultAppPort             = 8080
	defaultHealthCheckPath     = "/health"
	defaultInstanceType        = "m7g.large"
	defaultCPUTarget           = 50
	defaultRequestsPerTarget   = 1000
	defaultMaxSizePerMinSize   = 3
	defaultRootVolumeGiB       = 20
	defaultRootDeviceName      = "/dev/xvda"
	defaultHealthCheckGrace    = 300
	defaultAccessLogsRetention = 90 // days
)

// MultiAZWebTierArgs configures a MultiAZWebTier. VpcID, InstanceSubnetIDs and
// LoadBalancerSubnetIDs (unless the ALB is internal) are required; every other field has a
// production default. Dev relaxes cost knobs explicitly (smaller
// InstanceType, Scaling.MinSize 1, DeletionProtection and AccessLogs off), never security ones.
type MultiAZWebTierArgs struct {
	// VpcID is the VPC the security groups and target group live in. Required.
	VpcID pulumi.StringInput
	// InstanceSubnetIDs are the private subnets, one per AZ, the Auto Scaling group spreads over.
	// At least 2 (the tier must survive an AZ). Required.
	InstanceSubnetIDs []pulumi.StringInput
	// LoadBalancerSubnetIDs are the ALB's subnets, one per AZ, at least 2: public subnets when the
	// ALB is internet-facing (IngressInternet, IngressCloudFront). Default: InstanceSubnetIDs when
	// Ingress is IngressInternal; required otherwise.
	LoadBalancerSubnetIDs []pulumi.StringInput
	// VpcCidrBlock, when set, lets instances open TCP connections anywhere in the VPC (databases,
	// caches: each still admits only the security groups it is given). Default: nil, instances may
	// reach only HTTPS (443) destinations; add your own vpc.SecurityGroupEgressRule on
	// InstanceSecurityGroupID for anything else.
	VpcCidrBlock pulumi.StringInput

	// Ingress is who may reach the ALB. Default: IngressInternal (nothing outside the VPC reaches
	// the ALB unless the caller says so).
	Ingress IngressMode
	// AllowedSecurityGroupIDs are admitted to an internal ALB on its listener port, one rule each
	// (for a CloudFront VPC origin, its service security group). Only with IngressInternal.
	// Default: none (add rules on LoadBalancerSecurityGroupID later).
	AllowedSecurityGroupIDs []pulumi.StringInput
	// CertificateArn is an ACM certificate in the ALB's region. When set, the ALB serves HTTPS on
	// 443 (and, when internet-facing, redirects 80 to it); when neither it nor Domain is set, an
	// internal ALB serves plain HTTP on 80 inside the VPC. Required (or Domain) for an
	// internet-facing ALB. Default: nil.
	CertificateArn pulumi.StringInput
	// Domain has the component issue the ALB's certificate instead: an ACM certificate in the
	// ALB's region for Domain.Name, validated by DNS in Domain.HostedZoneID, and an alias record
	// Domain.Name → ALB. Not with CertificateArn. Default: nil.
	Domain *LoadBalancerDomain
	// SslPolicy is the HTTPS listener's security policy; it must refuse TLS 1.0/1.1 (TLS13-*,
	// TLS-1-2-*, FS-1-2-*). Default: "ELBSecurityPolicy-TLS13-1-2-2021-06".
	SslPolicy string

	// DeletionProtection blocks deleting the ALB until switched off. Default: true.
	DeletionProtection *bool
	// AccessLogs is where ALB access logs go. Default: on, to a bucket the component creates
	// (see AccessLogs).
	AccessLogs AccessLogs
	// Protect marks the created access-log bucket pulumi.Protect (the tier's one stateful child:
	// internal/stateful), so `pulumi destroy` refuses to delete it. Default: false.
	Protect bool
	// IdleTimeoutSeconds is the ALB connection idle timeout, 1–4000. Default: 60.
	IdleTimeoutSeconds int
	// ExtraLoadBalancerSecurityGroupIDs are attached to the ALB beside its own group (at most 4).
	// Default: none.
	ExtraLoadBalancerSecurityGroupIDs []pulumi.StringInput

	// AppPort is the port instances serve HTTP on, 1–65535. Default: 8080.
	AppPort int
	// HealthCheck is how the target group and the Auto Scaling group judge an instance.
	// Default: GET /health every 15 s, "200" healthy (see HealthCheck).
	HealthCheck HealthCheck
	// DeregistrationDelaySeconds is how long a leaving instance drains, 0–3600. Default: 30.
	DeregistrationDelaySeconds *int
	// StickySessions pins each client to one instance with a load-balancer cookie. tenk keeps
	// sessions in DynamoDB, so it is off by default. Default: false.
	StickySessions bool
	// StickinessDurationSeconds is the cookie's lifetime, 1–604800. Default: 86400 (one day).
	StickinessDurationSeconds int

	// InstanceType is the EC2 instance type; it decides the default image's architecture
	// (Graviton families such as t4g, m7g, c7gn, r8g are arm64). Default: "m7g.large".
	InstanceType string
	// ImageID is the AMI: "ami-…", or "resolve:ssm:<parameter>" naming a public or own SSM
	// parameter that holds one. A parameter is resolved when the tier is created and the AMI it
	// held is kept (Auto Scaling rolls back only to a concrete AMI): adopt a newer one with
	// `pulumi up --replace <AmiPinURN>`. Default: Amazon Linux 2023 for InstanceType's
	// architecture, from AWS's public parameter.
	ImageID pulumi.StringInput
	// ImageArchitecture declares ImageID's architecture so a mismatch with InstanceType is caught
	// before deploying. Default: read from ImageID when it is a known "resolve:ssm:" path naming
	// arm64 or x86_64; otherwise unchecked.
	ImageArchitecture Architecture
	// Application is what the instances run: an image, a script, or (the zero value) the
	// built-in server. The tier keeps the settings machinery around it (see Application).
	Application Application
	// Settings is the SSM path the instances read their settings from at boot into
	// /etc/tenk/app.env, and re-read every minute (restarting tenk-web.service on a change).
	// Default: nil, no stack settings: app.env holds APP_PORT, APP_HEALTH_PATH, AWS_REGION and
	// the image's Environment.
	Settings *Settings
	// Rollout is how a new launch template version (a release, an AMI) rolls through the group.
	// Default: launch before terminate, half the group baking 10 minutes first, rolled back on a
	// failed health check or a 5xx / unhealthy-host alarm (see Rollout).
	Rollout Rollout
	// RootVolumeSizeGiB is the encrypted gp3 root volume's size, 8–16384. Default: 20.
	RootVolumeSizeGiB int
	// RootDeviceName is the image's root device. Default: "/dev/xvda" (Amazon Linux 2023).
	RootDeviceName string
	// DetailedMonitoring sends instance metrics every minute instead of five. Default: true.
	DetailedMonitoring *bool
	// InstancePolicyArns attaches extra managed policies to the instance role, keyed by a short
	// stable name ([a-z0-9-]) that names the attachment, so removing one never re-creates the
	// others. The role always holds SessionManagerPolicy inline (Session Manager without
	// AmazonSSMManagedInstanceCore's account-wide parameter reads). Default: none.
	InstancePolicyArns map[string]pulumi.StringInput
	// ExtraInstanceSecurityGroupIDs are attached to instances beside their own group (at most 4).
	// Default: none.
	ExtraInstanceSecurityGroupIDs []pulumi.StringInput

	// Scaling is the Auto Scaling group's size and target tracking. Default:
	// one instance per AZ, up to three times that, tracking 50% CPU (see Scaling).
	Scaling Scaling

	// Alarms creates CloudWatch alarms on target and ALB 5xx, unhealthy hosts, no healthy host
	// (when Scaling.MinSize ≥1) and p99 target response time. Default: true.
	Alarms *bool
	// AlarmTopicArn is an SNS topic notified on alarm and on recovery. Default: nil (no actions).
	AlarmTopicArn pulumi.StringInput
	// AlarmThresholds are the alarms' thresholds; zero fields take their defaults.
	AlarmThresholds AlarmThresholds

	// Tags are added to every resource that takes tags, and propagated to instances and volumes.
	// Default: none.
	Tags map[string]string
}

// withDefaults returns a copy of args with every unset field at its documented default.
func (a MultiAZWebTierArgs) withDefaults() MultiAZWebTierArgs {
	argutil.Default(&a.Ingress, IngressInternal)
	if len(a.LoadBalancerSubnetIDs) == 0 && a.Ingress == IngressInternal {
		a.LoadBalancerSubnetIDs = a.InstanceSubnetIDs
	}
	argutil.Default(&a.SslPolicy, DefaultSslPolicy)
	a.DeletionProtection = orTrue(a.DeletionProtection)
	a.AccessLogs = a.AccessLogs.withDefaults()
	a.DetailedMonitoring = orTrue(a.DetailedMonitoring)
	argutil.Default(&a.IdleTimeoutSeconds, 60)
	argutil.Default(&a.AppPort, defaultAppPort)
	a.HealthCheck = a.HealthCheck.withDefaults()
	argutil.DefaultPtr(&a.DeregistrationDelaySeconds, 30)
	argutil.Default(&a.StickinessDurationSeconds, 86400)
	argutil.Default(&a.InstanceType, defaultInstanceType)
	if a.ImageArchitecture == "" {
		if s, ok := a.ImageID.(pulumi.String); ok {
			a.ImageArchitecture = ImageArchitectureOf(string(s))
		}
	}
	argutil.Default(&a.RootVolumeSizeGiB, defaultRootVolumeGiB)
	argutil.Default(&a.RootDeviceName, defaultRootDeviceName)
	a.Scaling = a.Scaling.withDefaults(len(a.InstanceSubnetIDs))
	a.Rollout = a.Rollout.withDefaults()
	if a.Application.Image != nil {
		img := a.Application.Image.withDefaults()
		a.Application.Image = &img
	}
	a.AlarmThresholds = a.AlarmThresholds.withDefaults()
	return a
}

// Validate reports every problem AWS would reject (or that would leave the tier broken), each
// naming the field, the limit and the fix. It runs before any resource is registered.
func (a MultiAZWebTierArgs) Validate() error {
	a = a.withDefaults()
	var l fielderr.List

	l.Required("VpcID", a.VpcID != nil, "pass the VPC the instance subnets belong to")
	// One subnet per AZ; the ASG must span two AZs to survive losing one.
	if n := len(a.InstanceSubnetIDs); n < 2 {
		l.Addf("InstanceSubnetIDs", "has %d subnet(s): give one private subnet in each of at least 2 AZs", n)
	}
	fielderr.NoNil(&l, "InstanceSubnetIDs", a.InstanceSubnetIDs, "a subnet ID")
	fielderr.OneOf(&l, "Ingress", a.Ingress, IngressInternet, IngressCloudFront, IngressInternal)
	// ELBv2 CreateLoadBalancer: "You must specify subnets from at least two Availability Zones."
	if n := len(a.LoadBalancerSubnetIDs); n < MinLoadBalancerSubnets {
		l.Addf("LoadBalancerSubnetIDs", "has %d subnet(s): an Application Load Balancer needs subnets in at least %d AZs; give one public subnet per AZ",
			n, MinLoadBalancerSubnets)
	}
	fielderr.NoNil(&l, "LoadBalancerSubnetIDs", a.LoadBalancerSubnetIDs, "a subnet ID")
	if len(a.AllowedSecurityGroupIDs) > 0 && a.Ingress != IngressInternal {
		l.Addf("AllowedSecurityGroupIDs", "is only used with %s %q (it is %q): drop it, or make the load balancer internal", fielderr.Ref("Ingress"), IngressInternal, a.Ingress)
	}
	fielderr.NoNil(&l, "AllowedSecurityGroupIDs", a.AllowedSecurityGroupIDs, "a security group ID")
	// Without an explicit policy the API falls back to ELBSecurityPolicy-2016-08 (TLS 1.0/1.1),
	// ELB "Security policies for your Application Load Balancer".
	if !IsModernSslPolicy(a.SslPolicy) {
		l.Addf("SslPolicy", "is %q: it must refuse TLS 1.0 and 1.1; use %q or another ELBSecurityPolicy-TLS13-* policy", a.SslPolicy, DefaultSslPolicy)
	}
	if a.Domain != nil {
		a.Domain.validate("Domain", a.CertificateArn != nil, &l)
	}
	// An internet-facing ALB without a certificate would serve viewers plain HTTP (ELB "Create an
	// HTTPS listener"; awsguard alb-http-to-https-redirection): refuse it.
	if (a.Ingress == IngressInternet || a.Ingress == IngressCloudFront) && !a.hasCertificate() {
		l.Addf("Ingress", "is %q without a certificate: an internet-facing load balancer must serve HTTPS (port 80 only redirects to it); set %s to an ACM certificate in the ALB's region or %s to have one issued, or use Ingress %q behind a CloudFront VPC origin",
			a.Ingress, fielderr.Ref("CertificateArn"), fielderr.Ref("Domain"), IngressInternal)
	}
	if s, ok := a.CertificateArn.(pulumi.String); ok && !isCertificateArn(string(s)) {
		l.Addf("CertificateArn", "%q is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>): request one in the load balancer's region", string(s))
	}
	a.AccessLogs.validate("AccessLogs", &l)
	fielderr.Range(&l, "IdleTimeoutSeconds", a.IdleTimeoutSeconds, 1, MaxLoadBalancerIdleTimeout, "the ALB")
	if n := len(a.ExtraLoadBalancerSecurityGroupIDs) + 1; n > MaxSecurityGroupsPerALB {
		l.Addf("ExtraLoadBalancerSecurityGroupIDs", "has %d groups: with the ALB's own group that is %d, over the limit of %d per load balancer",
			n-1, n, MaxSecurityGroupsPerALB)
	}
	fielderr.NoNil(&l, "ExtraLoadBalancerSecurityGroupIDs", a.ExtraLoadBalancerSecurityGroupIDs, "a security group ID")

	// ELBv2 CreateTargetGroup limits.
	if a.AppPort < 1 || a.AppPort > 65535 {
		l.Addf("AppPort", "is %d: use a TCP port 1–65535", a.AppPort)
	}
	a.HealthCheck.validate("HealthCheck", &l)
	fielderr.Range(&l, "DeregistrationDelaySeconds", *a.DeregistrationDelaySeconds, 0, MaxDeregistrationDelay, "")
	if a.StickinessDurationSeconds < 1 || a.StickinessDurationSeconds > MaxStickinessSeconds {
		l.Addf("StickinessDurationSeconds", "is %d: a load-balancer cookie lasts 1–%d seconds", a.StickinessDurationSeconds, MaxStickinessSeconds)
	}

	a.validateInstances(&l)
	a.Scaling.validate("Scaling", &l)
	a.Rollout.validate("Rollout", &l)
	a.Application.validate("Application", &l)
	a.Settings.validate("Settings", &l)
	a.validateUserDataSize(&l)
	a.AlarmThresholds.validate("AlarmThresholds", &l)
	return l.Err()
}

// validateInstances checks what the launch template is made of: the instance type and its image,
// the root volume, the extra policies and security groups.
func (a MultiAZWebTierArgs) validateInstances(l *fielderr.List) {
	arch, ok := InstanceArchitecture(a.InstanceType)
	if !ok {
		l.Addf("InstanceType", "%q is not an EC2 instance type: use one such as \"m7g.large\"", a.InstanceType)
	}
	switch a.ImageArchitecture {
	case "", ArchArm64, ArchX86:
	default:
		l.Addf("ImageArchitecture", "is %q: use %q or %q", a.ImageArchitecture, ArchArm64, ArchX86)
	}
	// An AMI runs only on its own architecture (EC2 RunInstances rejects the pair).
	if ok && a.ImageID != nil && (a.ImageArchitecture == ArchArm64 || a.ImageArchitecture == ArchX86) && a.ImageArchitecture != arch {
		l.Addf("InstanceType", "%q is %s but the image is %s: pick a %s image, or an instance type of the image's architecture",
			a.InstanceType, arch, a.ImageArchitecture, arch)
	}
	if a.RootVolumeSizeGiB < MinRootVolumeGiB || a.RootVolumeSizeGiB > MaxRootVolumeGiB {
		l.Addf("RootVolumeSizeGiB", "is %d: use %d–%d (the image's snapshot up to the gp3 maximum)", a.RootVolumeSizeGiB, MinRootVolumeGiB, MaxRootVolumeGiB)
	}
	for _, key := range sortedKeys(a.InstancePolicyArns) {
		if !policyKey.MatchString(key) {
			l.Addf(fielderr.Key("InstancePolicyArns", key), "names a resource: use a key of 1–32 of a-z, 0-9 and \"-\"")
		}
		if a.InstancePolicyArns[key] == nil {
			l.Addf(fielderr.Key("InstancePolicyArns", key), "is nil: give a policy ARN or drop the key")
		}
	}
	if n := len(a.ExtraInstanceSecurityGroupIDs) + 1; n > MaxSecurityGroupsPerENI {
		l.Addf("ExtraInstanceSecurityGroupIDs", "has %d groups: with the instances' own group that is %d, over the limit of %d per network interface",
			n-1, n, MaxSecurityGroupsPerENI)
	}
	fielderr.NoNil(l, "ExtraInstanceSecurityGroupIDs", a.ExtraInstanceSecurityGroupIDs, "a security group ID")

}

// validateName checks the component name against the ALB and target group naming rules, since
// their auto-names start with it: letters, digits and hyphens only, not starting or ending with a
// hyphen, not starting with "internal-" (ELBv2 CreateLoadBalancer / CreateTargetGroup "Name").
// Auto-naming trims the name to the 32-character limit, so length is not checked.
func validateName(name string) error {
	if !componentName.MatchString(name) || strings.HasPrefix(name, "internal-") {
		return fmt.Errorf("name %q: load balancer and target group names allow only letters, digits and inner hyphens, and may not start with \"internal-\"; rename the component", name)
	}
	return nil
}

var (
	componentName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$`)
	policyKey     = regexp.MustCompile(`^[a-z0-9-]{1,32}$`)
	certificate   = regexp.MustCompile(`^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$`)
)

func isCertificateArn(s string) bool { return certificate.MatchString(s) }

// hasCertificate reports whether the ALB serves HTTPS: a caller's certificate or an issued one.
func (a *MultiAZWebTierArgs) hasCertificate() bool { return a.CertificateArn != nil || a.Domain != nil }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func orTrue(b *bool) *bool {
	if b == nil {
		return argutil.Ptr(true)
	}
	return b
}
