package probe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// SiteOptions say what Site probes.
type SiteOptions struct {
	// URL is the site's URL (the stack output siteUrl).
	URL string
	// Instances must each answer the deep check with every tier OK. Default: 1.
	Instances int
	// MaxRequests bounds the deep-check survey. Default: 20 per instance.
	MaxRequests int
	// SessionRequests follow one session. Default: 10.
	SessionRequests int
	// Transport carries every request. Default: http.DefaultTransport.
	Transport http.RoundTripper
}

// SiteResult is the outcome of every probe, in order.
type SiteResult struct {
	Site   string        `json:"site"`
	Probes []ProbeResult `json:"probes"`
}

// ProbeResult is one probe's outcome.
type ProbeResult struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// OK reports whether every probe passed.
func (r SiteResult) OK() bool {
	for _, p := range r.Probes {
		if !p.OK {
			return false
		}
	}
	return len(r.Probes) > 0
}

// Site runs the deep probes: the page answers 200; the deep check reports every tier OK from
// every instance; /static/app.css is served; one session carries across requests landing on
// at least two instances (when Instances > 1).
func Site(ctx context.Context, o SiteOptions) SiteResult {
	if o.Instances == 0 {
		o.Instances = 1
	}
	if o.MaxRequests == 0 {
		o.MaxRequests = 20 * o.Instances
	}
	if o.SessionRequests == 0 {
		o.SessionRequests = 10
	}
	site := strings.TrimSuffix(o.URL, "/")
	client := &http.Client{Transport: o.Transport, Timeout: 15 * time.Second}
	res := SiteResult{Site: site}
	add := func(name string, err error, detail string) {
		p := ProbeResult{Name: name, OK: err == nil, Detail: detail}
		if err != nil {
			p.Detail = err.Error()
		}
		res.Probes = append(res.Probes, p)
	}
	add("page", getOK(ctx, client, site+"/", "tenk reference application"), "GET / answered 200")
	reports, err := Survey(ctx, client, site, o.Instances, o.MaxRequests)
	add("deep-check-every-instance", err, fmt.Sprintf("every tier OK on %v", Instances(reports)))
	add("static-asset", getOK(ctx, client, site+"/static/app.css", "font-family"), "GET /static/app.css answered 200")
	s, err := FollowSession(ctx, o.Transport, site, o.SessionRequests, min(o.Instances, 2))
	add("session-across-instances", err, fmt.Sprintf("one session over %d requests on %d instances", len(s.Instances), s.Distinct))
	return res
}

// getOK requires a 200 whose body contains want.
func getOK(ctx context.Context, c *http.Client, url, want string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", url, resp.StatusCode)
	}
	if !strings.Contains(string(body), want) {
		return fmt.Errorf("GET %s: the body lacks %q", url, want)
	}
	return nil
}
