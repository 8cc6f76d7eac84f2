package stacks

import (
	"errors"
	"regexp"
	"sort"
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
	checkModes(&p, c)
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
}

// validateComponents runs each component's Validate on the args this config produces, with
// placeholder wiring, and reports its problems under the config keys that caused them. The same
// problem reached through two fields (instanceClass sets the primary's and the replicas' class)
// is reported once.
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
	seen := map[string]bool{}
	for _, check := range checks {
		if check.err == nil {
			continue
		}
		var lines []string
		for _, line := range strings.Split(check.err.Error(), "\n") {
			lines = append(lines, translate(check.section, check.fields, line))
		}
		// Some components collect problems from maps; sort for a stable message.
		sort.Strings(lines)
		for _, line := range lines {
			if !seen[line] {
				seen[line] = true
				p.add("%s", line)
			}
		}
	}
}

// Component field → what the config calls it, per section. A setting name becomes the section's
// key ("ReadReplicas is 16" → "tenk:database.readReplicas is 16"), a "tenk:" key stays as it is,
// and a phrase (with a space) describes what no key sets. Every field a config-reachable error
// can name must be here: TestConfigErrorsNameOnlyConfigKeys fails on any Go field left in a
// config error.
var (
	networkFields = map[string]string{
		"CidrBlock": "cidrBlock", "AvailabilityZoneCount": "azCount", "NatGateways": "natGateways",
		"FlowLogRetentionDays": "flowLogRetentionDays",
	}
	webFields = map[string]string{
		"InstanceType": "instanceType", "Scaling.MinSize": "minSize", "Scaling.MaxSize": "maxSize",
		"Scaling.DesiredCapacity": "desiredCapacity", "AppPort": "appPort", "HealthCheck.Path": "healthCheckPath",
		"StickinessDurationSeconds": "stickinessSeconds", "Scaling.Metric": "scalingMetric",
		"Scaling.Target": "scalingTarget",
		// The origin certificate's name is "origin." + tenk:domain.
		"Domain.Name": "tenk:domain",
	}
	databaseFields = map[string]string{
		"Engine": "engine", "EngineVersion": "engineVersion", "InstanceClass": "instanceClass",
		// The replicas take the primary's class (ReplicaInstanceClass defaults to InstanceClass).
		"ReplicaInstanceClass": "instanceClass",
		"MultiAZ":              "multiAz", "ReadReplicas": "readReplicas", "AllocatedStorageGiB": "allocatedStorageGb",
		"MaxAllocatedStorageGiB": "maxAllocatedStorageGb", "BackupRetentionDays": "backupRetentionDays",
		"MonitoringIntervalSeconds": "monitoringInterval", "DatabaseName": "databaseName",
		// The database's log groups keep the stack's flow-log retention.
		"LogRetentionDays": "tenk:network.flowLogRetentionDays",
	}
	cacheFields = map[string]string{
		"Engine": "engine", "EngineVersion": "engineVersion", "NodeType": "nodeType", "NodeCount": "nodes",
		"MultiAZ": "multiAz", "SnapshotRetentionDays": "snapshotRetentionDays",
	}
	sessionsFields = map[string]string{
		"TTLAttribute": "ttlAttribute", "PointInTimeRecovery": "pointInTimeRecovery",
		"DeletionProtection": "deletionProtection", "PartitionKey": "the table's partition key",
	}
	cdnFields = map[string]string{
		"PriceClass": "priceClass", "DynamicOrigin.StaticPathPatterns": "staticPathPatterns", "WebACLArn": "webAclArn",
		"ForceDestroy": "forceDestroy", "Versioning": "versioning", "AccessLogs": "accessLogs",
		"Protect": "tenk:protect", "Domain.Names": "tenk:domain", "Domain.HostedZoneID": "tenk:hostedZoneId",
		// With a domain, CloudFront's origin is "origin." + tenk:domain.
		"DynamicOrigin.DomainName": "tenk:domain",
	}
	wafFields = map[string]string{"RateLimit": "wafRateLimit"}
)

// fieldPath matches a field as component errors name it: "ReadReplicas",
// "DynamicOrigin.StaticPathPatterns[2]".
var fieldPath = regexp.MustCompile(`\b[A-Z][A-Za-z0-9]*(\.[A-Z][A-Za-z0-9]*)*(\[\d+\])?`)

func translate(section string, fields map[string]string, line string) string {
	line = strings.TrimSpace(line)
	out := fieldPath.ReplaceAllStringFunc(line, func(word string) string {
		path, index, _ := strings.Cut(word, "[")
		if index != "" {
			index = "[" + index
		}
		name, ok := fields[path]
		switch {
		case !ok:
			return word
		case strings.Contains(name, " "):
			return name
		case strings.HasPrefix(name, Namespace+":"):
			return name // a key of its own, not a list: the index means nothing to the user
		}
		return Namespace + ":" + section + "." + name + index
	})
	if !strings.HasPrefix(out, Namespace+":") {
		out = Namespace + ":" + section + ": " + out
	}
	return out
}
