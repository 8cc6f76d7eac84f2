// Package cache talks to the stack's ElastiCache: Valkey/Redis OSS over TLS with the AUTH token
// from Secrets Manager, or Memcached over TLS (ElastiCache Memcached has no AUTH). Both verify
// the server's certificate (ElastiCache's chain to public roots) and its name.
package cache

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"time"
)

// Cache is the little the page needs from a cache.
type Cache interface {
	// Get returns the value and true, or false on a miss.
	Get(ctx context.Context, key string) (string, bool, error)
	// Set stores value for ttl.
	Set(ctx context.Context, key, value string, ttl time.Duration) error
	// Delete removes key; a missing key is no error.
	Delete(ctx context.Context, key string) error
	// Ping makes one round trip, for the deep check.
	Ping(ctx context.Context) error
	// Close releases the connections.
	Close() error
	// Kind names the engine for the deep check: "redis" or "memcached".
	Kind() string
}

// TokenSource gives the current AUTH token; asked on each new connection, so a rotated token
// (ElastiCache's ROTATE strategy keeps the old one valid meanwhile) is picked up.
type TokenSource func(ctx context.Context) (string, error)

func clientTLS(roots *x509.CertPool, host string) *tls.Config {
	// roots nil: the system's, plus x509roots/fallback in a scratch image.
	return &tls.Config{RootCAs: roots, ServerName: host, MinVersion: tls.VersionTLS12}
}
