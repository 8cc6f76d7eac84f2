package e2e_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// releaseStack records the config the releases set and the ups they run.
type releaseStack struct {
	configured []e2e.ConfigEntry
	ups        []string
	upErr      error
}

func (f *releaseStack) configure(_ context.Context, entries []e2e.ConfigEntry) error {
	f.configured = append(f.configured, entries...)
	return nil
}

func (f *releaseStack) up(_ context.Context, name string) error {
	f.ups = append(f.ups, name)
	return f.upErr
}

func group(version string, instances ...string) e2e.GroupState {
	g := e2e.GroupState{LaunchTemplateVersion: version}
	for _, id := range instances {
		g.Instances = append(g.Instances, e2e.GroupInstance{ID: id, LifecycleState: "InService", HealthStatus: "Healthy", LaunchTemplateVersion: version})
	}
	return g
}

func releases(stack *releaseStack, aws *fakeRollout, h e2e.HTTP) *e2e.Releases {
	return &e2e.Releases{Configure: stack.configure, Up: stack.up, AWS: aws, Watch: newWatch(h, aws)}
}

func TestACrashingReleaseRollsBackWhileTheSiteServes(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshRollbackSuccessful),
		states: []e2e.GroupState{group("3", "i-1", "i-2"), group("3", "i-1", "i-5")}}
	stack := &releaseStack{}
	r := releases(stack, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1"), served("i-2")}})

	results := e2e.RunChecks(context.Background(), clock, r.Checks()[:1])
	require.Len(t, results, 1)
	assert.Equal(t, e2e.Pass, results[0].Status, results[0].Message)
	assert.Equal(t, []e2e.ConfigEntry{{Key: "tenk:app.environment.GOMEMLIMIT", Value: "512MB", Path: true}}, stack.configured)
	assert.Equal(t, []string{e2e.OperationCrashRelease}, stack.ups)

	require.Len(t, r.Rollouts, 1)
	got := r.Rollouts[0]
	assert.Equal(t, e2e.CheckReleaseRollsBack, got.Name)
	assert.Equal(t, "512MB", got.GOMEMLIMIT)
	assert.Equal(t, e2e.RefreshRollbackSuccessful, got.Status)
	assert.Equal(t, "3", got.FromVersion)
	assert.Equal(t, "3", got.ToVersion)
	assert.Equal(t, 20*60.0, got.DurationSeconds, "from the refresh's start to its end, as Auto Scaling reports them")
	assert.Zero(t, got.Probes.Failures)
	assert.Greater(t, got.Probes.Requests, 500)
}

func TestARollbackFailsTheCheckWhenViewersSawErrorsOrTheGroupStayedOnTheRelease(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshRollbackSuccessful),
		states: []e2e.GroupState{group("3", "i-1", "i-2"), group("4", "i-7")}}
	h := &scriptedHTTP{answers: []httpAnswer{served("i-1"), {status: 502}, served("i-1")}}
	results := e2e.RunChecks(context.Background(), clock, releases(&releaseStack{}, aws, h).Checks()[:1])
	assert.Equal(t, e2e.Fail, results[0].Status)
	assert.Contains(t, results[0].Message, "1 of ")
	assert.Contains(t, results[0].Message, "failed while the release rolled out (a viewer saw them): +2s: answered 502")
	assert.Contains(t, results[0].Message, "after the rollback the group must run the first release again: the group launches launch template version 4, want 3")
}

func TestACrashingReleaseThatRollsForwardFails(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshSuccessful),
		states: []e2e.GroupState{group("3", "i-1"), group("4", "i-8")}}
	results := e2e.RunChecks(context.Background(), clock, releases(&releaseStack{}, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1")}}).Checks()[:1])
	assert.Equal(t, e2e.Fail, results[0].Status)
	assert.Contains(t, results[0].Message, "instance refresh new is Successful at 0 %; want RollbackSuccessful: a release that crashes on start must roll back by itself")
}

func TestTheFixedReleaseRollsForward(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshSuccessful),
		states: []e2e.GroupState{group("3", "i-1", "i-5"), group("5", "i-8", "i-9")}}
	stack := &releaseStack{}
	r := releases(stack, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1"), served("i-8")}})
	results := e2e.RunChecks(context.Background(), clock, r.Checks()[1:])
	assert.Equal(t, e2e.Pass, results[0].Status, results[0].Message)
	assert.Equal(t, []e2e.ConfigEntry{{Key: "tenk:app.environment.GOMEMLIMIT", Value: "512MiB", Path: true}}, stack.configured)
	assert.Equal(t, []string{e2e.OperationFixedRelease}, stack.ups)
	require.Len(t, r.Rollouts, 1)
	assert.Equal(t, "3", r.Rollouts[0].FromVersion)
	assert.Equal(t, "5", r.Rollouts[0].ToVersion)
	assert.Equal(t, map[string]int{"i-1": 1, "i-8": r.Rollouts[0].Probes.Requests - 1}, r.Rollouts[0].Probes.Instances)
}

func TestTheFixedReleaseFailsWhenNothingRolledForward(t *testing.T) {
	for _, tc := range []struct {
		name   string
		final  string
		after  e2e.GroupState
		wanted string
	}{
		{"rolled back", e2e.RefreshRollbackSuccessful, group("3", "i-1"), "want Successful: the fixed release must roll forward"},
		{"no new version", e2e.RefreshSuccessful, group("3", "i-1"), "the group still launches launch template version 3: the fixed release made no new version"},
		{"an old instance stayed", e2e.RefreshSuccessful, e2e.GroupState{LaunchTemplateVersion: "5", Instances: []e2e.GroupInstance{{ID: "i-1", LifecycleState: "InService", LaunchTemplateVersion: "3"}}}, "i-1 runs version 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), tc.final), states: []e2e.GroupState{group("3", "i-1"), tc.after}}
			results := e2e.RunChecks(context.Background(), clock, releases(&releaseStack{}, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1")}}).Checks()[1:])
			assert.Equal(t, e2e.Fail, results[0].Status)
			assert.Contains(t, results[0].Message, tc.wanted)
		})
	}
}

func TestAReleaseWhoseUpFailsIsRecordedAndFails(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: func(time.Duration) []e2e.InstanceRefresh { return nil }, states: []e2e.GroupState{group("3", "i-1")}}
	stack := &releaseStack{upErr: errors.New("docker-build: failed to solve")}
	r := releases(stack, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1")}})
	results := e2e.RunChecks(context.Background(), clock, r.Checks())
	for _, res := range results {
		assert.Equal(t, e2e.Fail, res.Status)
		assert.Contains(t, res.Message, "the release's up failed: docker-build: failed to solve")
	}
	assert.Len(t, r.Rollouts, 2, "each release is in the results, even a failed one")
	assert.Equal(t, []string{e2e.OperationCrashRelease, e2e.OperationFixedRelease}, stack.ups)
}

func TestEachReleaseWaitsForTheAlarmsToSettle(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshSuccessful), states: []e2e.GroupState{group("3", "i-1")}}
	stack := &releaseStack{}
	r := releases(stack, aws, &scriptedHTTP{answers: []httpAnswer{served("i-1")}})
	quiet := 0
	r.Quiet = func(context.Context) error {
		quiet++
		return errors.New("1 of 3 alarms: tenk-web-alarm-unhealthy-hosts is ALARM")
	}
	results := e2e.RunChecks(context.Background(), clock, r.Checks())
	assert.Equal(t, 2, quiet, "before each release")
	for _, res := range results {
		assert.Equal(t, e2e.Fail, res.Status)
		assert.Contains(t, res.Message, "the stack's alarms did not settle before the release, so it was not shipped: 1 of 3 alarms: tenk-web-alarm-unhealthy-hosts is ALARM")
	}
	assert.Empty(t, stack.ups, "nothing shipped into a firing alarm")
	assert.Empty(t, stack.configured)
}

func TestAlarmsQuietWaitsForAFiringAlarmToClear(t *testing.T) {
	p, aws := healthyStack()
	aws.alarms = [][]e2e.Alarm{{{Name: "unhealthy-hosts", State: "ALARM"}}, {{Name: "unhealthy-hosts", State: "OK"}}}
	assert.NoError(t, p.AlarmsQuiet(context.Background()))

	aws.alarms = [][]e2e.Alarm{{{Name: "unhealthy-hosts", State: "ALARM", Reason: "1 unhealthy"}}}
	assert.ErrorContains(t, p.AlarmsQuiet(context.Background()), "unhealthy-hosts is ALARM (1 unhealthy)")
}
