package e2e_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

func TestParseOutputsReadsTheDocumentedOutputs(t *testing.T) {
	o, err := e2e.ParseOutputs(map[string]any{
		"siteUrl":              "https://d111.cloudfront.net",
		"autoScalingGroupName": "tenk-web-asg-123",
		"loadBalancerDnsName":  "tenk-web-alb-1.us-east-1.elb.amazonaws.com",
		"assetsBucketName":     "tenk-cdn-assets-1",
		"databaseSecretArn":    "arn:db",
		"cacheAuthSecretArn":   "arn:cache",
		"sessionTableName":     "tenk-sessions-1",
		"alarmTopicArn":        "arn:topic",
		"settingsPrefix":       "/tenk/e2e-abc123/",
		"availabilityZones":    []any{"us-east-1a"}, // not used: ignored whatever its type
		"somethingNew":         42,
	})
	require.NoError(t, err)
	assert.Equal(t, e2e.Outputs{
		SiteURL: "https://d111.cloudfront.net", AutoScalingGroupName: "tenk-web-asg-123",
		LoadBalancerDNSName: "tenk-web-alb-1.us-east-1.elb.amazonaws.com", AssetsBucketName: "tenk-cdn-assets-1",
		DatabaseSecretArn: "arn:db", CacheAuthSecretArn: "arn:cache", SessionTableName: "tenk-sessions-1",
		AlarmTopicArn: "arn:topic", SettingsPrefix: "/tenk/e2e-abc123/",
	}, o)
}

func TestParseOutputsToleratesMissingOptionalOutputs(t *testing.T) {
	o, err := e2e.ParseOutputs(map[string]any{"siteUrl": "https://x", "autoScalingGroupName": "g"})
	require.NoError(t, err, "an internal load balancer may have no loadBalancerDnsName output")
	assert.Empty(t, o.LoadBalancerDNSName)
}

func TestParseOutputsNamesWhatIsMissingOrWrong(t *testing.T) {
	_, err := e2e.ParseOutputs(map[string]any{"siteUrl": 3})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "output siteUrl is int, not a string")
	assert.Contains(t, err.Error(), "output autoScalingGroupName is missing or empty")
}
