package dashboard

import (
	"fmt"

	"github.com/tenkstack/tenk/components/internal/alarms"
)

// rows returns one row per tier present in s, in request order: CloudFront, WAF, load balancer, Auto
// Scaling, database, cache, DynamoDB. Every series an alarm of the components watches is on one
// of these graphs, with the alarm's namespace, metric name and dimensions.
func rows(s Spec) []row {
	var out []row
	if s.DistributionID != "" {
		out = append(out, cdnRow(s.DistributionID))
	}
	if s.WebACLName != "" {
		out = append(out, wafRow(s.WebACLName))
	}
	if w := s.Web; w != nil {
		out = append(out, loadBalancerRow(s.Region, *w), autoScalingRow(s.Region, *w))
	}
	if d := s.Database; d != nil {
		out = append(out, databaseRow(s.Region, *d))
	}
	if c := s.Cache; c != nil {
		out = append(out, cacheRow(s.Region, *c))
	}
	if s.TableName != "" {
		out = append(out, dynamoDBRow(s.Region, s.TableName))
	}
	return out
}

func cdnRow(distributionID string) row {
	// CloudFront metrics carry Region=Global and live in us-east-1 (CloudFront Developer Guide,
	// "Types of metrics for CloudFront": "Values for all CloudFront metrics").
	dims := [][2]string{{alarms.DimDistributionID, distributionID}, {alarms.DimRegion, "Global"}}
	m := func(name, stat, label string) metric {
		return metric{Namespace: alarms.NamespaceCloudFront, Name: name, Dimensions: dims, Stat: stat, Label: label}
	}
	return row{title: "CloudFront", graphs: []graph{
		{title: "Requests", region: cloudFrontRegion, metrics: []metric{m("Requests", "Sum", "requests")}},
		{title: "Error rate (%)", region: cloudFrontRegion, metrics: []metric{
			m("4xxErrorRate", "Average", "4xx"), m("5xxErrorRate", "Average", "5xx"),
		}},
	}}
}

func wafRow(webACL string) row {
	// A CLOUDFRONT web ACL reports in us-east-1 under AWS/WAFV2 with WebACL and Rule ("ALL" for
	// every rule), without a Region dimension (AWS WAF Developer Guide, "AWS WAF metrics and
	// dimensions"): the series the WAF component's blocked-requests alarm watches.
	dims := [][2]string{{"WebACL", webACL}, {"Rule", "ALL"}}
	m := func(name, label string) metric {
		return metric{Namespace: alarms.NamespaceWAF, Name: name, Dimensions: dims, Stat: "Sum", Label: label}
	}
	return row{title: "WAF", graphs: []graph{
		{title: "Requests", region: cloudFrontRegion, metrics: []metric{m("AllowedRequests", "allowed"), m("BlockedRequests", "blocked")}},
	}}
}

func loadBalancerRow(region string, w WebSpec) row {
	byLB := [][2]string{{alarms.DimLoadBalancer, w.LoadBalancer}}
	byTarget := [][2]string{{alarms.DimLoadBalancer, w.LoadBalancer}, {alarms.DimTargetGroup, w.TargetGroup}}
	m := func(name string, dims [][2]string, stat, label string) metric {
		return metric{Namespace: alarms.NamespaceALB, Name: name, Dimensions: dims, Stat: stat, Label: label}
	}
	return row{title: "Load balancer", graphs: []graph{
		{title: "Requests", region: region, metrics: []metric{m("RequestCount", byLB, "Sum", "requests")}},
		{title: "5xx responses", region: region, metrics: []metric{
			m("HTTPCode_Target_5XX_Count", byLB, "Sum", "from targets"),
			m("HTTPCode_ELB_5XX_Count", byLB, "Sum", "from the load balancer"),
		}},
		{title: "Target response time p99 (s)", region: region, metrics: []metric{m("TargetResponseTime", byLB, "p99", "p99")}},
		{title: "Hosts", region: region, metrics: []metric{
			m("HealthyHostCount", byTarget, "Minimum", "healthy"),
			m("UnHealthyHostCount", byTarget, "Maximum", "unhealthy"),
		}},
	}}
}

func autoScalingRow(region string, w WebSpec) row {
	// Published because the web tier enables the group metrics (webtier groupMetrics).
	dims := [][2]string{{alarms.DimAutoScalingName, w.AutoScalingGroup}}
	m := func(name, label string) metric {
		return metric{Namespace: alarms.NamespaceAutoScaling, Name: name, Dimensions: dims, Stat: "Average", Label: label}
	}
	return row{title: "Auto Scaling", graphs: []graph{
		{title: "Instances: in service vs desired", region: region, metrics: []metric{
			m("GroupInServiceInstances", "in service"), m("GroupDesiredCapacity", "desired"),
		}},
	}}
}

func databaseRow(region string, d DatabaseSpec) row {
	writer := [][2]string{{alarms.DimDBInstance, d.Writer}}
	m := func(name string, dims [][2]string, stat, label string) metric {
		return metric{Namespace: alarms.NamespaceRDS, Name: name, Dimensions: dims, Stat: stat, Label: label}
	}
	storage, lag, lagTitle := "FreeStorageSpace", "ReplicaLag", "Replica lag (s)"
	if d.Aurora {
		storage, lag, lagTitle = "FreeLocalStorage", "AuroraReplicaLag", "Replica lag (ms)"
	}
	graphs := []graph{
		{title: "Writer CPU (%)", region: region, metrics: []metric{m("CPUUtilization", writer, "Average", "CPU")}},
		{title: "Writer connections", region: region, metrics: []metric{m("DatabaseConnections", writer, "Maximum", "connections")}},
		{title: "Writer free storage and memory (bytes)", region: region, metrics: []metric{
			m(storage, writer, "Minimum", "free storage"), m("FreeableMemory", writer, "Minimum", "freeable memory"),
		}},
	}
	if len(d.Replicas) > 0 {
		g := graph{title: lagTitle, region: region}
		for i, id := range d.Replicas {
			g.metrics = append(g.metrics, m(lag, [][2]string{{alarms.DimDBInstance, id}}, "Maximum", fmt.Sprintf("replica %d", i)))
		}
		graphs = append(graphs, g)
	}
	return row{title: "Database", graphs: graphs}
}

func cacheRow(region string, c CacheSpec) row {
	perMember := func(name, stat, label string) []metric {
		out := make([]metric, 0, len(c.Members))
		for i, id := range c.Members {
			out = append(out, metric{
				Namespace: alarms.NamespaceElastiCache, Name: name, Dimensions: [][2]string{{alarms.DimCacheCluster, id}},
				Stat: stat, Label: fmt.Sprintf("%s %d", label, i+1),
			})
		}
		return out
	}
	if c.Memcached {
		return row{title: "Cache (Memcached)", graphs: []graph{
			{title: "CPU (%)", region: region, metrics: perMember("CPUUtilization", "Average", "CPU")},
			{title: "Swap (bytes)", region: region, metrics: perMember("SwapUsage", "Maximum", "swap")},
			{title: "Evictions", region: region, metrics: perMember("Evictions", "Sum", "evictions")},
			{title: "Connections", region: region, metrics: perMember("CurrConnections", "Maximum", "connections")},
		}}
	}
	graphs := []graph{
		{title: "CPU and engine CPU (%)", region: region, metrics: append(
			perMember("CPUUtilization", "Average", "host CPU, member"),
			perMember("EngineCPUUtilization", "Average", "engine CPU, member")...)},
		{title: "Memory used (%)", region: region, metrics: perMember("DatabaseMemoryUsagePercentage", "Average", "member")},
		{title: "Evictions", region: region, metrics: perMember("Evictions", "Sum", "member")},
		{title: "Connections", region: region, metrics: perMember("CurrConnections", "Maximum", "member")},
	}
	if len(c.Members) > 1 {
		// ReplicationLag is published by replicas only; the primary's series stays empty.
		graphs = append(graphs, graph{title: "Replication lag (s)", region: region, metrics: perMember("ReplicationLag", "Maximum", "member")})
	}
	return row{title: "Cache", graphs: graphs}
}

func dynamoDBRow(region, table string) row {
	dims := [][2]string{{alarms.DimTableName, table}}
	m := func(name string, dims [][2]string, label string) metric {
		return metric{Namespace: alarms.NamespaceDynamoDB, Name: name, Dimensions: dims, Stat: "Sum", Label: label}
	}
	errs := graph{title: "System errors", region: region}
	for _, op := range alarms.SessionOperations {
		errs.metrics = append(errs.metrics, m("SystemErrors", [][2]string{{alarms.DimTableName, table}, {alarms.DimOperation, op}}, op))
	}
	return row{title: "Sessions (DynamoDB)", graphs: []graph{
		{title: "Consumed capacity", region: region, metrics: []metric{
			m("ConsumedReadCapacityUnits", dims, "read"), m("ConsumedWriteCapacityUnits", dims, "write"),
		}},
		{title: "Throttles", region: region, metrics: []metric{
			m("ReadThrottleEvents", dims, "reads"), m("WriteThrottleEvents", dims, "writes"),
		}},
		errs,
	}}
}
