package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/tenkstack/tenk/app/probe"
)

// checkTimeout bounds each round trip of the deep check.
const checkTimeout = 2 * time.Second

// checks is the deep check: one round trip to every endpoint of every tier, in parallel, as
// JSON (probe.Report). 200 when all are OK, else 503. It is not the load balancer's health
// check: a tier's outage must not take every instance out of service.
func (s *Server) checks(w http.ResponseWriter, r *http.Request) {
	type job struct {
		check probe.Check
		run   func(context.Context) error
	}
	var jobs []job
	for i, e := range s.d.DB.Endpoints() {
		jobs = append(jobs, job{
			probe.Check{Tier: probe.TierDatabase, Role: e.Role, Target: net.JoinHostPort(e.Host, strconv.Itoa(s.d.DBPort))},
			func(ctx context.Context) error { return s.d.DB.Ping(ctx, i) },
		})
	}
	jobs = append(jobs,
		job{probe.Check{Tier: probe.TierCache, Role: s.d.Cache.Kind(), Target: s.d.CacheTarget}, s.d.Cache.Ping},
		job{probe.Check{Tier: probe.TierSessions, Target: "table " + s.d.SessionTable}, s.d.Sessions.Ping},
	)
	rep := probe.Report{Status: probe.StatusOK, Instance: s.d.Instance, SettingsVersion: s.d.SettingsVersion, Checks: make([]probe.Check, len(jobs))}
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(r.Context(), checkTimeout)
			defer cancel()
			start := time.Now()
			err := j.run(ctx)
			c := j.check
			c.LatencyMs = float64(time.Since(start).Microseconds()) / 1000
			c.Status = probe.StatusOK
			if err != nil {
				c.Status, c.Error = probe.StatusFail, scrub(err.Error())
			}
			rep.Checks[i] = c
		})
	}
	wg.Wait()
	code := http.StatusOK
	for _, c := range rep.Checks {
		if c.Status != probe.StatusOK {
			rep.Status, code = probe.StatusFail, http.StatusServiceUnavailable
			s.d.Log.Warn("deep check failed", "tier", c.Tier, "target", c.Target, "error", c.Error)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		s.d.Log.Warn("write deep check", "error", fmt.Sprint(err))
	}
}
