package stacks

import (
	"errors"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/network"
)

// natStrategies maps tenk:network.natGateways values to the Network component's strategies.
var natStrategies = map[string]network.NatStrategy{
	"none":     network.NatNone,
	"single":   network.NatSingle,
	"onePerAz": network.NatOnePerAz,
}

// Validate checks a merged config and returns every problem, one per line, each naming the key,
// the limit and the fix. Config-level rules (the environment, pairs of keys, names that map to
// component enums) are checked here; every AWS limit is checked once, by the components' own
// Validate on the args this config produces, with their field names translated to config keys.
func Validate(c Config) error {
	var p problems
	validateTop(&p, c)
	validateChoices(&p, c)
	validateComponents(&p, c)
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
	if c.Cdn.Waf && c.Cdn.WebAclArn != "" {
		p.add("tenk:cdn.waf is true and tenk:cdn.webAclArn is set: a distribution has one web ACL; set waf to false to use your own ACL, or unset webAclArn to use tenk's")
	}
	for _, e := range c.AlarmEmails {
		if !strings.Contains(e, "@") || strings.ContainsAny(e, " ,;") {
			p.add("tenk:alarmEmails has %q: each entry must be one e-mail address", e)
		}
	}
}

// validateChoices checks the config words that map onto component types.
func validateChoices(p *problems, c Config) {
	if _, ok := natStrategies[c.Network.NatGateways]; !ok {
		p.add("tenk:network.natGateways is %q: use \"none\", \"single\" or \"onePerAz\"", c.Network.NatGateways)
	}
	if _, ok := scalingMetrics[c.Web.ScalingMetric]; !ok {
		p.add("tenk:web.scalingMetric is %q: use \"cpu\" or \"requests\"", c.Web.ScalingMetric)
	}
	switch c.Cache.Engine {
	case "memcached":
		if c.Cache.Auth {
			p.add("tenk:cache.auth is true but Memcached has no AUTH: set auth to false, or use engine \"valkey\"")
		}
		if c.Cache.MultiAz {
			p.add("tenk:cache.multiAz is true but Memcached has no replication or failover (its nodes are spread across AZs anyway): set multiAz to false, or use engine \"valkey\"")
		}
		if c.Cache.SnapshotRetentionDays > 0 {
			p.add("tenk:cache.snapshotRetentionDays is %d but Memcached has no snapshots: set it to 0, or use engine \"valkey\"", c.Cache.SnapshotRetentionDays)
		}
	case "valkey", "redis":
		if !c.Cache.Auth {
			p.add("tenk:cache.auth is false but a %s cache always requires an AUTH token over TLS: set auth to true (the token is generated and kept in Secrets Manager)", c.Cache.Engine)
		}
		// Multi-AZ needs automatic failover, which needs a replica to fail over to.
		if c.Cache.MultiAz && c.Cache.Nodes < 2 {
			p.add("tenk:cache.multiAz is true with tenk:cache.nodes %d: Multi-AZ needs automatic failover, which needs at least 2 nodes; set nodes to 2 or more, or multiAz to false", c.Cache.Nodes)
		}
	}
}

// validateComponents runs each component's Validate on the args this config produces, with
// placeholder wiring, and reports its problems under the config keys that caused them.
func validateComponents(p *problems, c Config) {
	w := placeholderWiring(c)
	checks := []struct {
		section string
		fields  map[string]string
		err     error
	}{
		{"network", networkFields, networkArgs(c, w).Validate()},
		{"web", webFields, webArgs(c, w, pulumi.String("#!/bin/bash")).Validate()},
		{"database", databaseFields, databaseArgs(c, w).Validate()},
		{"cache", cacheFields, cacheArgs(c, w).Validate()},
		{"sessions", sessionsFields, sessionsArgs(c, w).Validate()},
		{"cdn", cdnFields, cdnArgs(c, w).Validate()},
	}
	if c.Cdn.Waf {
		checks = append(checks, struct {
			section string
			fields  map[string]string
			err     error
		}{"cdn", wafFields, wafArgs(c, w, "stack").Validate(webACLComponent)})
	}
	for _, check := range checks {
		if check.err == nil {
			continue
		}
		for _, line := range strings.Split(check.err.Error(), "\n") {
			p.add("%s", translate(check.section, check.fields, line))
		}
	}
}

// Component field → config key, per section. A message naming a field is rewritten to name the
// key ("ReadReplicas is 16" → "tenk:database.readReplicas is 16").
var (
	networkFields = map[string]string{
		"CidrBlock": "cidrBlock", "AvailabilityZoneCount": "azCount", "NatGateways": "natGateways",
		"FlowLogRetentionDays": "flowLogRetentionDays",
	}
	webFields = map[string]string{
		"InstanceType": "instanceType", "MinSize": "minSize", "MaxSize": "maxSize",
		"DesiredCapacity": "desiredCapacity", "AppPort": "appPort", "HealthCheckPath": "healthCheckPath",
		"StickinessDurationSeconds": "stickinessSeconds", "ScalingMetric": "scalingMetric",
		"ScalingTarget": "scalingTarget",
	}
	databaseFields = map[string]string{
		"Engine": "engine", "EngineVersion": "engineVersion", "InstanceClass": "instanceClass",
		"MultiAZ": "multiAz", "ReadReplicas": "readReplicas", "AllocatedStorageGiB": "allocatedStorageGb",
		"MaxAllocatedStorageGiB": "maxAllocatedStorageGb", "BackupRetentionDays": "backupRetentionDays",
		"MonitoringIntervalSeconds": "monitoringInterval", "DatabaseName": "databaseName",
	}
	cacheFields = map[string]string{
		"Engine": "engine", "EngineVersion": "engineVersion", "NodeType": "nodeType", "NodeCount": "nodes",
		"MultiAZ": "multiAz", "SnapshotRetentionDays": "snapshotRetentionDays",
	}
	sessionsFields = map[string]string{
		"TTLAttribute": "ttlAttribute", "PointInTimeRecovery": "pointInTimeRecovery",
		"DeletionProtection": "deletionProtection",
	}
	cdnFields = map[string]string{
		"PriceClass": "priceClass", "StaticPathPatterns": "staticPathPatterns", "WebACLArn": "webAclArn",
		"ForceDestroy": "forceDestroy", "Versioning": "versioning", "AccessLogs": "accessLogs",
	}
	wafFields = map[string]string{"RateLimit": "wafRateLimit"}
)

var fieldName = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*\b`)

func translate(section string, fields map[string]string, line string) string {
	line = strings.TrimSpace(line)
	out := fieldName.ReplaceAllStringFunc(line, func(word string) string {
		if key, ok := fields[word]; ok {
			return "tenk:" + section + "." + key
		}
		return word
	})
	if !strings.HasPrefix(out, "tenk:") {
		out = "tenk:" + section + ": " + out
	}
	return out
}
