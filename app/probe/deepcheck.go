package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
)

// Statuses of a check and of a report.
const (
	StatusOK   = "ok"
	StatusFail = "fail"
)

// Tiers every deep check reports; the database may report several (writer and readers).
const (
	TierDatabase = "database"
	TierCache    = "cache"
	TierSessions = "sessions"
)

// CheckPath is where the application serves the deep check.
const CheckPath = "/checks"

// InstanceHeader and SessionViewsHeader are response headers of every page: the instance that
// answered and the number of requests the session has made, this one included.
const (
	InstanceHeader     = "X-Tenk-Instance"
	SessionViewsHeader = "X-Tenk-Session-Views"
)

// Report is the deep check's JSON. Fields are only ever added.
type Report struct {
	// Status is StatusOK when every check is, else StatusFail (HTTP 503).
	Status string `json:"status"`
	// Instance is the EC2 instance ID (the host name where there is none).
	Instance string `json:"instance"`
	// SettingsVersion is the instance's SETTINGS_VERSION.
	SettingsVersion string `json:"settingsVersion"`
	// Checks are one round trip to each tier endpoint.
	Checks []Check `json:"checks"`
}

// Check is one round trip to one endpoint of a tier. It never holds a secret: Target is a host
// name and port, Error a message scrubbed of credentials.
type Check struct {
	Tier      string  `json:"tier"`
	Role      string  `json:"role,omitempty"` // database: writer or reader; cache: redis or memcached
	Target    string  `json:"target"`
	Status    string  `json:"status"`
	LatencyMs float64 `json:"latencyMs"`
	Error     string  `json:"error,omitempty"`
}

// Decode reads a report and rejects one that is not a deep check at all.
func Decode(r io.Reader) (Report, error) {
	var rep Report
	if err := json.NewDecoder(r).Decode(&rep); err != nil {
		return Report{}, fmt.Errorf("deep check: not JSON: %w", err)
	}
	if rep.Status == "" || len(rep.Checks) == 0 {
		return Report{}, fmt.Errorf("deep check: no status or no checks: not the reference application's %s", CheckPath)
	}
	return rep, nil
}

// Problems lists what is wrong with the report, empty when every required tier (default: the
// database, the cache and the sessions) has at least one check, every check is OK and the
// overall status agrees.
func (r Report) Problems(requiredTiers ...string) []string {
	if len(requiredTiers) == 0 {
		requiredTiers = []string{TierDatabase, TierCache, TierSessions}
	}
	var out []string
	seen := map[string]bool{}
	anyFailed := false
	for _, c := range r.Checks {
		seen[c.Tier] = true
		if c.Status != StatusOK {
			anyFailed = true
			out = append(out, fmt.Sprintf("%s %s %s: %s (%s)", c.Tier, c.Role, c.Target, c.Status, c.Error))
		}
		if c.LatencyMs < 0 {
			out = append(out, fmt.Sprintf("%s %s: negative latency %v", c.Tier, c.Target, c.LatencyMs))
		}
	}
	for _, t := range requiredTiers {
		if !seen[t] {
			out = append(out, "no check of the "+t+" tier")
		}
	}
	if want := map[bool]string{false: StatusOK, true: StatusFail}[anyFailed]; r.Status != want {
		out = append(out, fmt.Sprintf("status %q but the checks say %q", r.Status, want))
	}
	if r.Instance == "" {
		out = append(out, "no instance named")
	}
	return out
}

// Fetch gets one deep check from baseURL (the site URL, or an instance's address).
func Fetch(ctx context.Context, client *http.Client, baseURL string) (Report, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(baseURL, "/")+CheckPath, nil)
	if err != nil {
		return Report{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return Report{}, err
	}
	defer resp.Body.Close()
	rep, err := Decode(resp.Body)
	if err != nil {
		return Report{}, fmt.Errorf("%s (HTTP %d): %w", req.URL, resp.StatusCode, err)
	}
	if ok := resp.StatusCode == http.StatusOK; ok != (rep.Status == StatusOK) {
		return rep, fmt.Errorf("%s: HTTP %d with status %q", req.URL, resp.StatusCode, rep.Status)
	}
	return rep, nil
}

// Survey fetches deep checks through a load balancer until it has heard from wantInstances
// distinct instances, or maxRequests are spent. It returns the latest report of each instance
// and an error naming every instance with problems, or saying how many instances answered.
func Survey(ctx context.Context, client *http.Client, baseURL string, wantInstances, maxRequests int) (map[string]Report, error) {
	reports := map[string]Report{}
	var lastErr error
	for i := 0; i < maxRequests && len(reports) < wantInstances; i++ {
		rep, err := Fetch(ctx, client, baseURL)
		if rep.Instance != "" {
			reports[rep.Instance] = rep
		}
		if err != nil {
			lastErr = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	var problems []string
	ids := make([]string, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		for _, p := range reports[id].Problems() {
			problems = append(problems, id+": "+p)
		}
	}
	if len(reports) < wantInstances {
		msg := fmt.Sprintf("heard from %d of %d instances in %d requests", len(reports), wantInstances, maxRequests)
		if lastErr != nil {
			msg += fmt.Sprintf(" (last error: %v)", lastErr)
		}
		problems = append(problems, msg)
	}
	if len(problems) > 0 {
		return reports, fmt.Errorf("deep check: %s", strings.Join(problems, "; "))
	}
	return reports, nil
}

// Instances lists the instance IDs of a survey, sorted.
func Instances(reports map[string]Report) []string {
	ids := make([]string, 0, len(reports))
	for id := range reports {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
