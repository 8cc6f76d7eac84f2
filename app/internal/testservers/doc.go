// Package testservers starts real PostgreSQL, Redis (or Valkey) and Memcached servers on loopback
// for the application's tests, with TLS (and AUTH on Redis) as in AWS. Each server is started by
// the test binary that needs it and stopped by t.Cleanup; nothing listens beyond 127.0.0.1.
//
// A developer machine without the server binaries skips those tests with a message that says
// what to install; under CI=true a missing binary fails the test instead (.ci/run installs them).
package testservers
