package e2e

import (
	"fmt"
	"sort"
	"strings"
)

// Outputs are the documented stack outputs the probes use (README, "Stack outputs"). Any of
// them may be absent from a future stack (the load balancer is becoming internal behind a
// CloudFront VPC origin): a probe whose output is missing skips and says which.
type Outputs struct {
	SiteURL              string
	LoadBalancerDNSName  string
	AutoScalingGroupName string
	AssetsBucketName     string
	DatabaseSecretArn    string
	CacheAuthSecretArn   string
	SessionTableName     string
	AlarmTopicArn        string
	SettingsPrefix       string
}

// fields maps each output name to its field.
func (o *Outputs) fields() map[string]*string {
	return map[string]*string{
		"siteUrl":              &o.SiteURL,
		"loadBalancerDnsName":  &o.LoadBalancerDNSName,
		"autoScalingGroupName": &o.AutoScalingGroupName,
		"assetsBucketName":     &o.AssetsBucketName,
		"databaseSecretArn":    &o.DatabaseSecretArn,
		"cacheAuthSecretArn":   &o.CacheAuthSecretArn,
		"sessionTableName":     &o.SessionTableName,
		"alarmTopicArn":        &o.AlarmTopicArn,
		"settingsPrefix":       &o.SettingsPrefix,
	}
}

// required are the outputs without which no probe can run: the site and its instances.
var required = []string{"siteUrl", "autoScalingGroupName"}

// ParseOutputs reads the stack outputs (name → value, as the Automation API returns them).
// Non-string values of known outputs are an error; unknown outputs are ignored.
func ParseOutputs(raw map[string]any) (Outputs, error) {
	var o Outputs
	var problems []string
	for name, field := range o.fields() {
		v, ok := raw[name]
		if !ok || v == nil {
			continue
		}
		s, ok := v.(string)
		if !ok {
			problems = append(problems, fmt.Sprintf("output %s is %T, not a string", name, v))
			continue
		}
		*field = s
	}
	for _, name := range required {
		if *o.fields()[name] == "" {
			problems = append(problems, fmt.Sprintf("output %s is missing or empty: the probes cannot run without it", name))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return o, fmt.Errorf("stack outputs: %s", strings.Join(problems, "; "))
	}
	return o, nil
}
