package testservers

import (
	"context"
	"crypto/tls"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The servers must be as strict as AWS's, or the application's tests prove nothing.

func TestPostgresRequiresTLSAndPassword(t *testing.T) {
	pg := StartPostgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	conn, err := pgx.ConnectConfig(ctx, pg.ConnConfig(t, pg.AppUser, pg.AppPassword, pg.Database))
	require.NoError(t, err)
	var ssl bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl))
	assert.True(t, ssl)
	conn.Close(ctx)

	plain := pg.ConnConfig(t, pg.AppUser, pg.AppPassword, pg.Database)
	plain.TLSConfig = nil
	_, err = pgx.ConnectConfig(ctx, plain)
	assert.ErrorContains(t, err, "pg_hba.conf rejects", "a connection without TLS must be refused")

	_, err = pgx.ConnectConfig(ctx, pg.ConnConfig(t, pg.AppUser, "wrong", pg.Database))
	assert.ErrorContains(t, err, "password authentication failed")

	untrusted := pg.ConnConfig(t, pg.AppUser, pg.AppPassword, pg.Database)
	untrusted.TLSConfig = &tls.Config{ServerName: pg.Host, MinVersion: tls.VersionTLS12}
	_, err = pgx.ConnectConfig(ctx, untrusted)
	assert.ErrorContains(t, err, "certificate", "a client that trusts only the system roots must not accept the server")
}

func TestRedisRequiresTLSAndAuth(t *testing.T) {
	r := StartRedis(t)
	addr := net.JoinHostPort(r.Host, strconv.Itoa(r.Port))
	c, err := tls.Dial("tcp", addr, r.CA.ClientTLS(r.Host))
	require.NoError(t, err)
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	assert.Contains(t, roundTrip(t, c, "PING\r\n"), "NOAUTH")
	assert.Contains(t, roundTrip(t, c, "AUTH "+r.Token+"\r\n"), "+OK")
	assert.Contains(t, roundTrip(t, c, "PING\r\n"), "+PONG")

	p, err := net.DialTimeout("tcp", addr, time.Second)
	require.NoError(t, err)
	defer p.Close()
	_ = p.SetDeadline(time.Now().Add(2 * time.Second))
	_, _ = p.Write([]byte("PING\r\n"))
	buf := make([]byte, 64)
	n, _ := p.Read(buf)
	assert.NotContains(t, string(buf[:n]), "PONG", "plain text must not be answered")
}

func TestMemcachedRequiresTLS(t *testing.T) {
	m := StartMemcached(t)
	c, err := tls.Dial("tcp", net.JoinHostPort(m.Host, strconv.Itoa(m.Port)), m.CA.ClientTLS(m.Host))
	require.NoError(t, err)
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	assert.True(t, strings.HasPrefix(roundTrip(t, c, "version\r\n"), "VERSION "))
}

func roundTrip(t *testing.T, c net.Conn, cmd string) string {
	t.Helper()
	_, err := c.Write([]byte(cmd))
	require.NoError(t, err)
	buf := make([]byte, 256)
	n, err := c.Read(buf)
	require.NoError(t, err)
	return string(buf[:n])
}
