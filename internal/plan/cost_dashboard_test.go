package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

// TestDashboardIsPricedWithoutTheFreeTier plans each real stack: its one CloudWatch dashboard is a
// line at the table's per-dashboard price, with its metric count, and the assumptions say the
// account-wide free tier is not subtracted.
func TestDashboardIsPricedWithoutTheFreeTier(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	require.Equal(t, 3.0, pr.CloudWatchDashboardMonth, "CloudWatch pricing: $3.00 per dashboard per month")
	for _, stack := range []string{"dev", "prod"} {
		t.Run(stack, func(t *testing.T) {
			p, err := plan.FromStack(plan.Options{Root: "../..", Stack: stack})
			require.NoError(t, err)
			var lines []plan.Line
			for _, l := range p.Cost.Lines {
				if l.Type == "aws:cloudwatch/dashboard:Dashboard" {
					lines = append(lines, l)
				}
			}
			require.Len(t, lines, 1, "one dashboard per stack")
			assert.Equal(t, pr.CloudWatchDashboardMonth, lines[0].Monthly)
			assert.Regexp(t, `^dashboard \(\d+ metrics\)$`, lines[0].Item)
			found := false
			for _, a := range p.Cost.Assumptions {
				found = found || strings.Contains(a, "free tier (3 dashboards of up to 50 metrics per account) is not subtracted")
			}
			assert.True(t, found, "the plan says how it treats the free tier: %v", p.Cost.Assumptions)
		})
	}
}
