package e2e_test

import (
	"context"
	"errors"
	"net"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// probeRunner fakes `go build` and tenk-probe: it records every command and answers tenk-probe
// with report (and exit status 1 when failed is set, as tenk-probe does).
type probeRunner struct {
	calls  [][]string
	report string
	failed bool
	build  error
}

func (p *probeRunner) run(_ context.Context, name string, args ...string) ([]byte, error) {
	p.calls = append(p.calls, append([]string{name}, args...))
	if name == "go" {
		return nil, p.build
	}
	if p.failed {
		return []byte(p.report), errors.New("exit status 1")
	}
	return []byte(p.report), nil
}

const passingReport = `{"site":"https://d111.cloudfront.net","probes":[
 {"name":"page","ok":true,"detail":"GET / answered 200"},
 {"name":"deep-check-every-instance","ok":true,"detail":"every tier OK on [i-1 i-2]"},
 {"name":"static-asset","ok":true,"detail":"GET /static/app.css answered 200"},
 {"name":"session-across-instances","ok":true,"detail":"one session over 10 requests on 2 instances"}]}`

func TestSiteProberBuildsOnceAndRunsTheProgram(t *testing.T) {
	r := &probeRunner{report: passingReport}
	p := &e2e.SiteProber{AppDir: "/src/tenk/app", Run: r.run, BinDir: "/tmp/bin"}
	for range 2 {
		report, err := p.Verify(context.Background(), "https://d111.cloudfront.net", 2)
		require.NoError(t, err)
		assert.Len(t, report.Probes, 4)
	}
	assert.Equal(t, [][]string{
		{"go", "-C", "/src/tenk/app", "build", "-o", "/tmp/bin/tenk-probe", "./cmd/tenk-probe"},
		{"/tmp/bin/tenk-probe", "--site", "https://d111.cloudfront.net", "--instances", "2", "--timeout", "3m"},
		{"/tmp/bin/tenk-probe", "--site", "https://d111.cloudfront.net", "--instances", "2", "--timeout", "3m"},
	}, r.calls)
}

func TestSiteProberReportsFailedProbesFromAFailedRun(t *testing.T) {
	r := &probeRunner{failed: true, report: `{"site":"s","probes":[{"name":"page","ok":true},{"name":"deep-check-every-instance","ok":false,"detail":"i-2: database: password authentication failed for user \"tenk_app\""}]}`}
	p := &e2e.SiteProber{AppDir: "app", Run: r.run, BinDir: "bin"}
	report, err := p.Verify(context.Background(), "s", 2)
	require.Error(t, err)
	assert.EqualError(t, err, `deep probes through s: deep-check-every-instance: i-2: database: password authentication failed for user "tenk_app"`)
	assert.Len(t, report.Probes, 2, "the report comes back with the error")
}

func TestSiteProberErrors(t *testing.T) {
	p := &e2e.SiteProber{AppDir: "app", Run: (&probeRunner{build: errors.New("exit status 1: go: cannot find main module")}).run, BinDir: "bin"}
	_, err := p.Verify(context.Background(), "s", 1)
	assert.EqualError(t, err, "build app/cmd/tenk-probe in app: exit status 1: go: cannot find main module")

	p = &e2e.SiteProber{AppDir: "app", Run: (&probeRunner{failed: true, report: "flag provided but not defined: -instances"}).run, BinDir: "bin"}
	_, err = p.Verify(context.Background(), "s", 1)
	assert.EqualError(t, err, "tenk-probe --site s: exit status 1")

	assert.Equal(t, []string{"tenk-probe reported no probe"}, e2e.SiteReport{}.Failures(), "an empty report is no pass")
}

// The real tenk-probe, built from app/ as the acceptance test builds it, against a port nothing
// listens on: its report parses, and names every probe the checks read.
func TestSiteProberReadsTheRealProgramsReport(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command to build app/cmd/tenk-probe")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	site := "http://" + ln.Addr().String()
	require.NoError(t, ln.Close()) // refused from now on

	p := &e2e.SiteProber{AppDir: filepath.Join("..", "app"), BinDir: t.TempDir()}
	report, err := p.Verify(context.Background(), site, 1)
	require.Error(t, err, "nothing answers")
	assert.Equal(t, site, report.Site)
	for _, name := range e2e.AppProbeNames() {
		got, ok := report.Probe(name)
		require.True(t, ok, "tenk-probe reports no probe %q: the checks would never pass", name)
		assert.False(t, got.OK)
		assert.Contains(t, got.Detail, "refused")
	}
}
