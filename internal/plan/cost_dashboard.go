package plan

import (
	"encoding/json"
	"fmt"
)

// dashboardType is a CloudWatch dashboard (components/dashboard registers one per stack).
const dashboardType = "aws:cloudwatch/dashboard:Dashboard"

// freeDashboardMetrics is the size limit of a free-tier dashboard (CloudWatch pricing: "3
// dashboards for up to 50 metrics per month" per account).
const freeDashboardMetrics = 50

func init() { costRules[dashboardType] = dashboardCost }

// dashboardCost prices every dashboard at the per-dashboard monthly price. The free tier's three
// dashboards are an account-wide allowance shared with every other stack and team, so one
// stack's plan does not subtract it: the estimate is what the dashboard costs once the account
// has three.
func dashboardCost(c *costing, r *Resource) error {
	metrics := dashboardMetrics(r.String("dashboardBody"))
	item := "dashboard"
	if metrics >= 0 {
		item = fmt.Sprintf("dashboard (%d metrics)", metrics)
	}
	c.add(r, item, 1, PerMonth, c.prices.CloudWatchDashboardMonth)
	c.assume(fmt.Sprintf("CloudWatch dashboards are priced at %s a month each: the free tier (3 dashboards of up to %d metrics per account) is not subtracted, since other stacks and teams share it; an account with fewer than 3 dashboards pays nothing for this one.",
		money(c.prices.CloudWatchDashboardMonth), freeDashboardMetrics))
	if metrics > freeDashboardMetrics {
		c.assume(fmt.Sprintf("A dashboard with more than %d metrics never counts towards the free tier.", freeDashboardMetrics))
	}
	return nil
}

// dashboardMetrics counts the metrics of a dashboard body's widgets; -1 when the body is unknown.
func dashboardMetrics(body string) int {
	var b struct {
		Widgets []struct {
			Properties struct {
				Metrics []json.RawMessage `json:"metrics"`
			} `json:"properties"`
		} `json:"widgets"`
	}
	if body == "" || json.Unmarshal([]byte(body), &b) != nil {
		return -1
	}
	n := 0
	for _, w := range b.Widgets {
		n += len(w.Properties.Metrics)
	}
	return n
}
