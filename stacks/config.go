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

// NetworkConfig is tenk:network; each field is set by one row of networkSection (table_network.go), which
// documents it with its key, baselines and limits.
type NetworkConfig struct {
	AzCount              int
	CidrBlock            string
	NatGateways          string
	FlowLogs             bool
	FlowLogRetentionDays int
}

// WebConfig is tenk:web; each field is set by one row of webSection (table_web.go), which
// documents it with its key, baselines and limits.
type WebConfig struct {
	InstanceType       string
	MinSize            int
	MaxSize            int
	DesiredCapacity    int
	AppPort            int
	HealthCheckPath    string
	StickySessions     bool
	StickinessSeconds  int
	ScalingMetric      string
	ScalingTarget      float64
	DeletionProtection bool
	AccessLogs         bool
	DetailedMonitoring bool
}

// DatabaseConfig is tenk:database; each field is set by one row of databaseSection (table_database.go), which
// documents it with its key, baselines and limits.
type DatabaseConfig struct {
	Engine                string
	EngineVersion         string
	InstanceClass         string
	MultiAz               bool
	ReadReplicas          int
	AllocatedStorageGb    int
	MaxAllocatedStorageGb int
	BackupRetentionDays   int
	DeletionProtection    bool
	PerformanceInsights   bool
	MonitoringInterval    int
	DatabaseName          string
}

// CdnConfig is tenk:cdn; each field is set by one row of cdnSection (table_cdn.go), which
// documents it with its key, baselines and limits.
type CdnConfig struct {
	PriceClass         string
	StaticPathPatterns []string
	Versioning         bool
	ForceDestroy       bool
	AccessLogs         bool
	WebAclArn          string
	Waf                bool
	WafRateLimit       int
}

// SessionsConfig is tenk:sessions; each field is set by one row of sessionsSection (table_sessions.go), which
// documents it with its key, baselines and limits.
type SessionsConfig struct {
	PointInTimeRecovery bool
	DeletionProtection  bool
	TTLAttribute        string
}

// CacheConfig is tenk:cache; each field is set by one row of cacheSection (table_cache.go), which
// documents it with its key, baselines and limits.
type CacheConfig struct {
	Engine                string
	EngineVersion         string
	NodeType              string
	Nodes                 int
	MultiAz               bool
	SnapshotRetentionDays int
}
