package stacks

// Environment selects the baseline a stack starts from.
type Environment string

const (
	// Dev is the cheapest stack that still exercises every component.
	Dev Environment = "dev"
	// Prod is the >10K-user architecture: 3 AZs, NAT per AZ, Multi-AZ data tiers, protection.
	Prod Environment = "prod"
)

// Config is the whole stack configuration: the top-level keys, then one section per component.
// A top-level field's `key` tag is its `tenk:<key>` name; each section is one `tenk:<section>`
// object key, whose settings are the rows of that section's table (table_<section>.go), each
// pointing at its field here. Tags and rows are the one list of valid keys: any other `tenk:`
// key or setting is rejected as a misspelling.
type Config struct {
	// Environment is tenk:environment, "dev" or "prod"; required.
	Environment Environment `key:"environment"`
	// Domain is tenk:domain, the site's DNS name. Default "": serve on the CloudFront domain.
	Domain string `key:"domain"`
	// HostedZoneID is tenk:hostedZoneId, the Route 53 zone for Domain. Default "".
	HostedZoneID string `key:"hostedZoneId"`
	// AlarmEmails is tenk:alarmEmails, who the alarm topic e-mails. Default: nobody.
	AlarmEmails []string `key:"alarmEmails"`
	// Protect is tenk:protect: Pulumi protect on every stateful resource. Default false.
	Protect bool `key:"protect"`

	Network  NetworkConfig  `section:"network"`
	Web      WebConfig      `section:"web"`
	Database DatabaseConfig `section:"database"`
	Cdn      CdnConfig      `section:"cdn"`
	Sessions SessionsConfig `section:"sessions"`
	Cache    CacheConfig    `section:"cache"`
}
