package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// SiteProber runs the reference application's deep probes, app/cmd/tenk-probe, as a program:
// the root module never requires the app module, whose database drivers and AWS SDK would
// otherwise enter the module graph of every program that embeds tenk's components.
type SiteProber struct {
	// AppDir is the app module's directory (<project>/app).
	AppDir string
	// Run runs commands. Default: ExecRunner.
	Run Runner
	// BinDir is where the program is built, once. Default: a new temporary directory.
	BinDir string

	once  sync.Once
	bin   string
	build error
}

// SiteReport is tenk-probe's JSON (app/probe.SiteResult): every probe in order.
type SiteReport struct {
	Site   string      `json:"site"`
	Probes []SiteProbe `json:"probes"`
}

// SiteProbe is one probe's outcome (app/probe.ProbeResult).
type SiteProbe struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// Failures lists "name: detail" for each failed probe; a report without probes is a failure too.
func (r SiteReport) Failures() []string {
	if len(r.Probes) == 0 {
		return []string{"tenk-probe reported no probe"}
	}
	var out []string
	for _, p := range r.Probes {
		if !p.OK {
			out = append(out, p.Name+": "+p.Detail)
		}
	}
	return out
}

// Probe returns the named probe's outcome.
func (r SiteReport) Probe(name string) (SiteProbe, bool) {
	for _, p := range r.Probes {
		if p.Name == name {
			return p, true
		}
	}
	return SiteProbe{}, false
}

// ParseSiteReport reads tenk-probe's standard output.
func ParseSiteReport(out []byte) (SiteReport, error) {
	var r SiteReport
	if err := json.Unmarshal(out, &r); err != nil {
		return SiteReport{}, fmt.Errorf("tenk-probe printed no JSON report: %w", err)
	}
	return r, nil
}

func (p *SiteProber) runner() Runner {
	if p.Run == nil {
		return ExecRunner
	}
	return p.Run
}

// program builds tenk-probe once (`go -C <AppDir> build`: the app module's own go.mod decides
// its dependencies) and returns its path.
func (p *SiteProber) program(ctx context.Context) (string, error) {
	p.once.Do(func() {
		dir := p.BinDir
		if dir == "" {
			if dir, p.build = os.MkdirTemp("", "tenk-e2e-probe-"); p.build != nil {
				return
			}
		}
		p.bin = filepath.Join(dir, "tenk-probe")
		if _, err := p.runner()(ctx, "go", "-C", p.AppDir, "build", "-o", p.bin, "./cmd/tenk-probe"); err != nil {
			p.build = fmt.Errorf("build app/cmd/tenk-probe in %s: %w", p.AppDir, err)
		}
	})
	return p.bin, p.build
}

// Probe runs every deep probe against site, requiring instances distinct instances to answer
// the deep check. tenk-probe exits 1 when a probe fails, still printing its report: the report
// is returned whenever there is one, with an error only when there is none.
func (p *SiteProber) Probe(ctx context.Context, site string, instances int) (SiteReport, error) {
	bin, err := p.program(ctx)
	if err != nil {
		return SiteReport{}, err
	}
	out, runErr := p.runner()(ctx, bin, "--site", site, "--instances", strconv.Itoa(instances), "--timeout", "3m")
	r, err := ParseSiteReport(out)
	if err != nil {
		if runErr != nil {
			return SiteReport{}, fmt.Errorf("tenk-probe --site %s: %w", site, runErr)
		}
		return SiteReport{}, err
	}
	return r, nil
}

// Verify runs the probes once and fails with every failed probe.
func (p *SiteProber) Verify(ctx context.Context, site string, instances int) (SiteReport, error) {
	r, err := p.Probe(ctx, site, instances)
	if err != nil {
		return r, err
	}
	if f := r.Failures(); len(f) > 0 {
		return r, fmt.Errorf("deep probes through %s: %s", site, strings.Join(f, "; "))
	}
	return r, nil
}
