package database

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tenkstack/tenk/app/internal/testservers"
)

func openTest(t *testing.T, pg *testservers.Postgres, mutate func(*Options)) *DB {
	t.Helper()
	o := Options{
		Host: pg.Host, Port: pg.Port, Database: pg.Database,
		Credentials: Static{pg.AppUser, pg.AppPassword},
		Roots:       pg.CA.Pool,
	}
	if mutate != nil {
		mutate(&o)
	}
	db, err := Open(o)
	require.NoError(t, err)
	t.Cleanup(db.Close)
	return db
}

// TestOnARealServer shares one PostgreSQL server between the subtests (a start costs seconds).
func TestOnARealServer(t *testing.T) {
	pg := testservers.StartPostgres(t)
	t.Run("writes and reads", func(t *testing.T) { testWritesAndReads(t, pg) })
	t.Run("replica falls back to the writer", func(t *testing.T) { testReplicaFallback(t, pg) })
	t.Run("TLS is verified", func(t *testing.T) { testTLSIsVerified(t, pg) })
	t.Run("survives a failover", func(t *testing.T) { testSurvivesAFailover(t, pg) })
	t.Run("schema error says what to grant", func(t *testing.T) { testSchemaErrorSaysWhatToGrant(t, pg) })
}

func testWritesAndReads(t *testing.T, pg *testservers.Postgres) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// "localhost" stands in for a replica endpoint: another name, the same server.
	db := openTest(t, pg, func(o *Options) { o.ReaderHosts = []string{"localhost"} })

	n1, err := db.CountVisit(ctx)
	require.NoError(t, err)
	n2, err := db.CountVisit(ctx)
	require.NoError(t, err)
	assert.Equal(t, n1+1, n2)

	require.NoError(t, db.Sign(ctx, "ada", "first"))
	require.NoError(t, db.Sign(ctx, "bob", "second"))
	got, err := db.Recent(ctx, 10)
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "second", got[0].Message, "newest first")

	assert.Error(t, db.Sign(ctx, "ada", strings.Repeat("x", 501)), "the schema bounds a message")

	assert.Equal(t, []Endpoint{{"writer", pg.Host}, {"reader", "localhost"}}, db.Endpoints())
	for i := range db.Endpoints() {
		require.NoError(t, db.Ping(ctx, i))
	}
	var ssl bool
	require.NoError(t, db.Writer().QueryRow(ctx, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").Scan(&ssl))
	assert.True(t, ssl)
}

func testReplicaFallback(t *testing.T, pg *testservers.Postgres) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	dead := deadAddr(t)
	db := openTest(t, pg, func(o *Options) {
		o.ReaderHosts = []string{"replica.test"}
		o.Lookup = fakeDNS(map[string]string{"replica.test": dead, pg.Host: pg.Host})
	})
	require.NoError(t, db.Sign(ctx, "ada", "read me back"))
	got, err := db.Recent(ctx, 10)
	require.NoError(t, err)
	require.NotEmpty(t, got)
	assert.Equal(t, "read me back", got[0].Message, "read from the writer, the replica being down")
	assert.Error(t, db.Ping(ctx, 1), "the deep check still sees the replica down")
}

func testTLSIsVerified(t *testing.T, pg *testservers.Postgres) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	other := testservers.NewCA(t) // not the server's CA
	db := openTest(t, pg, func(o *Options) { o.Roots = other.Pool })
	_, err := db.CountVisit(ctx)
	assert.ErrorContains(t, err, "certificate signed by unknown authority")

	// The certificate is for 127.0.0.1, localhost and db.test: another name must fail.
	db = openTest(t, pg, func(o *Options) {
		o.Host = "elsewhere.test"
		o.Lookup = fakeDNS(map[string]string{"elsewhere.test": pg.Host})
	})
	_, err = db.CountVisit(ctx)
	assert.ErrorContains(t, err, "certificate is valid for")
}

// A database where the operator has not yet run the README's GRANT: the first use must say so.
func testSchemaErrorSaysWhatToGrant(t *testing.T, pg *testservers.Postgres) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin := openTest(t, pg, func(o *Options) { o.Credentials = Static{pg.AdminUser, pg.AdminPassword} })
	_, err := admin.Writer().Exec(ctx, "CREATE DATABASE ungranted")
	require.NoError(t, err)

	db := openTest(t, pg, func(o *Options) { o.Database = "ungranted" })
	_, err = db.CountVisit(ctx)
	assert.ErrorContains(t, err, "the user needs CREATE on schema public")
	assert.ErrorContains(t, err, "permission denied")
}

// fakeDNS answers names from m, the stand-in for an RDS endpoint's DNS name. A value may be
// host:port: pgconn dials the port a lookup returns, so one name can move between proxies.
func fakeDNS(m map[string]string) func(context.Context, string) ([]string, error) {
	return func(_ context.Context, host string) ([]string, error) {
		v, ok := m[host]
		if !ok {
			return nil, fmt.Errorf("no such host %s", host)
		}
		return []string{v}, nil
	}
}

// deadAddr is a loopback address nothing listens on.
func deadAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		l, err = net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
	}
	addr := l.Addr().(*net.TCPAddr).IP.String()
	l.Close()
	return addr
}
