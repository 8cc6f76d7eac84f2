package stacks

import (
	"errors"
	"slices"
	"strings"

	"github.com/tenkstack/tenk/components/network"
)

// natStrategies maps tenk:network.natGateways values to the Network component's strategies.
var natStrategies = map[string]network.NatStrategy{
	"none":     network.NatNone,
	"single":   network.NatSingle,
	"onePerAz": network.NatOnePerAz,
}

// Validate checks a merged config and returns every problem, one per line, each naming the key,
// the limit and the fix. It decides nothing about resources: it only rejects what AWS or the
// components would reject later, so that a bad stack file registers nothing.
func Validate(c Config) error {
	var p problems
	validateTop(&p, c)
	validateNetwork(&p, c.Network)
	validateWeb(&p, c.Web)
	validateDatabase(&p, c.Database)
	validateCdn(&p, c.Cdn)
	validateSessions(&p, c.Sessions)
	validateCache(&p, c.Cache, c.Network.AzCount)
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "\n"))
}

func validateTop(p *problems, c Config) {
	if c.Domain != "" && c.HostedZoneID == "" {
		p.add("tenk:domain is %q but tenk:hostedZoneId is empty: set the Route 53 hosted zone ID that serves the domain, or unset tenk:domain", c.Domain)
	}
	if c.Domain == "" && c.HostedZoneID != "" {
		p.add("tenk:hostedZoneId is set without tenk:domain: set tenk:domain too, or unset tenk:hostedZoneId")
	}
	if c.Domain != "" && (strings.HasPrefix(c.Domain, "http") || strings.ContainsAny(c.Domain, "/: ")) {
		p.add("tenk:domain is %q: give a bare DNS name such as \"www.example.com\"", c.Domain)
	}
	for _, e := range c.AlarmEmails {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, " ,;") {
			p.add("tenk:alarmEmails has %q: each entry must be one e-mail address", e)
		}
	}
}

func validateNetwork(p *problems, n NetworkConfig) {
	if n.AzCount < network.MinAvailabilityZones || n.AzCount > network.MaxAvailabilityZones {
		p.add("tenk:network.azCount is %d: it must be %d–%d (a load balancer and a DB subnet group need two AZs); set 2 for dev, 3 for prod",
			n.AzCount, network.MinAvailabilityZones, network.MaxAvailabilityZones)
	}
	if _, ok := natStrategies[n.NatGateways]; !ok {
		p.add("tenk:network.natGateways is %q: use \"none\", \"single\" or \"onePerAz\"", n.NatGateways)
	}
	if _, err := network.LayoutFor(n.CidrBlock); err != nil {
		p.add("tenk:network.cidrBlock: %s", strings.TrimPrefix(err.Error(), "CidrBlock "))
	}
	if n.FlowLogs && !slices.Contains(network.FlowLogRetentionValues, n.FlowLogRetentionDays) {
		p.add("tenk:network.flowLogRetentionDays is %d: CloudWatch Logs accepts only %v", n.FlowLogRetentionDays, network.FlowLogRetentionValues)
	}
}

func validateWeb(p *problems, w WebConfig) {
	if w.InstanceType == "" || !strings.Contains(w.InstanceType, ".") {
		p.add("tenk:web.instanceType is %q: use an EC2 instance type such as \"t4g.small\"", w.InstanceType)
	}
	if w.MinSize < 0 || w.MaxSize < 1 || w.MinSize > w.MaxSize {
		p.add("tenk:web.minSize is %d and tenk:web.maxSize is %d: they need 0 ≤ minSize ≤ maxSize and maxSize ≥ 1", w.MinSize, w.MaxSize)
	}
	if w.DesiredCapacity < w.MinSize || w.DesiredCapacity > w.MaxSize {
		p.add("tenk:web.desiredCapacity is %d: it must lie between minSize (%d) and maxSize (%d)", w.DesiredCapacity, w.MinSize, w.MaxSize)
	}
	if w.AppPort < 1 || w.AppPort > 65535 {
		p.add("tenk:web.appPort is %d: use a TCP port from 1 to 65535", w.AppPort)
	}
	if !strings.HasPrefix(w.HealthCheckPath, "/") {
		p.add("tenk:web.healthCheckPath is %q: it must start with \"/\", such as \"/healthz\"", w.HealthCheckPath)
	}
	// ELBv2 TargetGroupAttributes: stickiness.lb_cookie.duration_seconds is 1–604800.
	if w.StickySessions && (w.StickinessSeconds < 1 || w.StickinessSeconds > 604800) {
		p.add("tenk:web.stickinessSeconds is %d: the load balancer cookie lasts 1–604800 seconds (7 days)", w.StickinessSeconds)
	}
	switch w.ScalingMetric {
	case "cpu":
		if w.ScalingTarget <= 0 || w.ScalingTarget > 100 {
			p.add("tenk:web.scalingTarget is %g: with scalingMetric \"cpu\" it is a CPU percentage above 0 and at most 100", w.ScalingTarget)
		}
	case "requests":
		if w.ScalingTarget < 1 {
			p.add("tenk:web.scalingTarget is %g: with scalingMetric \"requests\" it is requests per target, at least 1", w.ScalingTarget)
		}
	default:
		p.add("tenk:web.scalingMetric is %q: use \"cpu\" or \"requests\"", w.ScalingMetric)
	}
}

// replicaCaps are the read replicas AWS allows per source (RDS CreateDBInstanceReadReplica;
// Aurora: 15 replicas per cluster).
var replicaCaps = map[string]int{"postgres": 15, "mysql": 15, "aurora-postgresql": 15, "aurora-mysql": 15}

func validateDatabase(p *problems, d DatabaseConfig) {
	maxReplicas, ok := replicaCaps[d.Engine]
	if !ok {
		p.add("tenk:database.engine is %q: use \"postgres\", \"mysql\", \"aurora-postgresql\" or \"aurora-mysql\"", d.Engine)
		maxReplicas = 15
	}
	if d.ReadReplicas < 0 || d.ReadReplicas > maxReplicas {
		p.add("tenk:database.readReplicas is %d: %s allows 0–%d read replicas per source", d.ReadReplicas, d.Engine, maxReplicas)
	}
	if d.BackupRetentionDays < 0 || d.BackupRetentionDays > 35 {
		p.add("tenk:database.backupRetentionDays is %d: RDS keeps automated backups 0–35 days", d.BackupRetentionDays)
	}
	// CreateDBInstanceReadReplica: the source must have automated backups (retention > 0).
	if d.ReadReplicas > 0 && d.BackupRetentionDays == 0 {
		p.add("tenk:database.readReplicas is %d but tenk:database.backupRetentionDays is 0: read replicas need automated backups on the source; set backupRetentionDays to 1 or more", d.ReadReplicas)
	}
	if !strings.HasPrefix(d.InstanceClass, "db.") {
		p.add("tenk:database.instanceClass is %q: use an RDS instance class such as \"db.t4g.micro\"", d.InstanceClass)
	}
	if d.AllocatedStorageGb < 20 || d.AllocatedStorageGb > 65536 {
		p.add("tenk:database.allocatedStorageGb is %d: gp3 storage is 20–65536 GiB", d.AllocatedStorageGb)
	}
	if d.MaxAllocatedStorageGb != 0 && d.MaxAllocatedStorageGb < d.AllocatedStorageGb {
		p.add("tenk:database.maxAllocatedStorageGb is %d: the autoscaling ceiling must be at least allocatedStorageGb (%d), or 0 to turn storage autoscaling off", d.MaxAllocatedStorageGb, d.AllocatedStorageGb)
	}
	if !slices.Contains([]int{0, 1, 5, 10, 15, 30, 60}, d.MonitoringInterval) {
		p.add("tenk:database.monitoringInterval is %d: enhanced monitoring takes 0 (off), 1, 5, 10, 15, 30 or 60 seconds", d.MonitoringInterval)
	}
	if !validIdentifier(d.DatabaseName, 63) {
		p.add("tenk:database.databaseName is %q: use 1–63 letters, digits or underscores, starting with a letter", d.DatabaseName)
	}
}

func validateCdn(p *problems, c CdnConfig) {
	if !slices.Contains([]string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}, c.PriceClass) {
		p.add("tenk:cdn.priceClass is %q: use \"PriceClass_100\", \"PriceClass_200\" or \"PriceClass_All\"", c.PriceClass)
	}
	if len(c.StaticPathPatterns) == 0 {
		p.add("tenk:cdn.staticPathPatterns is empty: list at least one path pattern served from the bucket, such as \"/static/*\"")
	}
	for _, pattern := range c.StaticPathPatterns {
		if !strings.HasPrefix(pattern, "/") {
			p.add("tenk:cdn.staticPathPatterns has %q: path patterns start with \"/\", such as \"/static/*\"", pattern)
		}
	}
	// WAF for CloudFront is CLOUDFRONT-scoped, created in us-east-1: its ARN has "global".
	if c.WebAclArn != "" && !strings.Contains(c.WebAclArn, ":global/webacl/") {
		p.add("tenk:cdn.webAclArn is %q: CloudFront takes only a CLOUDFRONT-scoped web ACL (arn:aws:wafv2:us-east-1:…:global/webacl/…)", c.WebAclArn)
	}
}

func validateSessions(p *problems, s SessionsConfig) {
	if !validIdentifier(s.TTLAttribute, 255) {
		p.add("tenk:sessions.ttlAttribute is %q: use an attribute name of letters, digits or underscores, such as \"ExpiresAt\"", s.TTLAttribute)
	}
}

func validateCache(p *problems, c CacheConfig, azCount int) {
	switch c.Engine {
	case "valkey", "redis":
		// CreateReplicationGroup: NumCacheClusters is 1–6 (a primary and up to five replicas).
		if c.Nodes < 1 || c.Nodes > 6 {
			p.add("tenk:cache.nodes is %d: %s replication groups have 1–6 nodes", c.Nodes, c.Engine)
		}
		// Multi-AZ needs automatic failover, which needs a replica to fail over to.
		if c.MultiAz && c.Nodes < 2 {
			p.add("tenk:cache.multiAz is true with tenk:cache.nodes %d: Multi-AZ needs automatic failover, which needs at least 2 nodes; set nodes to 2 or more, or multiAz to false", c.Nodes)
		}
		if c.MultiAz && azCount < 2 {
			p.add("tenk:cache.multiAz is true but the network has %d AZ: spread the nodes over at least 2 AZs", azCount)
		}
	case "memcached":
		if c.Nodes < 1 || c.Nodes > 40 {
			p.add("tenk:cache.nodes is %d: a Memcached cluster has 1–40 nodes", c.Nodes)
		}
		if c.Auth {
			p.add("tenk:cache.auth is true but Memcached has no AUTH: set auth to false, or use engine \"valkey\"")
		}
		if c.MultiAz {
			p.add("tenk:cache.multiAz is true but Memcached has no replication or failover (its nodes are spread across AZs anyway): set multiAz to false, or use engine \"valkey\"")
		}
		if c.SnapshotRetentionDays > 0 {
			p.add("tenk:cache.snapshotRetentionDays is %d but Memcached has no snapshots: set it to 0, or use engine \"valkey\"", c.SnapshotRetentionDays)
		}
	default:
		p.add("tenk:cache.engine is %q: use \"valkey\", \"redis\" or \"memcached\"", c.Engine)
	}
	if c.SnapshotRetentionDays < 0 || c.SnapshotRetentionDays > 35 {
		p.add("tenk:cache.snapshotRetentionDays is %d: ElastiCache keeps snapshots 0–35 days", c.SnapshotRetentionDays)
	}
	if !strings.HasPrefix(c.NodeType, "cache.") {
		p.add("tenk:cache.nodeType is %q: use an ElastiCache node type such as \"cache.t4g.micro\"", c.NodeType)
	}
}

// validIdentifier: a letter, then letters, digits or underscores, at most max characters.
func validIdentifier(s string, max int) bool {
	if s == "" || len(s) > max {
		return false
	}
	for i, r := range s {
		letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || !(r == '_' || (r >= '0' && r <= '9'))) {
			return false
		}
	}
	return true
}
