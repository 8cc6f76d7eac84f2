package testservers

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// findBinary looks name up in PATH, then in extra globs (Debian keeps PostgreSQL's server
// binaries in /usr/lib/postgresql/<major>/bin, outside PATH). It skips the test when the binary
// is missing, or fails it under CI=true, where .ci/run must have installed the package.
func findBinary(t testing.TB, name, debianPackage string, globs ...string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	for _, g := range globs {
		matches, _ := filepath.Glob(g)
		sort.Strings(matches) // highest major version last
		if len(matches) > 0 {
			return matches[len(matches)-1]
		}
	}
	msg := fmt.Sprintf("%s not found: install it (apt-get install -y --no-install-recommends %s) to run the tests against a real server", name, debianPackage)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s; CI never skips these tests: .ci/run installs it", msg)
		return ""
	}
	t.Skip(msg)
	return ""
}

// freePort asks the kernel for an unused loopback port. Another process may take it before the
// server binds, which waitPort then reports.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// waitPort waits until something accepts TCP connections on addr, or fails the test with the
// server's log.
func waitPort(t testing.TB, addr string, timeout time.Duration, logFile string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	log, _ := os.ReadFile(logFile)
	t.Fatalf("server on %s did not start within %s; its log:\n%s", addr, timeout, log)
}

// startProcess runs cmd with its output in logFile and stops it (SIGTERM, then SIGKILL after
// 10 s) when the test ends.
func startProcess(t testing.TB, cmd *exec.Cmd, logFile string) {
	t.Helper()
	out, err := os.Create(logFile)
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", cmd.Path, err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); out.Close(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
}
