package stacks

import (
	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/components/cdn"
	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/components/network"
	"github.com/tenkstack/tenk/components/sessions"
	"github.com/tenkstack/tenk/components/waf"
	"github.com/tenkstack/tenk/components/webtier"
)

// Environment selects the baseline a stack starts from.
type Environment string

const (
	// Dev is the cheapest stack that still exercises every component.
	Dev Environment = "dev"
	// Prod is the >10K-user architecture: 3 AZs, NAT per AZ, Multi-AZ data tiers, protection.
	Prod Environment = "prod"
)

// Config is the whole stack configuration: the top-level keys, then each component's Args as the
// stack file and the baseline set them. The Args are the schema: each setting of a section
// (table_<section>.go) sets one of their fields, and Deploy adds only the wiring (VPC, subnets,
// security groups, topics) before handing them to the component.
type Config struct {
	// Environment is tenk:environment, "dev" or "prod"; required.
	Environment Environment
	// Domain is tenk:domain, the site's DNS name. Default "": serve on the CloudFront domain.
	Domain string
	// HostedZoneID is tenk:hostedZoneId, the Route 53 zone for Domain. Default "".
	HostedZoneID string
	// AlarmEmails is tenk:alarmEmails, who the alarm topic e-mails. Default: nobody.
	AlarmEmails []string
	// Protect is tenk:protect: Pulumi protect on every stateful resource. Default false.
	Protect bool

	// Network is tenk:network.
	Network network.NetworkArgs
	// Endpoints is tenk:network's choice of interface endpoints for the instances.
	Endpoints Endpoints
	// Web is tenk:web.
	Web webtier.MultiAZWebTierArgs
	// Database is tenk:database.
	Database database.RdsWithReplicasArgs
	// CDN is tenk:cdn, with WAF.
	CDN cdn.StaticAssetsCdnArgs
	// WAF is tenk:cdn's web ACL: tenk:cdn.waf and tenk:cdn.wafRateLimit.
	WAF WebACL
	// Sessions is tenk:sessions.
	Sessions sessions.SessionTableArgs
	// Cache is tenk:cache.
	Cache cache.CacheClusterArgs
	// App is tenk:app, the application the instances run. Default: the built-in server.
	App Application
}

// Endpoints is when the stack gives the instances interface endpoints to the AWS services they call
// (InstanceServices): a choice of the stack's, not of a component's Args.
type Endpoints struct {
	// InterfaceEndpoints is tenk:network.interfaceEndpoints: EndpointsAuto (the baseline: only
	// without NAT, where the instances have no other way to the AWS APIs) or EndpointsAlways.
	InterfaceEndpoints string
}

// WebACL is tenk's own web ACL in front of CloudFront: whether the stack creates it, and its Args.
type WebACL struct {
	// Enabled creates the web ACL (tenk:cdn.waf). Default false; the prod baseline turns it on.
	Enabled bool
	waf.WebAclArgs
}
