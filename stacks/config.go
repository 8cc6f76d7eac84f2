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
// object key, whose settings are the fields' JSON names. These tags are the one list of valid
// keys: a key is added by adding a tagged field (and declaring it in Pulumi.yaml, which a test
// checks), and any other `tenk:` key is rejected as a misspelling.
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

// NetworkConfig is tenk:network.
type NetworkConfig struct {
	AzCount              int    `json:"azCount"`
	CidrBlock            string `json:"cidrBlock"`
	NatGateways          string `json:"natGateways"`
	FlowLogs             bool   `json:"flowLogs"`
	FlowLogRetentionDays int    `json:"flowLogRetentionDays"`
}

// WebConfig is tenk:web.
type WebConfig struct {
	InstanceType       string  `json:"instanceType"`
	MinSize            int     `json:"minSize"`
	MaxSize            int     `json:"maxSize"`
	DesiredCapacity    int     `json:"desiredCapacity"`
	AppPort            int     `json:"appPort"`
	HealthCheckPath    string  `json:"healthCheckPath"`
	StickySessions     bool    `json:"stickySessions"`
	StickinessSeconds  int     `json:"stickinessSeconds"`
	ScalingMetric      string  `json:"scalingMetric"`
	ScalingTarget      float64 `json:"scalingTarget"`
	DeletionProtection bool    `json:"deletionProtection"`
	AccessLogs         bool    `json:"accessLogs"`
	DetailedMonitoring bool    `json:"detailedMonitoring"`
}

// DatabaseConfig is tenk:database.
type DatabaseConfig struct {
	Engine                string `json:"engine"`
	EngineVersion         string `json:"engineVersion"`
	InstanceClass         string `json:"instanceClass"`
	MultiAz               bool   `json:"multiAz"`
	ReadReplicas          int    `json:"readReplicas"`
	AllocatedStorageGb    int    `json:"allocatedStorageGb"`
	MaxAllocatedStorageGb int    `json:"maxAllocatedStorageGb"`
	BackupRetentionDays   int    `json:"backupRetentionDays"`
	DeletionProtection    bool   `json:"deletionProtection"`
	PerformanceInsights   bool   `json:"performanceInsights"`
	MonitoringInterval    int    `json:"monitoringInterval"`
	DatabaseName          string `json:"databaseName"`
}

// CdnConfig is tenk:cdn.
type CdnConfig struct {
	PriceClass         string   `json:"priceClass"`
	StaticPathPatterns []string `json:"staticPathPatterns"`
	Versioning         bool     `json:"versioning"`
	ForceDestroy       bool     `json:"forceDestroy"`
	AccessLogs         bool     `json:"accessLogs"`
	WebAclArn          string   `json:"webAclArn"`
	// Waf puts tenk's own WAF web ACL (components/waf) in front of CloudFront.
	Waf bool `json:"waf"`
	// WafRateLimit is the requests one IP may send per 5 minutes before the WAF blocks it.
	WafRateLimit int `json:"wafRateLimit"`
}

// SessionsConfig is tenk:sessions.
type SessionsConfig struct {
	PointInTimeRecovery bool   `json:"pointInTimeRecovery"`
	DeletionProtection  bool   `json:"deletionProtection"`
	TTLAttribute        string `json:"ttlAttribute"`
}

// CacheConfig is tenk:cache.
type CacheConfig struct {
	Engine                string `json:"engine"`
	EngineVersion         string `json:"engineVersion"`
	NodeType              string `json:"nodeType"`
	Nodes                 int    `json:"nodes"`
	MultiAz               bool   `json:"multiAz"`
	SnapshotRetentionDays int    `json:"snapshotRetentionDays"`
}
