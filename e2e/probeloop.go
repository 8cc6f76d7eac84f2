package e2e

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// InstanceHeader is the response header in which the reference application names the instance
// that answered (app/probe.InstanceHeader; the root module does not import app/).
const InstanceHeader = "X-Tenk-Instance"

// maxFailuresKept bounds how many failed requests a ProbeCount describes.
const maxFailuresKept = 5

// ProbeCount is what a probe loop saw through CloudFront: requests, the ones that failed, and
// which instances answered.
type ProbeCount struct {
	// Requests counts the GETs sent.
	Requests int `json:"requests"`
	// Failures counts the GETs a viewer would have seen fail: no answer, an answer other than
	// 2xx, or a 2xx that the application did not give (no InstanceHeader: something else, such
	// as the settings agent's stand-in, answered).
	Failures int `json:"failures"`
	// FirstFailures describe the first few failures ("+12s: answered 502").
	FirstFailures []string `json:"firstFailures,omitempty"`
	// Instances counts the answers per instance that gave them.
	Instances map[string]int `json:"instances,omitempty"`
}

// Probe sends one GET to url and counts the outcome; started is when the loop began.
func (c *ProbeCount) Probe(ctx context.Context, h HTTP, url string, started, now time.Time) {
	c.Requests++
	resp, err := h.Get(ctx, url)
	var failure string
	switch {
	case err != nil:
		failure = "no answer: " + firstLine(err.Error())
	case resp.Status < 200 || resp.Status > 299:
		failure = fmt.Sprintf("answered %d", resp.Status)
	case resp.Header.Get(InstanceHeader) == "":
		failure = fmt.Sprintf("answered %d without %s: not the application", resp.Status, InstanceHeader)
	default:
		if c.Instances == nil {
			c.Instances = map[string]int{}
		}
		c.Instances[resp.Header.Get(InstanceHeader)]++
		return
	}
	c.Failures++
	if len(c.FirstFailures) < maxFailuresKept {
		c.FirstFailures = append(c.FirstFailures, fmt.Sprintf("+%.0fs: %s", now.Sub(started).Seconds(), failure))
	}
}

// Verify passes when requests were sent and none failed.
func (c ProbeCount) Verify(url string) error {
	if c.Requests == 0 {
		return fmt.Errorf("no request was sent to %s", url)
	}
	if c.Failures > 0 {
		return fmt.Errorf("%d of %d GET %s failed while the release rolled out (a viewer saw them): %s", c.Failures, c.Requests, url, strings.Join(c.FirstFailures, "; "))
	}
	return nil
}

// String is "N requests, F failed, answered by i-1 (n), i-2 (m)".
func (c ProbeCount) String() string {
	var by []string
	for _, id := range slices.Sorted(maps.Keys(c.Instances)) {
		by = append(by, fmt.Sprintf("%s (%d)", id, c.Instances[id]))
	}
	s := fmt.Sprintf("%d requests, %d failed", c.Requests, c.Failures)
	if len(by) > 0 {
		s += ", answered by " + strings.Join(by, ", ")
	}
	return s
}
