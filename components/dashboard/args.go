package dashboard

import (
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/fielderr"
)

// DashboardArgs are the inputs of a Dashboard: the region, the dimension values of each tier to
// graph (a nil tier has no row) and the alarms to show.
type DashboardArgs struct {
	// DashboardName is the CloudWatch dashboard's name: 1–255 characters of A–Z, a–z, 0–9, "-"
	// and "_", unique in the account (dashboards are global). Default: the component's name.
	DashboardName string
	// Region is the region of the stack's regional resources (load balancer, Auto Scaling group,
	// database, cache, table), such as "us-east-1". Required. CloudFront's metrics are always
	// read from us-east-1, where CloudFront publishes them.
	Region string
	// Title is the Markdown heading at the top of the dashboard. Default: DashboardName.
	Title string
	// PeriodSeconds is the period of every graph: 1, 5, 10, 30 or a multiple of 60. Default: 60,
	// the period of the components' alarms.
	PeriodSeconds int

	// CDN is the CloudFront row. Default: none.
	CDN *CDNMetrics
	// Web is the load balancer and Auto Scaling rows. Default: none.
	Web *WebMetrics
	// Database is the database row. Default: none.
	Database *DatabaseMetrics
	// Cache is the cache row. Default: none.
	Cache *CacheMetrics
	// Sessions is the DynamoDB row. Default: none.
	Sessions *SessionsMetrics
	// WAF is the CloudFront web ACL's row. Default: none.
	WAF *WAFMetrics
	// AlarmArns are the alarms shown in the alarm-status widget: each component's AlarmArns.
	// Default: none (no alarm widget).
	AlarmArns []pulumi.StringArrayInput
}

// CDNMetrics identify a CloudFront distribution's metrics.
type CDNMetrics struct {
	// DistributionID is the distribution's ID (StaticAssetsCdn.DistributionID). Required.
	DistributionID pulumi.StringInput
}

// WebMetrics identify a web tier's load balancer, target group and Auto Scaling group metrics.
type WebMetrics struct {
	// LoadBalancerArnSuffix is the ALB's CloudWatch dimension (MultiAZWebTier.LoadBalancerArnSuffix). Required.
	LoadBalancerArnSuffix pulumi.StringInput
	// TargetGroupArnSuffix is the target group's dimension (MultiAZWebTier.TargetGroupArnSuffix). Required.
	TargetGroupArnSuffix pulumi.StringInput
	// AutoScalingGroupName is the group's name (MultiAZWebTier.AutoScalingGroupName). Required.
	AutoScalingGroupName pulumi.StringInput
}

// DatabaseMetrics identify a database's instances.
type DatabaseMetrics struct {
	// Aurora selects Aurora's metric names (FreeLocalStorage, AuroraReplicaLag in milliseconds)
	// over RDS's (FreeStorageSpace, ReplicaLag in seconds). Default: false (RDS).
	Aurora bool
	// WriterIdentifier is the primary's (or Aurora writer's) DB instance identifier. Required.
	WriterIdentifier pulumi.StringInput
	// ReplicaIdentifiers are the read replicas' (or Aurora readers') identifiers, one lag series
	// each. Default: none.
	ReplicaIdentifiers pulumi.StringArrayInput
}

// CacheMetrics identify a cache's members.
type CacheMetrics struct {
	// Memcached selects Memcached's metrics (CPUUtilization, SwapUsage; no engine CPU, memory
	// percentage or replication lag). Default: false (Valkey/Redis OSS).
	Memcached bool
	// ClusterIDs are the CacheClusterId values (CacheCluster.CacheClusterIDs). Required.
	ClusterIDs pulumi.StringArrayInput
}

// WAFMetrics identify a CLOUDFRONT-scoped AWS WAF web ACL's metrics.
type WAFMetrics struct {
	// WebACLName is the web ACL's metric name, the WebACL dimension (waf.WebAcl.Name). Required.
	WebACLName string
}

// SessionsMetrics identify a DynamoDB table.
type SessionsMetrics struct {
	// TableName is the table's name (SessionTable.TableName). Required.
	TableName pulumi.StringInput
}

// DefaultPeriodSeconds is the graphs' period unless PeriodSeconds is set: the alarms' period.
const DefaultPeriodSeconds = 60

// dashboardNamePattern is PutDashboard's DashboardName rule: "Valid characters in the name
// include "0-9A-Za-z-_"", 1–255 characters (CloudWatch API Reference, PutDashboard).
var dashboardNamePattern = regexp.MustCompile(`^[0-9A-Za-z_-]{1,255}$`)

var regionPattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d+$`)

// Validate reports every problem with the args at once; name is the component's name, the
// dashboard's name by default.
func (a *DashboardArgs) Validate(name string) error {
	var l fielderr.List
	dashboardName := a.DashboardName
	if dashboardName == "" {
		dashboardName = name
	}
	if !dashboardNamePattern.MatchString(dashboardName) {
		l.Addf("DashboardName", "%q: CloudWatch accepts 1–255 characters of A–Z, a–z, 0–9, - and _; set DashboardName (or name the component) accordingly", dashboardName)
	}
	if !regionPattern.MatchString(a.Region) {
		l.Addf("Region", "%q is not an AWS region: set it to the stack's region, such as us-east-1 (the aws:region config key)", a.Region)
	}
	if p := a.PeriodSeconds; p != 0 && !validPeriod(p) {
		l.Addf("PeriodSeconds", "is %d: CloudWatch graphs take 1, 5, 10, 30 or a multiple of 60 seconds; leave it 0 for %d", p, DefaultPeriodSeconds)
	}
	if a.CDN != nil {
		l.Required("CDN.DistributionID", a.CDN.DistributionID != nil, "pass StaticAssetsCdn.DistributionID, or leave CDN nil")
	}
	if w := a.Web; w != nil {
		const fix = "pass the MultiAZWebTier's output of that name, or leave Web nil"
		l.Required("Web.LoadBalancerArnSuffix", w.LoadBalancerArnSuffix != nil, fix)
		l.Required("Web.TargetGroupArnSuffix", w.TargetGroupArnSuffix != nil, fix)
		l.Required("Web.AutoScalingGroupName", w.AutoScalingGroupName != nil, fix)
	}
	if a.Database != nil {
		l.Required("Database.WriterIdentifier", a.Database.WriterIdentifier != nil, "pass the primary's (or Aurora writer's) Identifier, or leave Database nil")
	}
	if a.Cache != nil {
		l.Required("Cache.ClusterIDs", a.Cache.ClusterIDs != nil, "pass CacheCluster.CacheClusterIDs, or leave Cache nil")
	}
	if a.Sessions != nil {
		l.Required("Sessions.TableName", a.Sessions.TableName != nil, "pass SessionTable.TableName, or leave Sessions nil")
	}
	if a.WAF != nil {
		l.Required("WAF.WebACLName", a.WAF.WebACLName != "", "pass WebAcl.Name, or leave WAF nil")
	}
	if a.CDN == nil && a.Web == nil && a.Database == nil && a.Cache == nil && a.Sessions == nil && a.WAF == nil && len(a.AlarmArns) == 0 {
		l.Addf("", "nothing to show: give at least one tier (CDN, WAF, Web, Database, Cache, Sessions) or AlarmArns")
	}
	return l.Err()
}

// validPeriod is CloudWatch's rule for a graph's period: 1, 5, 10, 30 (high resolution) or a
// multiple of 60 (Dashboard Body Structure, metric widget "period").
func validPeriod(p int) bool {
	switch p {
	case 1, 5, 10, 30:
		return true
	}
	return p > 0 && p%60 == 0
}
