package cache

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// AlarmThresholds tune the alarms. Each breaches when the metric stays past it for 5 minutes.
type AlarmThresholds struct {
	// CPUPercent is the EngineCPUUtilization (Valkey/Redis OSS, whose engine is single-threaded)
	// or CPUUtilization (Memcached) limit, 1–100. Default: 80.
	CPUPercent float64
	// MemoryPercent is the DatabaseMemoryUsagePercentage limit, 1–100 (Valkey/Redis OSS).
	// Default: 80.
	MemoryPercent float64
	// SwapUsageBytes is the SwapUsage limit (Memcached, which has no memory percentage).
	// Default: 50 MiB, AWS's guidance for Memcached.
	SwapUsageBytes float64
	// EvictionsPerMinute is the Evictions limit, summed per minute. Default: 100.
	EvictionsPerMinute float64
	// ReplicationLagSeconds is the ReplicationLag limit, alarmed only when there are replicas.
	// Default: 30.
	ReplicationLagSeconds float64
	// Connections is the CurrConnections limit per node. Default: 5000.
	Connections float64
}

// withDefaults returns the thresholds with every unset one at its documented default.
func (t AlarmThresholds) withDefaults() AlarmThresholds {
	argutil.Default(&t.CPUPercent, 80)
	argutil.Default(&t.MemoryPercent, 80)
	argutil.Default(&t.SwapUsageBytes, 50*1024*1024)
	argutil.Default(&t.EvictionsPerMinute, 100)
	argutil.Default(&t.ReplicationLagSeconds, 30)
	argutil.Default(&t.Connections, 5000)
	return t
}

// validate checks the thresholds at path.
func (t AlarmThresholds) validate(path string, l *fielderr.List) {
	for _, p := range []struct {
		field string
		v     float64
	}{{"CPUPercent", t.CPUPercent}, {"MemoryPercent", t.MemoryPercent}} {
		if p.v <= 0 || p.v > 100 {
			l.Addf(fielderr.Field(path, p.field), "is %g: a percentage threshold is above 0 and at most 100", p.v)
		}
	}
	for _, p := range []struct {
		field string
		v     float64
	}{{"SwapUsageBytes", t.SwapUsageBytes}, {"EvictionsPerMinute", t.EvictionsPerMinute}, {"ReplicationLagSeconds", t.ReplicationLagSeconds}, {"Connections", t.Connections}} {
		if p.v < 0 {
			l.Addf(fielderr.Field(path, p.field), "is %g: thresholds are positive; leave it 0 for the default", p.v)
		}
	}
}

// alarmList returns the alarms for a cache whose metrics carry the given CacheClusterId values:
// one per replication group member (Valkey/Redis OSS, whose metrics are per member), or the
// Memcached cluster's single ID. Suffixes carry the member's position, so adding a node only adds
// alarms.
func alarmList(a CacheClusterArgs, clusterIDs []pulumi.StringInput) []alarms.Alarm {
	t := a.AlarmThresholds
	metric := func(suffix, description, name, statistic string, threshold float64, id pulumi.StringInput) alarms.Alarm {
		return alarms.Alarm{
			Suffix:      suffix,
			Description: description,
			Namespace:   "AWS/ElastiCache",
			MetricName:  name,
			Statistic:   statistic,
			Dimensions:  pulumi.StringMap{"CacheClusterId": id},
			Threshold:   threshold,
		}
	}
	var out []alarms.Alarm
	if a.Engine == EngineMemcached {
		id := clusterIDs[0]
		return append(out,
			metric("cpu", fmt.Sprintf("Memcached CPU above %g%%: scale the node type up or add nodes.", t.CPUPercent),
				"CPUUtilization", "Average", t.CPUPercent, id),
			metric("swap", fmt.Sprintf("Memcached swapping more than %g bytes: the nodes are short of memory; use a larger node type or lower max_item_size.", t.SwapUsageBytes),
				"SwapUsage", "Maximum", t.SwapUsageBytes, id),
			metric("evictions", fmt.Sprintf("Memcached evicting more than %g items a minute: the cache is too small for its working set; add nodes.", t.EvictionsPerMinute),
				"Evictions", "Sum", t.EvictionsPerMinute, id),
			metric("connections", fmt.Sprintf("More than %g Memcached connections per node: check client pools for leaks.", t.Connections),
				"CurrConnections", "Maximum", t.Connections, id),
		)
	}
	for i, id := range clusterIDs {
		n := i + 1
		out = append(out,
			metric(fmt.Sprintf("engine-cpu-%d", n), fmt.Sprintf("%s member %d: engine CPU above %g%%; the engine thread is saturated, scale up or move reads to replicas.", a.Engine, n, t.CPUPercent),
				"EngineCPUUtilization", "Average", t.CPUPercent, id),
			metric(fmt.Sprintf("memory-%d", n), fmt.Sprintf("%s member %d: memory use above %g%%; evictions follow, scale the node type up or set TTLs.", a.Engine, n, t.MemoryPercent),
				"DatabaseMemoryUsagePercentage", "Average", t.MemoryPercent, id),
			metric(fmt.Sprintf("evictions-%d", n), fmt.Sprintf("%s member %d: more than %g evictions a minute; the working set does not fit.", a.Engine, n, t.EvictionsPerMinute),
				"Evictions", "Sum", t.EvictionsPerMinute, id),
			metric(fmt.Sprintf("connections-%d", n), fmt.Sprintf("%s member %d: more than %g connections; check client pools for leaks.", a.Engine, n, t.Connections),
				"CurrConnections", "Maximum", t.Connections, id),
		)
		if a.NodeCount > 1 {
			// ReplicationLag is published by replicas only; after a failover the roles swap, so
			// every member carries the alarm and the primary's reads as missing (not breaching).
			out = append(out, metric(fmt.Sprintf("replication-lag-%d", n), fmt.Sprintf("%s member %d: replica more than %gs behind the primary; reads from it are stale.", a.Engine, n, t.ReplicationLagSeconds),
				"ReplicationLag", "Maximum", t.ReplicationLagSeconds, id))
		}
	}
	return out
}
