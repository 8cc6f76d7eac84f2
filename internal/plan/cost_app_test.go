package plan_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/plan"
)

// linesOf are the cost lines of one resource.
func linesOf(p *plan.Plan, resource string) []plan.Line {
	var out []plan.Line
	for _, l := range p.Cost.Lines {
		if l.Resource == resource {
			out = append(out, l)
		}
	}
	return out
}

// TestApplicationUsageLines: a built image's repository is priced for the releases its lifecycle
// rule keeps (tenk:app.keepReleases) at an assumed size, and the application's log group for the
// group's desired capacity at an assumed volume per instance; both lines say they are
// usage-based and what they assume, and the assumptions are listed. Without an application there
// is neither.
func TestApplicationUsageLines(t *testing.T) {
	pr, err := plan.LoadPrices("us-east-1")
	require.NoError(t, err)
	p := planWith(t, "prod", `{"build": "app", "keepReleases": 25}`)

	repo := linesOf(p, "tenk-app-image-repo")
	require.Len(t, repo, 1)
	assert.Contains(t, repo[0].Item, "usage-based: assumes 25 releases")
	assert.Equal(t, plan.PerGBMonth, repo[0].Unit)
	assert.Equal(t, pr.ECRStorageGbMonth, repo[0].UnitPrice)
	assert.InDelta(t, 25*100.0/1024, repo[0].Quantity, 0.01, "25 releases of the assumed 100 MB")

	logs := linesOf(p, "tenk-web-app-logs")
	require.Len(t, logs, 1)
	assert.Contains(t, logs[0].Item, "usage-based: assumes 1 GB per instance")
	assert.Equal(t, 3.0, logs[0].Quantity, "prod's desired capacity")
	assert.Equal(t, pr.CloudWatchLogsIngestionGB, logs[0].UnitPrice)
	assert.Equal(t, 3*pr.CloudWatchLogsIngestionGB, logs[0].Monthly)

	assumed := strings.Join(p.Cost.Assumptions, "\n")
	assert.Contains(t, assumed, "as many releases as its lifecycle rule keeps")
	assert.Contains(t, assumed, "1 GB a month per instance")
	for _, u := range p.Cost.UsageBased {
		assert.NotContains(t, []string{"tenk-app-image-repo", "tenk-web-app-logs"}, u.Resource, "estimated, so not listed as not estimated")
	}

	plain := planWith(t, "prod", "")
	assert.Empty(t, linesOf(plain, "tenk-web-app-logs"))
	assert.Empty(t, linesOf(plain, "tenk-app-image-repo"))
}
