package database

import (
	"context"
	"crypto/x509"
	"fmt"
	"net"
	"runtime"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Options say where and how to connect.
type Options struct {
	// Host, Port and Database are the writer endpoint (DB_HOST, DB_PORT, DB_NAME).
	Host     string
	Port     int
	Database string
	// ReaderHosts are the replicas (DB_READER_HOSTS); reads go to the writer without them.
	ReaderHosts []string
	// Credentials sign each new connection in.
	Credentials Credentials
	// Roots verify the server certificates: the RDS CA bundle in production.
	Roots *x509.CertPool
	// MaxConns bounds each pool (the writer's and each reader's). Default: DefaultMaxConns().
	MaxConns int32
	// Lookup resolves an endpoint's name for each new connection. Default: the system resolver,
	// which Go does not cache, so a new connection after a failover reaches the new primary.
	Lookup func(ctx context.Context, host string) ([]string, error)
	// ConnectTimeout bounds one connection attempt. Default: 3 s.
	ConnectTimeout time.Duration
}

// DefaultMaxConns is 4 per CPU, at least 4: 8 on the prod m7g.large (2 vCPUs). Requests hold a
// connection for one short query, so a few per core keep the CPU busy without queueing in the
// database; README "The reference application" has the arithmetic against max_connections.
func DefaultMaxConns() int32 { return int32(max(4, 4*runtime.NumCPU())) }

// DB is the writer pool and one pool per reader.
type DB struct {
	writer  *endpoint
	readers []*endpoint
	next    atomic.Uint64
	schema  schemaOnce
}

type endpoint struct {
	host string
	pool *pgxpool.Pool
	gate *gate
}

// Open builds the pools. It does not connect: the first query does, so the application starts
// (and answers its health check) while the database is still coming up.
func Open(o Options) (*DB, error) {
	if o.MaxConns == 0 {
		o.MaxConns = DefaultMaxConns()
	}
	if o.ConnectTimeout == 0 {
		o.ConnectTimeout = 3 * time.Second
	}
	w, err := newEndpoint(o, o.Host)
	if err != nil {
		return nil, err
	}
	db := &DB{writer: w}
	for _, h := range o.ReaderHosts {
		r, err := newEndpoint(o, h)
		if err != nil {
			db.Close()
			return nil, err
		}
		db.readers = append(db.readers, r)
	}
	return db, nil
}

func newEndpoint(o Options, host string) (*endpoint, error) {
	cfg, err := pgxpool.ParseConfig("")
	if err != nil {
		return nil, err
	}
	cc := cfg.ConnConfig
	cc.Host, cc.Port, cc.Database = host, uint16(o.Port), o.Database
	cc.TLSConfig = clientTLS(o.Roots, host)
	cc.Fallbacks = nil // TLS or nothing: never the plain-text fallback libpq defaults allow
	cc.ConnectTimeout = o.ConnectTimeout
	if o.Lookup != nil {
		cc.LookupFunc = o.Lookup
	}
	g := &gate{host: host, now: time.Now}
	var d net.Dialer
	cc.DialFunc = g.dial(d.DialContext)

	cfg.MaxConns = o.MaxConns
	// Recycled now and then so connections spread over the replicas behind a reader endpoint
	// and pick up a moved endpoint even without a failure.
	cfg.MaxConnLifetime = 15 * time.Minute
	cfg.MaxConnLifetimeJitter = time.Minute
	cfg.MaxConnIdleTime = 5 * time.Minute
	cfg.HealthCheckPeriod = 15 * time.Second
	cfg.BeforeConnect = func(ctx context.Context, c *pgx.ConnConfig) error {
		user, pw, err := o.Credentials.Credentials(ctx, host, o.Port)
		if err != nil {
			return err
		}
		c.User, c.Password = user, pw
		return nil
	}
	cfg.AfterConnect = func(context.Context, *pgx.Conn) error { g.connected(); return nil }
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", host, err)
	}
	return &endpoint{host: host, pool: pool, gate: g}, nil
}

// Writer is the writer pool: every write, and reads that must see them.
func (db *DB) Writer() *pgxpool.Pool { return db.writer.pool }

// reader picks the next replica's pool, round robin; the writer's without replicas.
func (db *DB) reader() *endpoint {
	if len(db.readers) == 0 {
		return db.writer
	}
	return db.readers[db.next.Add(1)%uint64(len(db.readers))]
}

// Endpoint is one pool's host and role, for the deep check.
type Endpoint struct {
	Role string // "writer" or "reader"
	Host string
}

// Endpoints lists the writer, then the readers.
func (db *DB) Endpoints() []Endpoint {
	out := []Endpoint{{"writer", db.writer.host}}
	for _, r := range db.readers {
		out = append(out, Endpoint{"reader", r.host})
	}
	return out
}

// Ping makes one round trip on the endpoint at index i of Endpoints.
func (db *DB) Ping(ctx context.Context, i int) error {
	e := db.writer
	if i > 0 {
		e = db.readers[i-1]
	}
	var one int
	return e.pool.QueryRow(ctx, "SELECT 1").Scan(&one)
}

// Close closes every pool.
func (db *DB) Close() {
	db.writer.pool.Close()
	for _, r := range db.readers {
		r.pool.Close()
	}
}
