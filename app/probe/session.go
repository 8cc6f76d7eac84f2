package probe

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"strings"
)

// SessionResult is what FollowSession saw.
type SessionResult struct {
	// Instances are the instances that answered, in order, one per request.
	Instances []string
	// Distinct is the number of distinct instances among them.
	Distinct int
}

// FollowSession requests the page n times with one cookie jar (a fresh one) and checks that
// the session carried: the session's view count goes 1, 2, …, n whichever instance answered.
// With wantDistinct > 1 it also requires that many instances among the answers (a session that
// only ever met one instance proves nothing about sharing). transport nil: the default one.
func FollowSession(ctx context.Context, transport http.RoundTripper, siteURL string, n, wantDistinct int) (SessionResult, error) {
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, Transport: transport}
	var res SessionResult
	seen := map[string]bool{}
	for i := 1; i <= n; i++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(siteURL, "/")+"/", nil)
		if err != nil {
			return res, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return res, fmt.Errorf("request %d: %w", i, err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return res, fmt.Errorf("request %d: HTTP %d", i, resp.StatusCode)
		}
		inst := resp.Header.Get(InstanceHeader)
		views, _ := strconv.Atoi(resp.Header.Get(SessionViewsHeader))
		res.Instances = append(res.Instances, inst)
		seen[inst] = true
		if views != i {
			return res, fmt.Errorf("request %d (instance %s): the session has %d views, want %d: the session did not carry over (instances so far: %v)", i, inst, views, i, res.Instances)
		}
	}
	res.Distinct = len(seen)
	if res.Distinct < wantDistinct {
		return res, fmt.Errorf("the session met %d distinct instances, want %d: too few requests, or stickiness is on", res.Distinct, wantDistinct)
	}
	return res, nil
}
