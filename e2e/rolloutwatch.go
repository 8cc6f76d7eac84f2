package e2e

import (
	"context"
	"fmt"
	"time"
)

// RolloutWatch follows one release from the outside: while the release's `pulumi up` runs and
// then while the instance refresh it started moves, it sends one GET through CloudFront every
// ProbeInterval (counting what a viewer would see fail) and polls the group's refreshes every
// PollInterval, in one goroutine, so that unit tests drive it with a fake clock. The loop is
// bounded by Timeout, and so is the number of requests it sends.
type RolloutWatch struct {
	HTTP  HTTP
	AWS   RolloutAWS
	Clock Clock
	// Group is the Auto Scaling group (output autoScalingGroupName).
	Group string
	// URL is what the loop requests: the application's page through CloudFront.
	URL string
	// ProbeInterval is the pause between requests. Default: 2 seconds.
	ProbeInterval time.Duration
	// PollInterval is the pause between describe-instance-refreshes calls. Default: 30 seconds.
	PollInterval time.Duration
	// StartTimeout is how long after the up returned the release's refresh may take to appear.
	// Default: 5 minutes.
	StartTimeout time.Duration
	// Timeout bounds the whole watch. Default: 75 minutes (dev's refresh: boot, health checks,
	// alarms over five minutes, a 5-minute bake, a rollback's replacements).
	Timeout time.Duration
}

func (w RolloutWatch) withDefaults() RolloutWatch {
	if w.ProbeInterval == 0 {
		w.ProbeInterval = 2 * time.Second
	}
	if w.PollInterval == 0 {
		w.PollInterval = 30 * time.Second
	}
	if w.StartTimeout == 0 {
		w.StartTimeout = 5 * time.Minute
	}
	if w.Timeout == 0 {
		w.Timeout = 75 * time.Minute
	}
	return w
}

// Watched is what a watch saw: the refresh (zero when none started) and the requests.
type Watched struct {
	Refresh InstanceRefresh
	Probes  ProbeCount
	// UpReturned is true once the up's result was received from upDone.
	UpReturned bool
	// UpSeconds is how long the release's up took; EndedSeconds is when the refresh was seen
	// ended, both from the start of the watch.
	UpSeconds, EndedSeconds float64
}

// watchState is one watch in progress.
type watchState struct {
	w        RolloutWatch
	since    time.Time
	started  time.Time
	upAt     time.Time // when the up returned; zero until then
	lastPoll time.Time
	seen     Watched
	ended    bool
	// pollErrors counts describe failures in a row: a throttled call is retried, five are not.
	pollErrors int
}

// maxPollErrors is how many describe-instance-refreshes failures in a row end a watch.
const maxPollErrors = 5

// Run watches the release whose up started at since and reports on upDone (nil, or the up's
// error). It returns once the up has returned and the refresh it started has ended; an error
// when the up failed, no refresh started, or Timeout passed (what was seen so far is returned
// with it).
func (w RolloutWatch) Run(ctx context.Context, since time.Time, upDone <-chan error) (Watched, error) {
	s := &watchState{w: w.withDefaults(), since: since, started: w.Clock.Now()}
	deadline := s.started.Add(s.w.Timeout)
	for {
		now := s.w.Clock.Now()
		s.seen.Probes.Probe(ctx, s.w.HTTP, s.w.URL, s.started, now)
		if err := s.receiveUp(upDone); err != nil {
			return s.seen, err
		}
		if err := s.poll(ctx, now); err != nil || s.done() {
			return s.seen, err
		}
		if !now.Add(s.w.ProbeInterval).Before(deadline) {
			return s.seen, fmt.Errorf("the release did not finish rolling out within %s: %s", s.w.Timeout, s.status())
		}
		if err := s.w.Clock.Sleep(ctx, s.w.ProbeInterval); err != nil {
			return s.seen, fmt.Errorf("interrupted while the release rolled out (%s): %w", s.status(), err)
		}
	}
}

// upGrace is how long, in real time, each turn of the loop waits for the up's result before it
// goes on: long enough for an up that has just returned (its goroutine runnable) to be seen in
// that turn whatever the Clock, short against ProbeInterval.
const upGrace = 50 * time.Millisecond

// receiveUp records the up's result once it arrives; the up's error ends the watch.
func (s *watchState) receiveUp(upDone <-chan error) error {
	if !s.upAt.IsZero() {
		return nil
	}
	grace := time.NewTimer(upGrace)
	defer grace.Stop()
	select {
	case err := <-upDone:
		s.upAt, s.seen.UpReturned = s.w.Clock.Now(), true
		s.seen.UpSeconds = round(s.upAt.Sub(s.started).Seconds())
		if err != nil {
			return fmt.Errorf("the release's up failed: %w", err)
		}
	case <-grace.C:
	}
	return nil
}

// poll reads the refreshes when PollInterval has passed since the last read, once the up has
// returned (before that the old refresh, if any, is all there is to see).
func (s *watchState) poll(ctx context.Context, now time.Time) error {
	if s.upAt.IsZero() || s.ended || (!s.lastPoll.IsZero() && now.Sub(s.lastPoll) < s.w.PollInterval) {
		return nil
	}
	s.lastPoll = now
	refreshes, err := s.w.AWS.InstanceRefreshes(ctx, s.w.Group)
	if err != nil {
		if s.pollErrors++; s.pollErrors < maxPollErrors {
			return nil
		}
		return fmt.Errorf("describe the instance refreshes of %s failed %d times in a row: %w", s.w.Group, s.pollErrors, err)
	}
	s.pollErrors = 0
	r, ok := RefreshStartedSince(refreshes, s.since)
	if !ok {
		if now.Sub(s.upAt) > s.w.StartTimeout {
			return fmt.Errorf("no instance refresh of %s started within %s of the release's up: a new launch template version must start one", s.w.Group, s.w.StartTimeout)
		}
		return nil
	}
	s.seen.Refresh = r
	if r.Ended() {
		s.ended = true
		s.seen.EndedSeconds = round(now.Sub(s.started).Seconds())
	}
	return nil
}

func (s *watchState) done() bool { return !s.upAt.IsZero() && s.ended }

func (s *watchState) status() string {
	switch {
	case s.upAt.IsZero():
		return "the up is still running"
	case s.seen.Refresh.InstanceRefreshID == "":
		return "no refresh seen yet"
	default:
		return s.seen.Refresh.Summary()
	}
}
