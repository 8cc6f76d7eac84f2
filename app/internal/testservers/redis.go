package testservers

import (
	"crypto/rand"
	"encoding/hex"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Redis is a running Redis or Valkey server that, like ElastiCache with in-transit encryption
// and an AUTH token, listens only on TLS and refuses commands before AUTH.
type Redis struct {
	Host  string
	Port  int
	Token string
	CA    *CA
}

// StartRedis starts valkey-server, or redis-server where Valkey is not packaged (Debian 12).
func StartRedis(t testing.TB) *Redis {
	t.Helper()
	bin := ""
	if p, err := exec.LookPath("valkey-server"); err == nil {
		bin = p
	} else {
		bin = findBinary(t, "redis-server", "redis-server")
	}
	dir := serverDir(t)
	r := &Redis{Host: "127.0.0.1", Port: freePort(t), Token: "Tok-" + randomWord(t) + "-x1", CA: NewCA(t)}
	leaf := r.CA.Issue(t, dir, "127.0.0.1", "localhost", "cache.test")
	caFile := filepath.Join(dir, "ca.pem")
	writeFile(t, caFile, r.CA.PEM, 0o644)
	logFile := filepath.Join(dir, "redis.log")
	cmd := exec.Command(bin, "--port", "0", "--bind", "127.0.0.1",
		"--tls-port", strconv.Itoa(r.Port), "--tls-cert-file", leaf.CertFile,
		"--tls-key-file", leaf.KeyFile, "--tls-ca-cert-file", caFile, "--tls-auth-clients", "no",
		"--requirepass", r.Token, "--save", "", "--appendonly", "no", "--dir", dir)
	startProcess(t, cmd, logFile)
	waitPort(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(r.Port)), 15*time.Second, logFile)
	return r
}

// Memcached is a running Memcached server with TLS, like ElastiCache Memcached with in-transit
// encryption (no AUTH).
type Memcached struct {
	Host string
	Port int
	CA   *CA
}

// StartMemcached starts memcached with TLS on loopback.
func StartMemcached(t testing.TB) *Memcached {
	t.Helper()
	bin := findBinary(t, "memcached", "memcached")
	dir := serverDir(t)
	m := &Memcached{Host: "127.0.0.1", Port: freePort(t), CA: NewCA(t)}
	leaf := m.CA.Issue(t, dir, "127.0.0.1", "localhost", "cache.test")
	logFile := filepath.Join(dir, "memcached.log")
	args := []string{"-l", "127.0.0.1", "-p", strconv.Itoa(m.Port), "-U", "0", "-m", "64",
		"-Z", "-o", "ssl_chain_cert=" + leaf.CertFile + ",ssl_key=" + leaf.KeyFile}
	if os.Geteuid() == 0 {
		args = append(args, "-u", "nobody") // memcached refuses to run as root
	}
	startProcess(t, exec.Command(bin, args...), logFile)
	waitPort(t, net.JoinHostPort("127.0.0.1", strconv.Itoa(m.Port)), 15*time.Second, logFile)
	return m
}

// serverDir is a directory the servers (possibly running as nobody) can read.
func serverDir(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "tenk-srv-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func randomWord(t testing.TB) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// Addr is host:port.
func (r *Redis) Addr() string { return net.JoinHostPort(r.Host, strconv.Itoa(r.Port)) }

// Addr is host:port.
func (m *Memcached) Addr() string { return net.JoinHostPort(m.Host, strconv.Itoa(m.Port)) }
