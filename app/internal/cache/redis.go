package cache

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// RedisOptions say where the Valkey/Redis OSS replication group is.
type RedisOptions struct {
	// Host is the primary endpoint (CACHE_HOST); ReaderHost the reader endpoint
	// (CACHE_READER_HOST), used for reads when set.
	Host, ReaderHost string
	Port             int
	// Token gives the AUTH token (CACHE_AUTH_SECRET_ARN's "token").
	Token TokenSource
	// Roots verify the servers; nil for the system roots (production).
	Roots *x509.CertPool
	// PoolSize per endpoint. Default: go-redis's 10 per CPU.
	PoolSize int
}

// Redis is a Valkey/Redis OSS cache.
type Redis struct {
	primary, reader *redis.Client
}

// NewRedis connects lazily: the first command dials, so a cache still being created delays
// the fragment, not the start.
func NewRedis(o RedisOptions) *Redis {
	client := func(host string) *redis.Client {
		return redis.NewClient(&redis.Options{
			Addr:      net.JoinHostPort(host, strconv.Itoa(o.Port)),
			TLSConfig: clientTLS(o.Roots, host),
			// AUTH <token> on each new connection; the default user, as ElastiCache AUTH
			// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html).
			CredentialsProviderContext: func(ctx context.Context) (string, string, error) {
				tok, err := o.Token(ctx)
				return "", tok, err
			},
			PoolSize:     o.PoolSize,
			DialTimeout:  2 * time.Second,
			ReadTimeout:  time.Second,
			WriteTimeout: time.Second,
			// A failover moves the primary endpoint's DNS name; go-redis redials on errors
			// and resolves the name again on each dial.
			MaxRetries:      2,
			MinRetryBackoff: 50 * time.Millisecond,
			MaxRetryBackoff: 500 * time.Millisecond,
		})
	}
	r := &Redis{primary: client(o.Host)}
	r.reader = r.primary
	if o.ReaderHost != "" && o.ReaderHost != o.Host {
		r.reader = client(o.ReaderHost)
	}
	return r
}

// Get implements Cache, reading from the reader endpoint.
func (r *Redis) Get(ctx context.Context, key string) (string, bool, error) {
	v, err := r.reader.Get(ctx, key).Result()
	if errors.Is(err, redis.Nil) {
		return "", false, nil
	}
	return v, err == nil, err
}

// Set implements Cache.
func (r *Redis) Set(ctx context.Context, key, value string, ttl time.Duration) error {
	return r.primary.Set(ctx, key, value, ttl).Err()
}

// Delete implements Cache.
func (r *Redis) Delete(ctx context.Context, key string) error {
	return r.primary.Del(ctx, key).Err()
}

// Ping implements Cache on the primary.
func (r *Redis) Ping(ctx context.Context) error { return r.primary.Ping(ctx).Err() }

// Close implements Cache.
func (r *Redis) Close() error {
	err := r.primary.Close()
	if r.reader != r.primary {
		err = errors.Join(err, r.reader.Close())
	}
	return err
}

// Kind implements Cache.
func (r *Redis) Kind() string { return "redis" }

// slogPrintf carries go-redis's own messages (dial failures, pool events) into the
// application's JSON log instead of plain lines on stderr.
type slogPrintf struct{ log *slog.Logger }

func (l slogPrintf) Printf(ctx context.Context, format string, v ...any) {
	l.log.WarnContext(ctx, "redis: "+fmt.Sprintf(format, v...))
}

// LogTo sends go-redis's messages to log (process-wide: go-redis has one logger).
func LogTo(log *slog.Logger) { redis.SetLogger(slogPrintf{log}) }
