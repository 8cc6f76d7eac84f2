// Command tenk-probe runs the reference application's deep probes (probe.Site) against a
// deployed site and prints the result as JSON; it exits 1 when a probe fails, 2 on bad flags.
// The acceptance test (e2e/, in the root module) runs it as a program, so the root module never
// requires this one:
//
//	cd app && go run ./cmd/tenk-probe --site https://d111111abcdef8.cloudfront.net --instances 2
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/tenkstack/tenk/app/probe"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr, http.DefaultTransport))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer, transport http.RoundTripper) int {
	fs := flag.NewFlagSet("tenk-probe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := probe.SiteOptions{Transport: transport}
	fs.StringVar(&o.URL, "site", "", "the site's URL, the stack output siteUrl (required)")
	fs.IntVar(&o.Instances, "instances", 1, "instances that must answer the deep check (the group's in-service count)")
	fs.IntVar(&o.MaxRequests, "max-requests", 0, "deep-check requests before giving up (default: 20 per instance)")
	fs.IntVar(&o.SessionRequests, "session-requests", 10, "page requests that follow one session")
	timeout := fs.Duration("timeout", 2*time.Minute, "bound on the whole run")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if o.URL == "" {
		fmt.Fprintln(stderr, "tenk-probe: --site is required")
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	res := probe.Site(ctx, o)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(res)
	if !res.OK() {
		return 1
	}
	return 0
}
