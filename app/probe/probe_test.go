package probe

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func healthy(instance string) Report {
	return Report{Status: StatusOK, Instance: instance, SettingsVersion: "v1", Checks: []Check{
		{Tier: TierDatabase, Role: "writer", Target: "db:5432", Status: StatusOK, LatencyMs: 1.5},
		{Tier: TierDatabase, Role: "reader", Target: "r1:5432", Status: StatusOK, LatencyMs: 1.1},
		{Tier: TierCache, Role: "redis", Target: "cache:6379", Status: StatusOK, LatencyMs: 0.4},
		{Tier: TierSessions, Target: "table tenk-sessions", Status: StatusOK, LatencyMs: 4},
	}}
}

func TestProblems(t *testing.T) {
	assert.Empty(t, healthy("i-1").Problems())

	r := healthy("i-1")
	r.Checks[1].Status, r.Checks[1].Error = StatusFail, "connection refused"
	assert.Equal(t, []string{
		"database reader r1:5432: fail (connection refused)",
		`status "ok" but the checks say "fail"`,
	}, r.Problems())
	r.Status = StatusFail
	assert.Len(t, r.Problems(), 1, "a failing report that says so has one problem")

	r = healthy("")
	r.Checks = r.Checks[:2]
	assert.ElementsMatch(t, []string{"no check of the cache tier", "no check of the sessions tier", "no instance named"}, r.Problems())
	assert.Equal(t, []string{"no instance named"}, r.Problems(TierDatabase), "required tiers can be narrowed")
}

func TestDecodeRejectsWhatIsNotADeepCheck(t *testing.T) {
	_, err := Decode(strings.NewReader(`<html>`))
	assert.ErrorContains(t, err, "not JSON")
	_, err = Decode(strings.NewReader(`{"ok":true}`))
	assert.ErrorContains(t, err, "no status or no checks")
}

// A load balancer in front of three instances, round robin; one has a broken cache.
func fleet(t *testing.T, broken string) *httptest.Server {
	var n atomic.Int64
	ids := []string{"i-a", "i-b", "i-c"}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.Equal(t, CheckPath, r.URL.Path)
		rep := healthy(ids[n.Add(1)%3])
		code := http.StatusOK
		if rep.Instance == broken {
			rep.Status, rep.Checks[2].Status, rep.Checks[2].Error = StatusFail, StatusFail, "WRONGPASS"
			code = http.StatusServiceUnavailable
		}
		w.WriteHeader(code)
		_ = json.NewEncoder(w).Encode(rep)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSurvey(t *testing.T) {
	ctx := context.Background()
	reports, err := Survey(ctx, http.DefaultClient, fleet(t, "").URL, 3, 20)
	require.NoError(t, err)
	assert.Equal(t, []string{"i-a", "i-b", "i-c"}, Instances(reports))

	_, err = Survey(ctx, http.DefaultClient, fleet(t, "i-b").URL, 3, 20)
	assert.ErrorContains(t, err, "i-b: cache redis cache:6379: fail (WRONGPASS)")

	_, err = Survey(ctx, http.DefaultClient, fleet(t, "").URL, 4, 10)
	assert.ErrorContains(t, err, "heard from 3 of 4 instances in 10 requests")
}

func TestFetchChecksStatusAgainstHTTPCode(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rep := healthy("i-1")
		rep.Status = StatusFail
		_ = json.NewEncoder(w).Encode(rep) // 200 with a failing status: a liar
	}))
	defer srv.Close()
	_, err := Fetch(context.Background(), http.DefaultClient, srv.URL)
	assert.ErrorContains(t, err, `HTTP 200 with status "fail"`)
}

// Two instances behind round robin; shared decides whether they share session state.
func sessionFleet(t *testing.T, shared bool) *httptest.Server {
	var mu sync.Mutex
	stores := []map[string]int{{}, {}}
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1) % 2)
		store := stores[i]
		if shared {
			store = stores[0]
		}
		mu.Lock()
		defer mu.Unlock()
		id := "new"
		if c, err := r.Cookie("s"); err == nil {
			id = c.Value
		} else {
			id = strconv.Itoa(len(stores[0]) + len(stores[1]) + 1)
			http.SetCookie(w, &http.Cookie{Name: "s", Value: id})
		}
		store[id]++
		w.Header().Set(InstanceHeader, "i-"+strconv.Itoa(i))
		w.Header().Set(SessionViewsHeader, strconv.Itoa(store[id]))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestFollowSession(t *testing.T) {
	ctx := context.Background()
	res, err := FollowSession(ctx, nil, sessionFleet(t, true).URL, 6, 2)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Distinct)

	_, err = FollowSession(ctx, nil, sessionFleet(t, false).URL, 6, 2)
	assert.ErrorContains(t, err, "did not carry over")

	_, err = FollowSession(ctx, nil, sessionFleet(t, true).URL, 6, 3)
	assert.ErrorContains(t, err, "met 2 distinct instances, want 3")
}
