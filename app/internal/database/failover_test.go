package database

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/testservers"
)

// A Multi-AZ failover as the application sees it: every connection to the primary drops, the
// old address refuses new ones, and a little later the endpoint's DNS name points at the
// standby. Requests fail for a bounded time, then succeed on the same pool, without a restart.
func testSurvivesAFailover(t *testing.T, pg *testservers.Postgres) {
	primary := testservers.StartProxy(t, pg.Addr())
	standby := testservers.StartProxy(t, pg.Addr())
	var dns atomic.Value
	dns.Store(primary.Addr)
	db := openTest(t, pg, func(o *Options) {
		o.Host = "db.test" // the certificate's name; the proxies are reached through "DNS"
		o.Lookup = func(_ context.Context, host string) ([]string, error) {
			require.Equal(t, "db.test", host)
			return []string{dns.Load().(string)}, nil
		}
	})

	const dnsDelay = 1500 * time.Millisecond // RDS: 60–120 s; compressed here
	var cutAt, flippedAt, recoveredAt time.Time
	failures, lastCount := 0, int64(0)
	deadline := time.Now().Add(40 * time.Second)
	for time.Now().Before(deadline) {
		now := time.Now()
		switch {
		case cutAt.IsZero() && lastCount >= 20:
			primary.Cut(true)
			cutAt = now
		case !cutAt.IsZero() && flippedAt.IsZero() && now.Sub(cutAt) >= dnsDelay:
			dns.Store(standby.Addr)
			flippedAt = now
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		n, err := db.CountVisit(ctx)
		cancel()
		switch {
		case err != nil:
			require.False(t, cutAt.IsZero(), "no request may fail before the cut: %v", err)
			require.True(t, recoveredAt.IsZero(), "a request failed after recovery: %v", err)
			failures++
		case !cutAt.IsZero() && recoveredAt.IsZero():
			recoveredAt = time.Now()
		}
		if err == nil {
			assert.Greater(t, n, lastCount, "the counter only grows: no write was lost or repeated")
			lastCount = n
		}
		if !recoveredAt.IsZero() && time.Since(recoveredAt) > 2*time.Second {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	require.False(t, recoveredAt.IsZero(), "never recovered after the failover (%d failures)", failures)
	outage := recoveredAt.Sub(cutAt)
	t.Logf("cut → DNS flip %s, cut → first success %s, %d failed requests", flippedAt.Sub(cutAt), outage, failures)
	assert.Greater(t, failures, 0, "the cut must have been seen, or this test tests nothing")
	// Bounded: the DNS delay, one full backoff and a connect.
	assert.Less(t, outage, dnsDelay+MaxBackoff+3*time.Second)
	assert.Greater(t, standby.Accepts, 0, "new connections went to the address DNS gives now")
}
