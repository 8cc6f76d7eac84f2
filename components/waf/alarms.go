package waf

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
)

// AlarmThresholds tune the web ACL's alarm.
type AlarmThresholds struct {
	// BlockedRequests raises the alarm when more requests than this are blocked in 5 minutes: an
	// attack, or a managed-rule update blocking real users. Must be ≥ 0 (0 alarms on any block).
	// Default: 1000.
	BlockedRequests *int
}

// blockedRequestsAlarm watches the web ACL's BlockedRequests summed over all rules. AWS WAF
// Developer Guide, "AWS WAF metrics and dimensions": namespace AWS/WAFV2; WebACL is the web ACL's
// metric name and Rule "ALL" covers every rule; the Region dimension is not used for CloudFront
// web ACLs, whose metrics are reported in us-east-1 (so the alarm must live there too).
func blockedRequestsAlarm(metricName string, threshold int) alarms.Alarm {
	return alarms.Alarm{
		Suffix: "blocked-requests",
		Description: fmt.Sprintf("AWS WAF blocked more than %d requests in 5 minutes on web ACL %s: an attack, or a rule blocking real users. "+
			"Check the web ACL's sampled requests and top rules in the WAF console (us-east-1).", threshold, metricName),
		Namespace:         alarms.NamespaceWAF,
		MetricName:        "BlockedRequests",
		Statistic:         "Sum",
		Dimensions:        pulumi.StringMap{"WebACL": pulumi.String(metricName), "Rule": pulumi.String("ALL")},
		Threshold:         float64(threshold),
		PeriodSeconds:     300,
		EvaluationPeriods: 1,
		// No requests blocked means no data points: that is the healthy state.
		TreatMissingData: "notBreaching",
	}
}
