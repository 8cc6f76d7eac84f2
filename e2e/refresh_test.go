package e2e_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// rolledBackJSON is describe-instance-refreshes after a release that failed its health checks,
// in the AWS CLI's shape (aws-cli awscli/examples/autoscaling/describe-instance-refreshes.rst;
// RollbackDetails from the API reference), newest first, with the previous, successful refresh.
const rolledBackJSON = `{
  "InstanceRefreshes": [
    {
      "InstanceRefreshId": "bbbb-2",
      "AutoScalingGroupName": "tenk-web-asg",
      "Status": "RollbackSuccessful",
      "StatusReason": "Rollback completed successfully.",
      "StartTime": "2026-01-02T04:00:10+00:00",
      "EndTime": "2026-01-02T04:21:40+00:00",
      "PercentageComplete": 0,
      "InstancesToUpdate": 0,
      "Preferences": {"MinHealthyPercentage": 50, "MaxHealthyPercentage": 150, "AutoRollback": true},
      "RollbackDetails": {
        "RollbackReason": "Instance refresh failed: instances failed to pass health checks.",
        "RollbackStartTime": "2026-01-02T04:12:00+00:00",
        "PercentageCompleteOnRollback": 50,
        "InstancesToUpdateOnRollback": 1
      }
    },
    {
      "InstanceRefreshId": "aaaa-1",
      "AutoScalingGroupName": "tenk-web-asg",
      "Status": "Successful",
      "StartTime": "2025-12-30T10:00:00.123000+00:00",
      "EndTime": "2025-12-30T10:14:00+00:00",
      "PercentageComplete": 100,
      "InstancesToUpdate": 0
    }
  ]
}`

func TestParseInstanceRefreshes(t *testing.T) {
	rs, err := e2e.ParseInstanceRefreshes([]byte(rolledBackJSON))
	require.NoError(t, err)
	require.Len(t, rs, 2)
	r := rs[0]
	assert.Equal(t, "bbbb-2", r.InstanceRefreshID)
	assert.Equal(t, e2e.RefreshRollbackSuccessful, r.Status)
	assert.Equal(t, time.Date(2026, 1, 2, 4, 0, 10, 0, time.UTC), r.StartTime.UTC())
	assert.Equal(t, 21*time.Minute+30*time.Second, r.EndTime.Sub(r.StartTime))
	assert.Equal(t, "Instance refresh failed: instances failed to pass health checks.", r.RollbackReason())
	assert.Equal(t, 50, r.RollbackDetails.PercentageCompleteOnRollback)
	assert.True(t, r.Ended())
	assert.Equal(t, "instance refresh bbbb-2 is RollbackSuccessful at 0 %; rollback reason: Instance refresh failed: instances failed to pass health checks.; status reason: Rollback completed successfully.", r.Summary())

	assert.Empty(t, rs[1].RollbackReason(), "a refresh that did not roll back has no reason")

	_, err = e2e.ParseInstanceRefreshes([]byte("Unknown options: --max-records"))
	assert.ErrorContains(t, err, "describe-instance-refreshes: unexpected output")
}

func TestRefreshEndsOnlyInAFinalStatus(t *testing.T) {
	for status, ended := range map[string]bool{
		"Pending": false, "InProgress": false, "Baking": false, "Cancelling": false, "RollbackInProgress": false,
		"Successful": true, "Failed": true, "Cancelled": true, "RollbackFailed": true, "RollbackSuccessful": true,
	} {
		assert.Equal(t, ended, e2e.InstanceRefresh{Status: status}.Ended(), status)
	}
}

func TestRefreshStartedSincePicksTheReleasesRefresh(t *testing.T) {
	rs, err := e2e.ParseInstanceRefreshes([]byte(rolledBackJSON))
	require.NoError(t, err)
	release := time.Date(2026, 1, 2, 3, 59, 0, 0, time.UTC)

	r, ok := e2e.RefreshStartedSince(rs, release)
	require.True(t, ok)
	assert.Equal(t, "bbbb-2", r.InstanceRefreshID)

	// Order does not matter: the latest start wins.
	r, ok = e2e.RefreshStartedSince([]e2e.InstanceRefresh{rs[1], rs[0]}, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	require.True(t, ok)
	assert.Equal(t, "bbbb-2", r.InstanceRefreshID)

	_, ok = e2e.RefreshStartedSince(rs[1:], release)
	assert.False(t, ok, "an older refresh is not the release's")
	_, ok = e2e.RefreshStartedSince(nil, release)
	assert.False(t, ok)
}
