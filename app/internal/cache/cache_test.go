package cache

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/testservers"
)

// exercise runs the same checks on either engine.
func exercise(t *testing.T, c Cache) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, c.Ping(ctx))
	_, ok, err := c.Get(ctx, "fragment")
	require.NoError(t, err)
	assert.False(t, ok, "a miss is no error")

	require.NoError(t, c.Set(ctx, "fragment", "<ul></ul>", time.Second))
	v, ok, err := c.Get(ctx, "fragment")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "<ul></ul>", v)

	// The TTL is honoured by the server (memcached counts whole seconds, so wait past two).
	require.Eventually(t, func() bool {
		_, ok, err := c.Get(ctx, "fragment")
		return err == nil && !ok
	}, 5*time.Second, 100*time.Millisecond)

	require.NoError(t, c.Set(ctx, "k", "v", time.Minute))
	require.NoError(t, c.Delete(ctx, "k"))
	require.NoError(t, c.Delete(ctx, "k"), "deleting a missing key is no error")
	_, ok, _ = c.Get(ctx, "k")
	assert.False(t, ok)
}

func TestRedisWithTLSAndAuth(t *testing.T) {
	srv := testservers.StartRedis(t)
	calls := 0
	c := NewRedis(RedisOptions{
		Host: srv.Host, ReaderHost: "localhost", Port: srv.Port, Roots: srv.CA.Pool,
		Token: func(context.Context) (string, error) { calls++; return srv.Token, nil },
	})
	defer c.Close()
	exercise(t, c)
	assert.Equal(t, "redis", c.Kind())
	assert.Positive(t, calls, "the token is asked for on new connections")
}

func TestRedisRejectsAWrongTokenAndAnUntrustedServer(t *testing.T) {
	srv := testservers.StartRedis(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	wrong := NewRedis(RedisOptions{Host: srv.Host, Port: srv.Port, Roots: srv.CA.Pool,
		Token: func(context.Context) (string, error) { return "Wrong-token-0123456789", nil }})
	defer wrong.Close()
	assert.ErrorContains(t, wrong.Ping(ctx), "WRONGPASS")

	noSecret := NewRedis(RedisOptions{Host: srv.Host, Port: srv.Port, Roots: srv.CA.Pool,
		Token: func(context.Context) (string, error) { return "", errors.New("AccessDeniedException") }})
	defer noSecret.Close()
	assert.ErrorContains(t, noSecret.Ping(ctx), "AccessDeniedException")

	untrusted := NewRedis(RedisOptions{Host: srv.Host, Port: srv.Port, Roots: testservers.NewCA(t).Pool,
		Token: func(context.Context) (string, error) { return srv.Token, nil }})
	defer untrusted.Close()
	assert.ErrorContains(t, untrusted.Ping(ctx), "certificate signed by unknown authority")
}

func TestMemcachedWithTLS(t *testing.T) {
	srv := testservers.StartMemcached(t)
	c := NewMemcached(MemcachedOptions{Host: srv.Host, Port: srv.Port, Roots: srv.CA.Pool})
	defer c.Close()
	exercise(t, c)
	assert.Equal(t, "memcached", c.Kind())

	untrusted := NewMemcached(MemcachedOptions{Host: srv.Host, Port: srv.Port, Roots: testservers.NewCA(t).Pool})
	defer untrusted.Close()
	assert.ErrorContains(t, untrusted.Ping(context.Background()), "certificate signed by unknown authority")
}

func TestRedisMessagesGoToTheJSONLog(t *testing.T) {
	var buf strings.Builder
	slogPrintf{slog.New(slog.NewJSONHandler(&buf, nil))}.Printf(context.Background(), "failed to dial %d times", 5)
	assert.Contains(t, buf.String(), `"msg":"redis: failed to dial 5 times"`)
	assert.Contains(t, buf.String(), `"level":"WARN"`)
}
