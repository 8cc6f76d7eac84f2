package cache

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strconv"
	"time"

	"github.com/bradfitz/gomemcache/memcache"
)

// MemcachedOptions say where the Memcached cluster is.
type MemcachedOptions struct {
	// Host is the configuration endpoint (CACHE_HOST), Port CACHE_PORT. The client talks to the
	// node it resolves to; with several nodes, ElastiCache's auto discovery ("config get
	// cluster") would spread keys over them, which this client does not do.
	Host  string
	Port  int
	Roots *x509.CertPool
}

// Memcached is a Memcached cache over TLS. gomemcache has no context support: its own
// Timeout (1 s) bounds each call instead.
type Memcached struct{ c *memcache.Client }

// NewMemcached returns a client that dials with TLS on first use.
func NewMemcached(o MemcachedOptions) *Memcached {
	c := memcache.New(net.JoinHostPort(o.Host, strconv.Itoa(o.Port)))
	c.Timeout = time.Second
	d := &tls.Dialer{NetDialer: &net.Dialer{Timeout: 2 * time.Second}, Config: clientTLS(o.Roots, o.Host)}
	c.DialContext = d.DialContext
	return &Memcached{c: c}
}

// Get implements Cache.
func (m *Memcached) Get(_ context.Context, key string) (string, bool, error) {
	it, err := m.c.Get(key)
	if errors.Is(err, memcache.ErrCacheMiss) {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return string(it.Value), true, nil
}

// Set implements Cache. Memcached takes whole seconds.
func (m *Memcached) Set(_ context.Context, key, value string, ttl time.Duration) error {
	return m.c.Set(&memcache.Item{Key: key, Value: []byte(value), Expiration: int32(max(1, ttl/time.Second))})
}

// Delete implements Cache.
func (m *Memcached) Delete(_ context.Context, key string) error {
	err := m.c.Delete(key)
	if errors.Is(err, memcache.ErrCacheMiss) {
		return nil
	}
	return err
}

// Ping implements Cache.
func (m *Memcached) Ping(context.Context) error { return m.c.Ping() }

// Close implements Cache.
func (m *Memcached) Close() error { return m.c.Close() }

// Kind implements Cache.
func (m *Memcached) Kind() string { return "memcached" }
