package database

import (
	"context"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Reconnect backoff: after a failed dial, the next attempt waits MinBackoff, doubling up to
// MaxBackoff, until a connection signs in again. During a failover (60–120 s on RDS Multi-AZ)
// this keeps every request from hammering a dead address; requests fail fast meanwhile.
const (
	MinBackoff = 100 * time.Millisecond
	MaxBackoff = 5 * time.Second
)

// gate paces dials to one endpoint.
type gate struct {
	host string
	now  func() time.Time

	mu      sync.Mutex
	backoff time.Duration
	until   time.Time
	lastErr error
}

// dial wraps next: while backing off it fails at once, naming the last error.
func (g *gate) dial(next pgconn.DialFunc) pgconn.DialFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		g.mu.Lock()
		if wait := g.until.Sub(g.now()); wait > 0 {
			err := fmt.Errorf("database %s unreachable (%v); next reconnect attempt in %s", g.host, g.lastErr, wait.Round(time.Millisecond))
			g.mu.Unlock()
			return nil, err
		}
		g.mu.Unlock()
		c, err := next(ctx, network, addr)
		if err != nil {
			g.failed(err)
		}
		return c, err
	}
}

func (g *gate) failed(err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	switch {
	case g.backoff == 0:
		g.backoff = MinBackoff
	case g.backoff < MaxBackoff:
		g.backoff = min(2*g.backoff, MaxBackoff)
	}
	g.until, g.lastErr = g.now().Add(g.backoff), err
}

// connected resets the backoff once a connection has signed in.
func (g *gate) connected() {
	g.mu.Lock()
	g.backoff, g.until, g.lastErr = 0, time.Time{}, nil
	g.mu.Unlock()
}
