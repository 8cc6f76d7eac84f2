package database

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGateBacksOffThenResets(t *testing.T) {
	now := time.Unix(0, 0)
	g := &gate{host: "db", now: func() time.Time { return now }}
	dials := 0
	refused := errors.New("connection refused")
	dial := g.dial(func(context.Context, string, string) (net.Conn, error) { dials++; return nil, refused })
	ctx := context.Background()

	var waits []time.Duration
	for i := 0; i < 8; i++ {
		_, err := dial(ctx, "tcp", "db:5432")
		require.ErrorIs(t, err, refused)
		waits = append(waits, g.until.Sub(now))
		_, err = dial(ctx, "tcp", "db:5432")
		assert.ErrorContains(t, err, "database db unreachable (connection refused); next reconnect attempt in")
		now = g.until
	}
	assert.Equal(t, 8, dials, "no dial while backing off")
	assert.Equal(t, []time.Duration{MinBackoff, 2 * MinBackoff, 4 * MinBackoff, 8 * MinBackoff, 16 * MinBackoff, 32 * MinBackoff, MaxBackoff, MaxBackoff}, waits)

	g.connected()
	_, err := dial(ctx, "tcp", "db:5432")
	require.ErrorIs(t, err, refused, "after a sign-in the next failure dials again at once")
	assert.Equal(t, MinBackoff, g.until.Sub(now))
}
