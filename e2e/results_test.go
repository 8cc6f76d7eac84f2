package e2e_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

var update = flag.Bool("update", false, "rewrite testdata/results.golden.json")

func sampleResults() e2e.Results {
	return e2e.Results{
		Stack: "e2e-abc123", Variant: e2e.VariantDev, Region: "us-east-1",
		StartedAt:  time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		FinishedAt: time.Date(2026, 1, 2, 3, 50, 0, 0, time.UTC),
		Passed:     false,
		Checks: []e2e.CheckResult{
			{Name: "up", Status: e2e.Pass, DurationSeconds: 912.4},
			{Name: e2e.CheckALBPrivate, Status: e2e.Fail, Message: "GET http://alb/healthz answered 200 from the internet", DurationSeconds: 0.3},
			{Name: e2e.CheckBucketPrivate, Status: e2e.Skip, Message: "output assetsBucketName is absent"},
		},
		Operations: []e2e.OperationTimings{{
			Name: "up", DurationSeconds: 912, ResourceChanges: map[string]int{"create": 97},
			Components: []e2e.ComponentTiming{
				{Component: "tenk:network:Network", Name: "tenk", Resources: 31, StartSeconds: 1, DurationSeconds: 154, Slowest: "aws:ec2/natGateway:NatGateway tenk-vpc-1", SlowestSeconds: 118},
				{Component: "tenk:database:RdsWithReplicas", Name: "tenk-db", Resources: 9, StartSeconds: 160, DurationSeconds: 600, Slowest: "aws:rds/instance:Instance tenk-db-primary", SlowestSeconds: 580},
			},
		}},
		Rollouts: []e2e.RolloutResult{{
			Name: e2e.CheckReleaseRollsBack, Operation: e2e.OperationCrashRelease, GOMEMLIMIT: "512MB",
			InstanceRefreshID: "bbbb-2", Status: e2e.RefreshRollbackSuccessful, StatusReason: "Rollback completed successfully.",
			RollbackReason: "Instance refresh failed: instances failed to pass health checks.", FromVersion: "3", ToVersion: "3",
			DurationSeconds: 1290, UpSeconds: 95.5, WatchedSeconds: 1400,
			Probes: e2e.ProbeCount{Requests: 690, Instances: map[string]int{"i-1": 345, "i-2": 345}},
		}},
		Cleanup: e2e.CleanupReport{DestroyAttempts: 1, Destroyed: true, StackRemoved: true},
	}
}

// Runs without releases write the file as before this field existed.
func TestResultsWithoutRolloutsHaveNoRolloutsField(t *testing.T) {
	r := sampleResults()
	r.Rollouts = nil
	path, err := e2e.WriteResults(t.TempDir(), r)
	require.NoError(t, err)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(got), "rollouts")
}

// The results file is compared run to run: its field names must not change silently.
func TestResultsFormatIsStable(t *testing.T) {
	dir := t.TempDir()
	path, err := e2e.WriteResults(dir, sampleResults())
	require.NoError(t, err)
	assert.Equal(t, filepath.Join(dir, "dev.json"), path)
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	golden := filepath.Join("testdata", "results.golden.json")
	if *update {
		require.NoError(t, os.WriteFile(golden, got, 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "the results format changed: bump e2e.SchemaVersion if a field was renamed or removed, then go test ./e2e -run TestResultsFormatIsStable -update")
}

func TestReadResultsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	none, err := e2e.ReadResults(dir, e2e.VariantAurora)
	require.NoError(t, err)
	assert.Nil(t, none)
	_, err = e2e.WriteResults(dir, sampleResults())
	require.NoError(t, err)
	back, err := e2e.ReadResults(dir, e2e.VariantDev)
	require.NoError(t, err)
	want := sampleResults()
	want.SchemaVersion = e2e.SchemaVersion
	assert.Equal(t, want, *back)
}

func TestPrintReportComparesWithTheLastRun(t *testing.T) {
	previous := sampleResults()
	previous.Operations[0].Components[1].DurationSeconds = 640
	previous.Rollouts[0].DurationSeconds = 1200
	var out bytes.Buffer
	current := sampleResults()
	current.Rollouts[0].ModelSeconds = 1320
	e2e.PrintReport(&out, current, &previous)
	s := out.String()
	assert.Regexp(t, `alb-not-reachable-from-internet\s+FAIL\s+0.3\s+GET http://alb/healthz answered 200`, s)
	assert.Contains(t, s, "up: 912s (create 97)")
	assert.Regexp(t, `tenk:database:RdsWithReplicas\s+tenk-db\s+9\s+160\s+600\s+640 \(-40\)\s+aws:rds/instance:Instance tenk-db-primary \(580s\)`, s)
	assert.Contains(t, s, "cleanup: destroyed and removed (1 destroy attempts)")
	assert.Regexp(t, `release-crash-on-start-rolls-back\s+512MB\s+RollbackSuccessful \(Instance refresh failed: instances failed to pass health checks.\)\s+3 → 3\s+1290\s+1320 \(-30\)\s+1200 \(\+90\)\s+96\s+1400\s+690 requests, 0 failed, answered by i-1 \(345\), i-2 \(345\)`, s)

	out.Reset()
	e2e.PrintReport(&out, sampleResults(), nil)
	assert.Regexp(t, `tenk:network:Network\s+tenk\s+31\s+1\s+154\s+-\s+aws:ec2/natGateway`, out.String())
}
