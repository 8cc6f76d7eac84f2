package server

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkPage is the load test: concurrent visitors, each with its own session, request the
// page over loopback HTTP from the real PostgreSQL and Redis (TLS, AUTH) and the in-memory
// session table. It reports requests/s and the 99th-percentile latency. Bounded by -benchtime
// (default 1 s); run it with
//
//	cd app && go test -run '^$' -bench Page -benchtime 2000x ./internal/server
func BenchmarkPage(b *testing.B) {
	w := newWorld(b)
	s, _ := w.server(b, "i-bench")
	ts := httptest.NewServer(s)
	defer ts.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	defer transport.CloseIdleConnections()

	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(8) // 8 visitors per CPU
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		jar, _ := cookiejar.New(nil) // one visitor, one session
		client := &http.Client{Jar: jar, Transport: &insecureCookies{base: transport}}
		var mine []time.Duration
		for pb.Next() {
			t0 := time.Now()
			resp, err := client.Get(ts.URL + "/")
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("HTTP %d", resp.StatusCode)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(start)
	b.StopTimer()
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	p99 := latencies[min(len(latencies)-1, len(latencies)*99/100)]
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
}
