package e2e

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Status is the outcome of one named check.
type Status string

// The outcomes of a check.
const (
	Pass Status = "pass"
	Fail Status = "fail"
	Skip Status = "skip"
)

// Check is one named probe. Run returns nil when the check passes, an error saying what was
// expected and what was found when it fails, or a Skipped error when it does not apply.
type Check struct {
	Name string
	Run  func(ctx context.Context) error
}

// CheckResult is what one check found; it is part of the results file.
type CheckResult struct {
	Name            string  `json:"name"`
	Status          Status  `json:"status"`
	Message         string  `json:"message,omitempty"`
	DurationSeconds float64 `json:"durationSeconds"`
}

// skipped marks a check that does not apply to this stack (an output it needs is absent).
type skipped struct{ reason string }

func (s skipped) Error() string { return s.reason }

// Skipped returns the error a check returns when it does not apply, with the reason.
func Skipped(format string, args ...any) error { return skipped{fmt.Sprintf(format, args...)} }

// permanent marks an error that retrying cannot fix.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

// Permanent wraps err so that Eventually returns it at once instead of retrying.
func Permanent(err error) error { return permanent{err} }

// Clock is the time source of the checks, so that waits are instant in unit tests.
type Clock interface {
	Now() time.Time
	// Sleep waits for d or until ctx is done, whichever comes first.
	Sleep(ctx context.Context, d time.Duration) error
}

// RealClock is the wall clock.
type RealClock struct{}

// Now is time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// Sleep waits for d or until ctx is done.
func (RealClock) Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// RunChecks runs every check in order, each to the end even when an earlier one failed, so one
// run reports every problem. A panicking check fails with the panic's value.
func RunChecks(ctx context.Context, clock Clock, checks []Check) []CheckResult {
	results := make([]CheckResult, 0, len(checks))
	for _, c := range checks {
		start := clock.Now()
		err := runOne(ctx, c)
		r := CheckResult{Name: c.Name, Status: Pass, DurationSeconds: round(clock.Now().Sub(start).Seconds())}
		var s skipped
		switch {
		case errors.As(err, &s):
			r.Status, r.Message = Skip, s.reason
		case err != nil:
			r.Status, r.Message = Fail, err.Error()
		}
		results = append(results, r)
	}
	return results
}

func runOne(ctx context.Context, c Check) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("check panicked: %v", p)
		}
	}()
	return c.Run(ctx)
}

// Failed returns the results that failed.
func Failed(results []CheckResult) []CheckResult {
	var out []CheckResult
	for _, r := range results {
		if r.Status == Fail {
			out = append(out, r)
		}
	}
	return out
}

// Eventually calls fn until it returns nil, every interval, for at most timeout. AWS converges
// (CloudFront deploys to edges, instances boot, alarms leave INSUFFICIENT_DATA), so most checks
// retry; the last error is returned with how long it was tried.
func Eventually(ctx context.Context, clock Clock, timeout, interval time.Duration, fn func(ctx context.Context) error) error {
	deadline := clock.Now().Add(timeout)
	attempts := 0
	for {
		attempts++
		err := fn(ctx)
		if err == nil {
			return nil
		}
		var s skipped
		if errors.As(err, &s) {
			return err
		}
		var p permanent
		if errors.As(err, &p) {
			return p.err
		}
		if !clock.Now().Add(interval).Before(deadline) {
			return fmt.Errorf("%w (still failing after %d attempts over %s)", err, attempts, timeout)
		}
		if serr := clock.Sleep(ctx, interval); serr != nil {
			return fmt.Errorf("%w (interrupted: %v)", err, serr)
		}
	}
}

func round(seconds float64) float64 { return float64(int64(seconds*10+0.5)) / 10 }
