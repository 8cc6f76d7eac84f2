package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/webtier"
)

// wiring is what one component needs from the others. Deploy fills it from real outputs as the
// components are created; validation fills it with placeholders, so that the same mapping from
// config to component args is checked before anything is registered.
type wiring struct {
	vpcID                     pulumi.StringInput
	vpcCidr                   string
	azs                       []string
	public, private, isolated []pulumi.StringInput
	alarmTopicArn             pulumi.StringInput
	eventTopicArn             pulumi.StringInput // ElastiCache events: an unencrypted topic (alerts.AlarmTopicArgs.EventTopic)
	webSecurityGroupID        pulumi.StringInput
	webDNSName                pulumi.StringInput
	webLoadBalancerArn        pulumi.StringInput
	// vpcOriginSecurityGroupID is CloudFront's VPC-origin security group, the one peer the
	// internal load balancer admits; it is known only after the CDN's VPC origin exists.
	vpcOriginSecurityGroupID pulumi.StringInput
	webACLArn                pulumi.StringInput      // tenk's own web ACL, when tenk:cdn.waf is on
	wafAlarmTopicArn         pulumi.StringInput      // a topic in us-east-1, where the WAF alarm lives
	usEast1Provider          pulumi.ProviderResource // nil: the stack's default provider is in us-east-1
	settingsPrefix           string                  // the SSM path of the instances' settings
	tags                     map[string]string
}

// placeholderWiring stands in for the network and web tier outputs during validation.
func placeholderWiring(cfg Config) wiring {
	// An AZ count outside 2–3 is the network's error; the others see a valid count, so that one
	// bad key is reported once rather than again as too few subnets for every tier.
	n := min(max(cfg.Network.AvailabilityZoneCount, network.MinAvailabilityZones), network.MaxAvailabilityZones)
	subnets := func(tier string) []pulumi.StringInput {
		out := make([]pulumi.StringInput, n)
		for i := range out {
			out[i] = pulumi.Sprintf("subnet-%s-%d", tier, i)
		}
		return out
	}
	azs := make([]string, n)
	for i := range azs {
		azs[i] = "az-" + string(rune('a'+i))
	}
	return wiring{
		vpcID: pulumi.String("vpc"), vpcCidr: cfg.Network.CidrBlock, azs: azs,
		public: subnets("public"), private: subnets("private"), isolated: subnets("isolated"),
		alarmTopicArn: pulumi.String("topic"), webSecurityGroupID: pulumi.String("sg-web"),
		webDNSName:               pulumi.String("internal-web.elb.amazonaws.com"),
		webLoadBalancerArn:       pulumi.String("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/0"),
		vpcOriginSecurityGroupID: pulumi.String("sg-vpc-origin"),
		settingsPrefix:           SettingsPrefix("stack"),
	}
}

// The args builders start from the Args the config holds (baseline and stack file) and add what
// comes from the wiring and from the top-level keys. They copy before they set, so the config
// is never changed.

func networkArgs(cfg Config, w wiring) *network.NetworkArgs {
	a := cfg.Network
	a.RequiredInstanceTypes = webInstanceTypes(cfg)
	a.CloudFrontVpcOrigin = true // CloudFront reaches the internal load balancer through a VPC origin
	a.Tags = w.tags
	return &a
}

// originName is the load balancer's DNS name when tenk:domain is set: CloudFront connects to it
// over HTTPS and checks the ALB's certificate against it.
func originName(domain string) string { return "origin." + domain }

// webArgs: the load balancer is internal, in the private subnets, and admits only CloudFront's
// VPC-origin security group; with tenk:domain it serves HTTPS with a certificate for
// originName(domain) (see README, "What is encrypted").
func webArgs(cfg Config, w wiring) *webtier.MultiAZWebTierArgs {
	a := cfg.Web
	a.VpcID = w.vpcID
	a.VpcCidrBlock = pulumi.String(w.vpcCidr)
	a.InstanceSubnetIDs, a.LoadBalancerSubnetIDs = w.private, w.private
	a.Ingress = webtier.IngressInternal
	a.AllowedSecurityGroupIDs = []pulumi.StringInput{w.vpcOriginSecurityGroupID}
	a.Protect = cfg.Protect
	a.Settings = webSettings(w.settingsPrefix)
	a.Rollout = rollout(cfg.Environment, a.Rollout.RollbackOnAlarms)
	a.AlarmTopicArn = w.alarmTopicArn
	a.Tags = w.tags
	if cfg.Domain != "" {
		a.Domain = &webtier.LoadBalancerDomain{Name: originName(cfg.Domain), HostedZoneID: pulumi.String(cfg.HostedZoneID)}
	}
	return &a
}

func databaseArgs(cfg Config, w wiring) *database.RdsWithReplicasArgs {
	a := cfg.Database
	a.VpcID = w.vpcID
	a.SubnetIDs = w.isolated
	a.AvailabilityZones = w.azs
	a.AllowedSecurityGroupIDs = []pulumi.StringInput{w.webSecurityGroupID}
	a.Protect = cfg.Protect
	a.AlarmTopicArn = w.alarmTopicArn
	a.Tags = w.tags
	// The stack keeps its CloudWatch logs (VPC flow logs, database logs) equally long.
	a.LogRetentionDays = cfg.Network.FlowLogRetentionDays
	return &a
}

func cacheArgs(cfg Config, w wiring) *cache.CacheClusterArgs {
	a := cfg.Cache
	a.VpcID = w.vpcID
	a.SubnetIDs = w.isolated
	a.AvailabilityZones = w.azs
	a.AllowedSecurityGroupIDs = []pulumi.StringInput{w.webSecurityGroupID}
	a.AlarmTopicArn = w.alarmTopicArn
	a.EventTopicArn = w.eventTopicArn
	a.Protect = cfg.Protect
	a.Tags = w.tags
	if a.Engine != cache.EngineMemcached {
		// A prod cache that keeps snapshots takes a last one when it is deleted; Memcached has none.
		a.FinalSnapshot = pulumi.BoolRef(cfg.Environment == Prod && a.SnapshotRetentionDays != nil && *a.SnapshotRetentionDays > 0)
	}
	return &a
}

func sessionsArgs(cfg Config, w wiring) *sessions.SessionTableArgs {
	a := cfg.Sessions
	a.Protect = cfg.Protect
	a.AlarmTopicArn = w.alarmTopicArn
	a.Tags = w.tags
	return &a
}

func cdnArgs(cfg Config, w wiring) *cdn.StaticAssetsCdnArgs {
	a := cfg.CDN
	a.Protect = cfg.Protect
	// The internal load balancer through a CloudFront VPC origin: HTTP inside the VPC origin
	// without a domain, HTTPS (TLS 1.2, the ALB's certificate checked) with one.
	origin := cdn.DynamicOrigin{}
	if a.DynamicOrigin != nil {
		origin = *a.DynamicOrigin
	}
	origin.DomainName, origin.VPCOrigin, origin.LoadBalancerArn = w.webDNSName, true, w.webLoadBalancerArn
	a.DynamicOrigin = &origin
	a.Tags = w.tags
	if a.WebACLArn == nil && w.webACLArn != nil {
		a.WebACLArn = w.webACLArn
	}
	if w.usEast1Provider != nil {
		a.UsEast1Provider = w.usEast1Provider
	}
	if cfg.Domain != "" {
		origin.DomainName = pulumi.String(originName(cfg.Domain))
		origin.HTTPS = true
		a.Domain = &cdn.CustomDomain{Names: []string{cfg.Domain}, HostedZoneID: pulumi.String(cfg.HostedZoneID)}
	}
	return &a
}
