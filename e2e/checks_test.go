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

func TestRunChecksRunsEveryCheckAndNamesEachOutcome(t *testing.T) {
	clock := newFakeClock()
	ran := 0
	results := e2e.RunChecks(context.Background(), clock, []e2e.Check{
		{Name: "ok", Run: func(context.Context) error { ran++; return clock.Sleep(context.Background(), 2*time.Second) }},
		{Name: "broken", Run: func(context.Context) error { ran++; return errors.New("GET /healthz answered 502") }},
		{Name: "n/a", Run: func(context.Context) error { ran++; return e2e.Skipped("output x is absent") }},
		{Name: "panics", Run: func(context.Context) error { ran++; panic("boom") }},
		{Name: "after", Run: func(context.Context) error { ran++; return nil }},
	})
	assert.Equal(t, 5, ran, "a failing or panicking check must not stop the others")
	require.Len(t, results, 5)
	assert.Equal(t, e2e.CheckResult{Name: "ok", Status: e2e.Pass, DurationSeconds: 2}, results[0])
	assert.Equal(t, e2e.CheckResult{Name: "broken", Status: e2e.Fail, Message: "GET /healthz answered 502"}, results[1])
	assert.Equal(t, e2e.CheckResult{Name: "n/a", Status: e2e.Skip, Message: "output x is absent"}, results[2])
	assert.Equal(t, e2e.Fail, results[3].Status)
	assert.Contains(t, results[3].Message, "boom")
	assert.Equal(t, e2e.Pass, results[4].Status)
	failed := e2e.Failed(results)
	require.Len(t, failed, 2)
	assert.Equal(t, "broken", failed[0].Name)
	assert.Equal(t, "panics", failed[1].Name)
}

func TestEventuallyRetriesUntilSuccess(t *testing.T) {
	clock := newFakeClock()
	start := clock.Now()
	calls := 0
	err := e2e.Eventually(context.Background(), clock, time.Minute, 10*time.Second, func(context.Context) error {
		calls++
		if calls < 3 {
			return errors.New("not yet")
		}
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, 3, calls)
	assert.Equal(t, 20*time.Second, clock.Now().Sub(start))
}

func TestEventuallyGivesUpWithTheLastError(t *testing.T) {
	clock := newFakeClock()
	calls := 0
	err := e2e.Eventually(context.Background(), clock, time.Minute, 10*time.Second, func(context.Context) error {
		calls++
		return errors.New("GET answered 503")
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "GET answered 503")
	assert.Contains(t, err.Error(), "6 attempts over 1m0s")
	assert.Equal(t, 6, calls, "one attempt at 0s and one every 10s while another fits before the deadline")
}

func TestEventuallyStopsOnPermanentAndSkipped(t *testing.T) {
	for name, stop := range map[string]error{
		"permanent": e2e.Permanent(errors.New("AccessDenied")),
		"skipped":   e2e.Skipped("absent"),
	} {
		t.Run(name, func(t *testing.T) {
			calls := 0
			err := e2e.Eventually(context.Background(), newFakeClock(), time.Hour, time.Second, func(context.Context) error {
				calls++
				return stop
			})
			assert.Equal(t, 1, calls)
			assert.Equal(t, stop.Error(), err.Error())
		})
	}
}

func TestEventuallyStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := e2e.Eventually(ctx, newFakeClock(), time.Hour, time.Second, func(context.Context) error { return errors.New("down") })
	require.Error(t, err)
	assert.Contains(t, err.Error(), "interrupted")
}
