package e2e

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Check names of the rollout variant's releases, and the names of their ups in the timings.
const (
	CheckReleaseRollsBack    = "release-crash-on-start-rolls-back"
	CheckReleaseRollsForward = "release-fixed-rolls-forward"
	OperationCrashRelease    = "up crash-on-start release"
	OperationFixedRelease    = "up fixed release"
)

// refreshClockSkew widens "started after the up began" for a test machine whose clock is ahead
// of AWS's; the previous refresh started far longer ago than this.
const refreshClockSkew = time.Minute

// RolloutResult is one release's rollout as the results file keeps it (Results.Rollouts).
type RolloutResult struct {
	// Name is the check that shipped the release; Operation its up in Operations.
	Name      string `json:"name"`
	Operation string `json:"operation"`
	// GOMEMLIMIT is the release's memory limit setting (the only thing releases change).
	GOMEMLIMIT        string `json:"gomemlimit"`
	InstanceRefreshID string `json:"instanceRefreshId,omitempty"`
	Status            string `json:"status,omitempty"`
	StatusReason      string `json:"statusReason,omitempty"`
	RollbackReason    string `json:"rollbackReason,omitempty"`
	// FromVersion and ToVersion are the group's launch template version before the release and
	// once its refresh ended (equal after a rollback).
	FromVersion string `json:"fromLaunchTemplateVersion,omitempty"`
	ToVersion   string `json:"toLaunchTemplateVersion,omitempty"`
	// DurationSeconds runs from the refresh's start to its end, as Auto Scaling reports them.
	DurationSeconds float64 `json:"durationSeconds"`
	// UpSeconds is the release's `pulumi up`; WatchedSeconds runs from the up's start until the
	// refresh was seen ended (the release's whole rollout, as an operator waits for it).
	UpSeconds      float64 `json:"upSeconds"`
	WatchedSeconds float64 `json:"watchedSeconds"`
	// ModelSeconds is what the plan's rollout model predicted for the refresh (Releases.
	// ModelSeconds), 0 when unknown.
	ModelSeconds int `json:"modelSeconds,omitempty"`
	// Probes are the requests sent through CloudFront meanwhile.
	Probes ProbeCount `json:"probes"`
}

// Releases ships the rollout variant's releases after the first one is up and probed: one that
// crashes on start (BadMemoryLimit), which must roll back by itself while the site keeps
// serving the first release, then the fix (FixedMemoryLimit), which must roll forward.
type Releases struct {
	// Configure sets config entries on the stack (Stack.Configure).
	Configure func(ctx context.Context, entries []ConfigEntry) error
	// Up deploys the stack as the named operation (its timings join Results.Operations).
	Up func(ctx context.Context, name string) error
	// Quiet passes once no alarm of the stack is firing (Probe.AlarmsQuiet); each release waits
	// for it, as an operator would: a refresh whose alarm specification already fires rolls
	// back at once, and the crash release leaves the unhealthy-host alarm firing for a while.
	// nil waits for nothing.
	Quiet func(ctx context.Context) error
	AWS   RolloutAWS
	// Watch is how each release is followed; its HTTP, Clock, Group and URL are required.
	Watch RolloutWatch
	// Rollouts are the rollouts shipped so far, in order.
	Rollouts []RolloutResult
	// ModelSeconds is the plan's rollout model for the stack (RolloutModelSeconds), recorded with
	// each rollout to compare; 0 when unknown.
	ModelSeconds int
}

// Checks are the two releases, in order.
func (r *Releases) Checks() []Check {
	return []Check{{CheckReleaseRollsBack, r.rollsBack}, {CheckReleaseRollsForward, r.rollsForward}}
}

func (r *Releases) rollsBack(ctx context.Context) error {
	before, after, problems, err := r.rollOut(ctx, CheckReleaseRollsBack, OperationCrashRelease, BadMemoryLimit,
		RefreshRollbackSuccessful, "a release that crashes on start must roll back by itself")
	if err != nil {
		return err
	}
	if err := after.AllInServiceOn(before.LaunchTemplateVersion); err != nil {
		problems = append(problems, fmt.Sprintf("after the rollback the group must run the first release again: %v", err))
	}
	return joinProblems(problems)
}

func (r *Releases) rollsForward(ctx context.Context) error {
	before, after, problems, err := r.rollOut(ctx, CheckReleaseRollsForward, OperationFixedRelease, FixedMemoryLimit,
		RefreshSuccessful, "the fixed release must roll forward")
	if err != nil {
		return err
	}
	if after.LaunchTemplateVersion == before.LaunchTemplateVersion {
		problems = append(problems, fmt.Sprintf("the group still launches launch template version %s: the fixed release made no new version", before.LaunchTemplateVersion))
	} else if err := after.AllInServiceOn(after.LaunchTemplateVersion); err != nil {
		problems = append(problems, fmt.Sprintf("after the refresh every instance must run the fixed release: %v", err))
	}
	return joinProblems(problems)
}

// rollOut ships one release and lists what a viewer saw fail and a refresh that did not end
// in want (why says what that means); the group's state before and after is returned for the
// caller's own checks.
func (r *Releases) rollOut(ctx context.Context, check, operation, limit, want, why string) (before, after GroupState, problems []string, err error) {
	res, seen, before, after, err := r.ship(ctx, check, operation, limit)
	if err != nil {
		return before, after, nil, err
	}
	if err := seen.Probes.Verify(r.Watch.URL); err != nil {
		problems = append(problems, err.Error())
	}
	if res.Status != want {
		problems = append(problems, fmt.Sprintf("%s; want %s: %s", seen.Refresh.Summary(), want, why))
	}
	return before, after, problems, nil
}

// ship sets the release's GOMEMLIMIT, runs its up while watching, and records the rollout. An
// error means the release could not be shipped or watched at all.
func (r *Releases) ship(ctx context.Context, check, operation, limit string) (RolloutResult, Watched, GroupState, GroupState, error) {
	w := r.Watch
	res := RolloutResult{Name: check, Operation: operation, GOMEMLIMIT: limit, ModelSeconds: r.ModelSeconds}
	before, err := r.AWS.GroupState(ctx, w.Group)
	if err != nil {
		return res, Watched{}, before, GroupState{}, fmt.Errorf("describe the group before the release: %w", err)
	}
	res.FromVersion = before.LaunchTemplateVersion
	if r.Quiet != nil {
		if err := r.Quiet(ctx); err != nil {
			return res, Watched{}, before, GroupState{}, fmt.Errorf("the stack's alarms did not settle before the release, so it was not shipped: %w", err)
		}
	}
	if err := r.Configure(ctx, ReleaseEntries(limit)); err != nil {
		return res, Watched{}, before, GroupState{}, fmt.Errorf("set tenk:app.environment.%s=%s: %w", MemoryLimitVariable, limit, err)
	}
	start := w.Clock.Now()
	upDone := make(chan error, 1)
	go func() { upDone <- r.Up(ctx, operation) }()
	seen, werr := w.Run(ctx, start.Add(-refreshClockSkew), upDone)
	if !seen.UpReturned {
		<-upDone // never leave an up running: a killed CLI leaves the stack locked
	}
	after, aerr := r.AWS.GroupState(ctx, w.Group)
	res.fill(seen, after)
	r.Rollouts = append(r.Rollouts, res)
	return res, seen, before, after, errors.Join(werr, aerr)
}

// fill records what the watch saw and where the group ended.
func (res *RolloutResult) fill(seen Watched, after GroupState) {
	r := seen.Refresh
	res.InstanceRefreshID, res.Status, res.StatusReason, res.RollbackReason = r.InstanceRefreshID, r.Status, r.StatusReason, r.RollbackReason()
	res.ToVersion = after.LaunchTemplateVersion
	if !r.StartTime.IsZero() && !r.EndTime.IsZero() {
		res.DurationSeconds = round(r.EndTime.Sub(r.StartTime).Seconds())
	}
	res.UpSeconds, res.WatchedSeconds, res.Probes = seen.UpSeconds, seen.EndedSeconds, seen.Probes
}

func joinProblems(problems []string) error {
	if len(problems) == 0 {
		return nil
	}
	return errors.New(strings.Join(problems, "; "))
}
