package webtier

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
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
	MinLoadBalancerSubnets      = 2     // ELBv2 CreateLoadBalancer: ALB subnets in ≥2 AZs
	MaxSecurityGroupsPerENI     = 5     // VPC quota "security groups per network interface"
	MaxSecurityGroupsPerALB     = 5     // ELB quota "security groups per load balancer"
	MinRootVolumeGiB            = 8     // the AL2023 AMI's root snapshot
	MaxRootVolumeGiB            = 16384 // gp3 maximum
	MaxStickinessSeconds        = 604800
	MaxDeregistrationDelay      = 3600
	MaxHealthCheckPathLength    = 1024
	MaxLoadBalancerIdleTimeout  = 4000
	MaxHealthCheckGracePeriod   = 86400
	defaultAppPort              = 8080
	defaultHealthCheckPath      = "/health"
	defaultInstanceType         = "m7g.large"
	defaultCPUTarget            = 50
	defaultRequestsPerTarget    = 1000
	defaultMaxSizePerMinSize    = 3
	defaultRootVolumeGiB        = 20
	defaultRootDeviceName       = "/dev/xvda"
	defaultHealthCheckGrace     = 300
	defaultMinHealthyPercentage = 90
	defaultAccessLogsRetention  = 90 // days
)

// MultiAZWebTierArgs configures a MultiAZWebTier. VpcID, InstanceSubnetIDs and
// LoadBalancerSubnetIDs (unless the ALB is internal) are required; every other field has a
// production default. Dev relaxes cost knobs explicitly (smaller
// InstanceType, MinSize 1, DeletionProtection and AccessLogs off), never security ones.
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
	// AccessLogs sends ALB access logs to AccessLogsBucket, or to a bucket the component creates
	// when AccessLogsBucket is nil. Default: true.
	AccessLogs *bool
	// AccessLogsBucket is the name of your own S3 bucket in the ALB's region, encrypted with
	// SSE-S3 (SSE-KMS is not supported) and with the ELB log-delivery bucket policy
	// (AccessLogsBucketPolicy gives it); no bucket is created then. Default: nil, the component
	// creates "<name>-access-logs" (private, SSE-S3, that policy, expiry after
	// AccessLogsRetentionDays).
	AccessLogsBucket pulumi.StringInput
	// AccessLogsRetentionDays is how long the created bucket keeps logs before they expire, ≥1.
	// Not used with AccessLogsBucket (your bucket, your lifecycle). Default: 90.
	AccessLogsRetentionDays int
	// AccessLogsForceDestroy lets Pulumi delete the created bucket with its logs still in it
	// (dev); when false, deleting the tier fails until the bucket is emptied. Not used with
	// AccessLogsBucket. Default: false.
	AccessLogsForceDestroy bool
	// Protect marks the created access-log bucket pulumi.Protect (the tier's one stateful child:
	// internal/stateful), so `pulumi destroy` refuses to delete it. Default: false.
	Protect bool
	// AccessLogsPrefix is the key prefix for logs; it must not contain "AWSLogs" nor start or end
	// with "/". Default: none (logs land under AWSLogs/ at the bucket root).
	AccessLogsPrefix string
	// IdleTimeoutSeconds is the ALB connection idle timeout, 1–4000. Default: 60.
	IdleTimeoutSeconds int
	// ExtraLoadBalancerSecurityGroupIDs are attached to the ALB beside its own group (at most 4).
	// Default: none.
	ExtraLoadBalancerSecurityGroupIDs []pulumi.StringInput

	// AppPort is the port instances serve HTTP on, 1–65535. Default: 8080.
	AppPort int
	// HealthCheckPath is the target group's health-check path, starting with "/", ≤1024
	// characters. Default: "/health" (the default web server answers it).
	HealthCheckPath string
	// HealthCheckMatcher is the HTTP codes counted healthy, 200–499: "200", "200,204" or
	// "200-299". Default: "200".
	HealthCheckMatcher string
	// HealthCheckIntervalSeconds is 5–300. Default: 15.
	HealthCheckIntervalSeconds int
	// HealthCheckTimeoutSeconds is 2–120 and shorter than the interval. Default: 5.
	HealthCheckTimeoutSeconds int
	// HealthyThreshold is consecutive successes before a target is healthy, 2–10. Default: 2.
	HealthyThreshold int
	// UnhealthyThreshold is consecutive failures before a target is unhealthy, 2–10. Default: 3.
	UnhealthyThreshold int
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
	// ImageID is the AMI ("ami-…" or "resolve:ssm:<parameter>"). Default: the latest Amazon Linux
	// 2023 for InstanceType's architecture, resolved by EC2 at launch through the public SSM
	// parameter.
	ImageID pulumi.StringInput
	// ImageArchitecture declares ImageID's architecture so a mismatch with InstanceType is caught
	// before deploying. Default: read from ImageID when it is a known "resolve:ssm:" path naming
	// arm64 or x86_64; otherwise unchecked.
	ImageArchitecture Architecture
	// UserData is the instances' boot script, plain text (the component base64-encodes it).
	// Default: DefaultUserData(AppPort, HealthCheckPath), a tiny web server.
	UserData pulumi.StringInput
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

	// MinSize is the group's minimum size, ≥0. Default: len(InstanceSubnetIDs), one per AZ.
	MinSize *int
	// MaxSize is the group's maximum size, ≥ MinSize and ≥1. Default: 3 × MinSize (at least 3).
	MaxSize int
	// DesiredCapacity is the initial size, MinSize–MaxSize; later deploys leave it to
	// autoscaling. Default: MinSize.
	DesiredCapacity *int
	// HealthCheckGracePeriodSeconds is how long a new instance may fail ELB health checks before
	// it is replaced, 0–86400. Default: 300.
	HealthCheckGracePeriodSeconds int
	// InstanceRefreshMinHealthyPercentage is the share of capacity kept healthy while a launch
	// template change rolls through the group, 0–100. Default: 90.
	InstanceRefreshMinHealthyPercentage *int
	// ScalingMetric is what target tracking holds steady. Default: ScaleOnCPU (requests per target
	// depends on the application; CPU does not).
	ScalingMetric ScalingMetric
	// ScalingTarget is the tracked value: percent CPU (1–100) or requests per target per minute
	// (>0). Default: 50 for CPU, 1000 for requests.
	ScalingTarget float64

	// Alarms creates CloudWatch alarms on target and ALB 5xx, unhealthy hosts, no healthy host
	// (when MinSize ≥1) and p99 target response time. Default: true.
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
	if a.Ingress == "" {
		a.Ingress = IngressInternal
	}
	if len(a.LoadBalancerSubnetIDs) == 0 && a.Ingress == IngressInternal {
		a.LoadBalancerSubnetIDs = a.InstanceSubnetIDs
	}
	if a.SslPolicy == "" {
		a.SslPolicy = DefaultSslPolicy
	}
	a.DeletionProtection = orTrue(a.DeletionProtection)
	a.AccessLogs = orTrue(a.AccessLogs)
	if a.AccessLogsRetentionDays == 0 {
		a.AccessLogsRetentionDays = defaultAccessLogsRetention
	}
	a.DetailedMonitoring = orTrue(a.DetailedMonitoring)
	a.Alarms = orTrue(a.Alarms)
	if a.IdleTimeoutSeconds == 0 {
		a.IdleTimeoutSeconds = 60
	}
	if a.AppPort == 0 {
		a.AppPort = defaultAppPort
	}
	if a.HealthCheckPath == "" {
		a.HealthCheckPath = defaultHealthCheckPath
	}
	if a.HealthCheckMatcher == "" {
		a.HealthCheckMatcher = "200"
	}
	if a.HealthCheckIntervalSeconds == 0 {
		a.HealthCheckIntervalSeconds = 15
	}
	if a.HealthCheckTimeoutSeconds == 0 {
		a.HealthCheckTimeoutSeconds = 5
	}
	if a.HealthyThreshold == 0 {
		a.HealthyThreshold = 2
	}
	if a.UnhealthyThreshold == 0 {
		a.UnhealthyThreshold = 3
	}
	if a.DeregistrationDelaySeconds == nil {
		a.DeregistrationDelaySeconds = argutil.Ptr(30)
	}
	if a.StickinessDurationSeconds == 0 {
		a.StickinessDurationSeconds = 86400
	}
	if a.InstanceType == "" {
		a.InstanceType = defaultInstanceType
	}
	if a.ImageArchitecture == "" {
		if s, ok := a.ImageID.(pulumi.String); ok {
			a.ImageArchitecture = ImageArchitectureOf(string(s))
		}
	}
	if a.RootVolumeSizeGiB == 0 {
		a.RootVolumeSizeGiB = defaultRootVolumeGiB
	}
	if a.RootDeviceName == "" {
		a.RootDeviceName = defaultRootDeviceName
	}
	if a.MinSize == nil {
		a.MinSize = argutil.Ptr(len(a.InstanceSubnetIDs))
	}
	if a.MaxSize == 0 {
		a.MaxSize = defaultMaxSizePerMinSize * max(*a.MinSize, 1)
	}
	if a.DesiredCapacity == nil {
		a.DesiredCapacity = argutil.Ptr(*a.MinSize)
	}
	if a.HealthCheckGracePeriodSeconds == 0 {
		a.HealthCheckGracePeriodSeconds = defaultHealthCheckGrace
	}
	if a.InstanceRefreshMinHealthyPercentage == nil {
		a.InstanceRefreshMinHealthyPercentage = argutil.Ptr(defaultMinHealthyPercentage)
	}
	if a.ScalingMetric == "" {
		a.ScalingMetric = ScaleOnCPU
	}
	if a.ScalingTarget == 0 {
		a.ScalingTarget = defaultCPUTarget
		if a.ScalingMetric == ScaleOnRequestCount {
			a.ScalingTarget = defaultRequestsPerTarget
		}
	}
	if a.AlarmThresholds.ErrorsPerMinute == 0 {
		a.AlarmThresholds.ErrorsPerMinute = 10
	}
	if a.AlarmThresholds.P99LatencySeconds == 0 {
		a.AlarmThresholds.P99LatencySeconds = 2
	}
	return a
}

// Validate reports every problem AWS would reject (or that would leave the tier broken), each
// naming the field, the limit and the fix. It runs before any resource is registered.
func (a MultiAZWebTierArgs) Validate() error {
	a = a.withDefaults()
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	if a.VpcID == nil {
		add("VpcID is required: pass the VPC the instance subnets belong to")
	}
	// One subnet per AZ; the ASG must span two AZs to survive losing one.
	if n := len(a.InstanceSubnetIDs); n < 2 {
		add("InstanceSubnetIDs has %d subnet(s): give one private subnet in each of at least 2 AZs", n)
	}
	if hasNil(a.InstanceSubnetIDs) {
		add("InstanceSubnetIDs contains a nil entry: every subnet ID must be set")
	}
	switch a.Ingress {
	case IngressInternet, IngressCloudFront, IngressInternal:
	default:
		add("Ingress is %q: use %q, %q or %q", a.Ingress, IngressInternet, IngressCloudFront, IngressInternal)
	}
	// ELBv2 CreateLoadBalancer: "You must specify subnets from at least two Availability Zones."
	if n := len(a.LoadBalancerSubnetIDs); n < MinLoadBalancerSubnets {
		add("LoadBalancerSubnetIDs has %d subnet(s): an Application Load Balancer needs subnets in at least %d AZs; give one public subnet per AZ",
			n, MinLoadBalancerSubnets)
	}
	if hasNil(a.LoadBalancerSubnetIDs) {
		add("LoadBalancerSubnetIDs contains a nil entry: every subnet ID must be set")
	}
	if len(a.AllowedSecurityGroupIDs) > 0 && a.Ingress != IngressInternal {
		add("AllowedSecurityGroupIDs is only used with Ingress %q (it is %q): drop it, or make the load balancer internal", IngressInternal, a.Ingress)
	}
	if hasNil(a.AllowedSecurityGroupIDs) {
		add("AllowedSecurityGroupIDs contains a nil entry: every security group ID must be set")
	}
	// Without an explicit policy the API falls back to ELBSecurityPolicy-2016-08 (TLS 1.0/1.1),
	// ELB "Security policies for your Application Load Balancer".
	if !IsModernSslPolicy(a.SslPolicy) {
		add("SslPolicy is %q: it must refuse TLS 1.0 and 1.1; use %q or another ELBSecurityPolicy-TLS13-* policy", a.SslPolicy, DefaultSslPolicy)
	}
	if a.Domain != nil {
		errs = append(errs, a.Domain.validate(a.CertificateArn != nil)...)
	}
	// An internet-facing ALB without a certificate would serve viewers plain HTTP (ELB "Create an
	// HTTPS listener"; awsguard alb-http-to-https-redirection): refuse it.
	if (a.Ingress == IngressInternet || a.Ingress == IngressCloudFront) && !a.hasCertificate() {
		add("Ingress is %q without a certificate: an internet-facing load balancer must serve HTTPS (port 80 only redirects to it); set CertificateArn to an ACM certificate in the ALB's region or Domain to have one issued, or use Ingress %q behind a CloudFront VPC origin", a.Ingress, IngressInternal)
	}
	if s, ok := a.CertificateArn.(pulumi.String); ok && !isCertificateArn(string(s)) {
		add("CertificateArn %q is not an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>): request one in the load balancer's region", string(s))
	}
	// ELB "Enable access logs": the prefix must not contain AWSLogs. Without AccessLogsBucket the
	// component creates a compliant bucket, so that is not an error.
	if a.AccessLogsRetentionDays < 1 {
		add("AccessLogsRetentionDays is %d: keep access logs 1 day or more (default %d)", a.AccessLogsRetentionDays, defaultAccessLogsRetention)
	}
	if strings.Contains(a.AccessLogsPrefix, "AWSLogs") {
		add("AccessLogsPrefix %q contains \"AWSLogs\", which ELB appends itself: remove it", a.AccessLogsPrefix)
	}
	if strings.HasPrefix(a.AccessLogsPrefix, "/") || strings.HasSuffix(a.AccessLogsPrefix, "/") {
		add("AccessLogsPrefix %q must not start or end with \"/\": use a form such as \"web/prod\"", a.AccessLogsPrefix)
	}
	if a.IdleTimeoutSeconds < 1 || a.IdleTimeoutSeconds > MaxLoadBalancerIdleTimeout {
		add("IdleTimeoutSeconds is %d: the ALB accepts 1–%d", a.IdleTimeoutSeconds, MaxLoadBalancerIdleTimeout)
	}
	if n := len(a.ExtraLoadBalancerSecurityGroupIDs) + 1; n > MaxSecurityGroupsPerALB {
		add("ExtraLoadBalancerSecurityGroupIDs has %d groups: with the ALB's own group that is %d, over the limit of %d per load balancer",
			n-1, n, MaxSecurityGroupsPerALB)
	}

	// ELBv2 CreateTargetGroup limits.
	if a.AppPort < 1 || a.AppPort > 65535 {
		add("AppPort is %d: use a TCP port 1–65535", a.AppPort)
	}
	if !strings.HasPrefix(a.HealthCheckPath, "/") || len(a.HealthCheckPath) > MaxHealthCheckPathLength {
		add("HealthCheckPath %q must start with \"/\" and be at most %d characters", a.HealthCheckPath, MaxHealthCheckPathLength)
	}
	if !validMatcher(a.HealthCheckMatcher) {
		add("HealthCheckMatcher %q: use HTTP codes 200–499 as \"200\", \"200,204\" or \"200-299\"", a.HealthCheckMatcher)
	}
	if a.HealthCheckIntervalSeconds < 5 || a.HealthCheckIntervalSeconds > 300 {
		add("HealthCheckIntervalSeconds is %d: use 5–300", a.HealthCheckIntervalSeconds)
	}
	if a.HealthCheckTimeoutSeconds < 2 || a.HealthCheckTimeoutSeconds > 120 {
		add("HealthCheckTimeoutSeconds is %d: use 2–120", a.HealthCheckTimeoutSeconds)
	}
	if a.HealthCheckTimeoutSeconds >= a.HealthCheckIntervalSeconds {
		add("HealthCheckTimeoutSeconds (%d) must be shorter than HealthCheckIntervalSeconds (%d)", a.HealthCheckTimeoutSeconds, a.HealthCheckIntervalSeconds)
	}
	if a.HealthyThreshold < 2 || a.HealthyThreshold > 10 {
		add("HealthyThreshold is %d: use 2–10", a.HealthyThreshold)
	}
	if a.UnhealthyThreshold < 2 || a.UnhealthyThreshold > 10 {
		add("UnhealthyThreshold is %d: use 2–10", a.UnhealthyThreshold)
	}
	if d := *a.DeregistrationDelaySeconds; d < 0 || d > MaxDeregistrationDelay {
		add("DeregistrationDelaySeconds is %d: use 0–%d", d, MaxDeregistrationDelay)
	}
	if a.StickinessDurationSeconds < 1 || a.StickinessDurationSeconds > MaxStickinessSeconds {
		add("StickinessDurationSeconds is %d: a load-balancer cookie lasts 1–%d seconds", a.StickinessDurationSeconds, MaxStickinessSeconds)
	}

	arch, ok := InstanceArchitecture(a.InstanceType)
	if !ok {
		add("InstanceType %q is not an EC2 instance type: use one such as \"m7g.large\"", a.InstanceType)
	}
	switch a.ImageArchitecture {
	case "", ArchArm64, ArchX86:
	default:
		add("ImageArchitecture is %q: use %q or %q", a.ImageArchitecture, ArchArm64, ArchX86)
	}
	// An AMI runs only on its own architecture (EC2 RunInstances rejects the pair).
	if ok && a.ImageID != nil && (a.ImageArchitecture == ArchArm64 || a.ImageArchitecture == ArchX86) && a.ImageArchitecture != arch {
		add("InstanceType %q is %s but the image is %s: pick a %s image, or an instance type of the image's architecture",
			a.InstanceType, arch, a.ImageArchitecture, arch)
	}
	if a.RootVolumeSizeGiB < MinRootVolumeGiB || a.RootVolumeSizeGiB > MaxRootVolumeGiB {
		add("RootVolumeSizeGiB is %d: use %d–%d (the image's snapshot up to the gp3 maximum)", a.RootVolumeSizeGiB, MinRootVolumeGiB, MaxRootVolumeGiB)
	}
	for _, key := range sortedKeys(a.InstancePolicyArns) {
		if !policyKey.MatchString(key) {
			add("InstancePolicyArns key %q names a resource: use 1–32 of a-z, 0-9 and \"-\"", key)
		}
		if a.InstancePolicyArns[key] == nil {
			add("InstancePolicyArns[%q] is nil: give a policy ARN or drop the key", key)
		}
	}
	if n := len(a.ExtraInstanceSecurityGroupIDs) + 1; n > MaxSecurityGroupsPerENI {
		add("ExtraInstanceSecurityGroupIDs has %d groups: with the instances' own group that is %d, over the limit of %d per network interface",
			n-1, n, MaxSecurityGroupsPerENI)
	}
	if hasNil(a.ExtraInstanceSecurityGroupIDs) || hasNil(a.ExtraLoadBalancerSecurityGroupIDs) {
		add("ExtraInstanceSecurityGroupIDs and ExtraLoadBalancerSecurityGroupIDs must not contain nil entries")
	}

	minSize, desired := *a.MinSize, *a.DesiredCapacity
	if minSize < 0 {
		add("MinSize is %d: use 0 or more", minSize)
	}
	if a.MaxSize < 1 || a.MaxSize < minSize {
		add("MaxSize is %d: it must be at least 1 and at least MinSize (%d)", a.MaxSize, minSize)
	}
	if desired < minSize || desired > a.MaxSize {
		add("DesiredCapacity is %d: it must lie between MinSize (%d) and MaxSize (%d)", desired, minSize, a.MaxSize)
	}
	if a.HealthCheckGracePeriodSeconds < 0 || a.HealthCheckGracePeriodSeconds > MaxHealthCheckGracePeriod {
		add("HealthCheckGracePeriodSeconds is %d: use 0–%d", a.HealthCheckGracePeriodSeconds, MaxHealthCheckGracePeriod)
	}
	if p := *a.InstanceRefreshMinHealthyPercentage; p < 0 || p > 100 {
		add("InstanceRefreshMinHealthyPercentage is %d: use 0–100", p)
	}
	switch a.ScalingMetric {
	case ScaleOnCPU:
		if a.ScalingTarget <= 0 || a.ScalingTarget > 100 {
			add("ScalingTarget is %g: CPU utilisation is a percentage, use 1–100", a.ScalingTarget)
		}
	case ScaleOnRequestCount:
		if a.ScalingTarget <= 0 {
			add("ScalingTarget is %g: requests per target must be positive", a.ScalingTarget)
		}
	default:
		add("ScalingMetric is %q: use %q or %q", a.ScalingMetric, ScaleOnCPU, ScaleOnRequestCount)
	}
	if t := a.AlarmThresholds; t.ErrorsPerMinute < 1 {
		add("AlarmThresholds.ErrorsPerMinute is %d: use 1 or more", t.ErrorsPerMinute)
	}
	if t := a.AlarmThresholds; t.P99LatencySeconds <= 0 {
		add("AlarmThresholds.P99LatencySeconds is %g: use a positive number of seconds", t.P99LatencySeconds)
	}
	return errors.Join(errs...)
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

// validMatcher accepts "200", "200,204" and "200-299" with codes 200–499 (ELBv2 Matcher.HttpCode).
func validMatcher(m string) bool {
	code := func(s string) (int, bool) {
		n, err := strconv.Atoi(s)
		return n, err == nil && n >= 200 && n <= 499
	}
	if lo, hi, ok := strings.Cut(m, "-"); ok {
		l, okL := code(lo)
		h, okH := code(hi)
		return okL && okH && l < h
	}
	for _, part := range strings.Split(m, ",") {
		if _, ok := code(part); !ok {
			return false
		}
	}
	return true
}

func hasNil(list []pulumi.StringInput) bool {
	return slices.ContainsFunc(list, func(s pulumi.StringInput) bool { return s == nil })
}

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
