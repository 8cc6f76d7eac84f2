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

// fakeRollout is Auto Scaling during one release: refreshes(t) is what describe-instance-
// refreshes answers t after the release began; failPolls calls fail first.
type fakeRollout struct {
	clock     *fakeClock
	began     time.Time
	refreshes func(after time.Duration) []e2e.InstanceRefresh
	failPolls int
	polls     []time.Duration
	states    []e2e.GroupState
}

func (f *fakeRollout) InstanceRefreshes(context.Context, string) ([]e2e.InstanceRefresh, error) {
	after := f.clock.Now().Sub(f.began)
	f.polls = append(f.polls, after)
	if len(f.polls) <= f.failPolls {
		return nil, errors.New("Throttling: Rate exceeded")
	}
	return f.refreshes(after), nil
}

func (f *fakeRollout) GroupState(context.Context, string) (e2e.GroupState, error) {
	s := f.states[0]
	if len(f.states) > 1 {
		f.states = f.states[1:]
	}
	return s, nil
}

// releaseRefresh is the refresh a release starts a minute after it began: InProgress for ten
// minutes, then rolling back for ten, then final.
func releaseRefresh(began time.Time, final string) func(time.Duration) []e2e.InstanceRefresh {
	old := e2e.InstanceRefresh{InstanceRefreshID: "old", Status: e2e.RefreshSuccessful, StartTime: began.Add(-48 * time.Hour)}
	return func(after time.Duration) []e2e.InstanceRefresh {
		r := e2e.InstanceRefresh{InstanceRefreshID: "new", StartTime: began.Add(time.Minute)}
		switch {
		case after < time.Minute:
			return []e2e.InstanceRefresh{old}
		case after < 11*time.Minute:
			r.Status = "InProgress"
		case after < 21*time.Minute && final == e2e.RefreshRollbackSuccessful:
			r.Status = "RollbackInProgress"
		default:
			r.Status, r.EndTime = final, began.Add(21*time.Minute)
		}
		return []e2e.InstanceRefresh{r, old}
	}
}

func newWatch(h e2e.HTTP, aws *fakeRollout) e2e.RolloutWatch {
	return e2e.RolloutWatch{HTTP: h, AWS: aws, Clock: aws.clock, Group: "tenk-web-asg", URL: "https://d111.cloudfront.net/"}
}

func upReturned(err error) <-chan error {
	ch := make(chan error, 1)
	ch <- err
	return ch
}

func TestRolloutWatchFollowsTheReleaseUntilItsRefreshEnds(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshRollbackSuccessful)}
	h := &scriptedHTTP{answers: []httpAnswer{served("i-1"), served("i-2")}}

	seen, err := newWatch(h, aws).Run(context.Background(), clock.Now(), upReturned(nil))
	require.NoError(t, err)
	assert.Equal(t, "new", seen.Refresh.InstanceRefreshID, "the refresh from two days ago is not the release's")
	assert.Equal(t, e2e.RefreshRollbackSuccessful, seen.Refresh.Status)
	assert.True(t, seen.UpReturned)
	assert.InDelta(t, 21*60, seen.EndedSeconds, 30, "seen ended within one poll of its end")
	assert.Zero(t, seen.Probes.Failures)
	assert.Equal(t, h.gets, seen.Probes.Requests)
	assert.InDelta(t, seen.EndedSeconds/2, seen.Probes.Requests, 2, "one request every 2 seconds")
	for i := 1; i < len(aws.polls); i++ {
		assert.GreaterOrEqual(t, aws.polls[i]-aws.polls[i-1], 30*time.Second, "polls are spaced")
	}
}

func TestRolloutWatchPollsOnlyOnceTheUpHasReturned(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: func(time.Duration) []e2e.InstanceRefresh {
		return []e2e.InstanceRefresh{{InstanceRefreshID: "r", Status: e2e.RefreshSuccessful, StartTime: clock.Now()}}
	}}
	upDone := make(chan error, 1)
	h := &upAfter{scriptedHTTP: scriptedHTTP{answers: []httpAnswer{served("i-1")}}, n: 10, upDone: upDone}

	seen, err := newWatch(h, aws).Run(context.Background(), clock.Now(), upDone)
	require.NoError(t, err)
	assert.Equal(t, 18.0, seen.UpSeconds, "the up returned during the 10th request, after 9 pauses")
	require.NotEmpty(t, aws.polls)
	assert.Equal(t, 18*time.Second, aws.polls[0], "no poll before the up returned")
	assert.Equal(t, 10, seen.Probes.Requests, "the site was probed while the up ran")
}

// upAfter reports the up done during its n-th GET.
type upAfter struct {
	scriptedHTTP
	n      int
	upDone chan error
}

func (u *upAfter) Get(ctx context.Context, url string) (e2e.HTTPResponse, error) {
	r, err := u.scriptedHTTP.Get(ctx, url)
	if u.gets == u.n {
		u.upDone <- nil
	}
	return r, err
}

func TestRolloutWatchFailures(t *testing.T) {
	for _, tc := range []struct {
		name      string
		refreshes func(began time.Time) func(time.Duration) []e2e.InstanceRefresh
		failPolls int
		up        error
		want      string
	}{
		{"no refresh", func(time.Time) func(time.Duration) []e2e.InstanceRefresh {
			return func(time.Duration) []e2e.InstanceRefresh { return nil }
		}, 0, nil, "no instance refresh of tenk-web-asg started within 5m0s of the release's up"},
		{"never ends", func(began time.Time) func(time.Duration) []e2e.InstanceRefresh {
			return func(time.Duration) []e2e.InstanceRefresh {
				return []e2e.InstanceRefresh{{InstanceRefreshID: "r", Status: "InProgress", PercentageComplete: 50, StartTime: began}}
			}
		}, 0, nil, "the release did not finish rolling out within 1h15m0s: instance refresh r is InProgress at 50 %"},
		{"up failed", func(began time.Time) func(time.Duration) []e2e.InstanceRefresh {
			return releaseRefresh(began, e2e.RefreshSuccessful)
		}, 0, errors.New("exit status 255"), "the release's up failed: exit status 255"},
		{"describe keeps failing", func(began time.Time) func(time.Duration) []e2e.InstanceRefresh {
			return releaseRefresh(began, e2e.RefreshSuccessful)
		}, 5, nil, "describe the instance refreshes of tenk-web-asg failed 5 times in a row: Throttling: Rate exceeded"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := newFakeClock()
			aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: tc.refreshes(clock.Now()), failPolls: tc.failPolls}
			h := &scriptedHTTP{answers: []httpAnswer{served("i-1")}}
			_, err := newWatch(h, aws).Run(context.Background(), clock.Now(), upReturned(tc.up))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.LessOrEqual(t, h.gets, int(75*time.Minute/(2*time.Second))+1, "the loop is bounded")
		})
	}
}

func TestRolloutWatchRidesOutAFewFailedDescribes(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshSuccessful), failPolls: 4}
	seen, err := newWatch(&scriptedHTTP{answers: []httpAnswer{served("i-1")}}, aws).Run(context.Background(), clock.Now(), upReturned(nil))
	require.NoError(t, err)
	assert.Equal(t, e2e.RefreshSuccessful, seen.Refresh.Status)
}

func TestRolloutWatchStopsWithItsContext(t *testing.T) {
	clock := newFakeClock()
	aws := &fakeRollout{clock: clock, began: clock.Now(), refreshes: releaseRefresh(clock.Now(), e2e.RefreshSuccessful)}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := newWatch(&scriptedHTTP{answers: []httpAnswer{served("i-1")}}, aws).Run(ctx, clock.Now(), upReturned(nil))
	assert.ErrorIs(t, err, context.Canceled)
}
