// Command vpc-origin-wait waits, bounded, until CloudFront has deleted what a VPC origin left in
// the VPC of a stack (its network interfaces and the security group
// CloudFront-VPCOrigins-Service-SG), printing what is left as it goes. scripts/destroy.sh runs it
// between two destroys:
//
//	pulumi stack export --stack dev --file state.json
//	go run ./scripts/vpc-origin-wait --state state.json --timeout 20m
//
// It reads the VPC's ID and region from the exported state and calls the AWS CLI with the
// caller's credentials; it exits 0 once nothing is left (or the state holds no VPC), 1 with
// what is left after the timeout.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/tenkstack/tenk/e2e"
)

func main() {
	state := flag.String("state", "", "file written by `pulumi stack export` (required)")
	timeout := flag.Duration("timeout", 20*time.Minute, "how long to wait at most")
	interval := flag.Duration("interval", 30*time.Second, "pause between two looks")
	flag.Parse()
	os.Exit(run(context.Background(), *state, e2e.LeftoverWait{Timeout: *timeout, Interval: *interval, Log: os.Stdout}, nil, os.Stderr))
}

// run waits with w for the VPC of the state in file; runner is the AWS CLI (nil: the real one).
func run(ctx context.Context, file string, w e2e.LeftoverWait, runner e2e.Runner, stderr io.Writer) int {
	if file == "" {
		fmt.Fprintln(stderr, "vpc-origin-wait: --state <file of pulumi stack export> is required")
		return 2
	}
	data, err := os.ReadFile(file)
	if err != nil {
		fmt.Fprintf(stderr, "vpc-origin-wait: %v\n", err)
		return 2
	}
	var export struct {
		Deployment json.RawMessage `json:"deployment"`
	}
	if err := json.Unmarshal(data, &export); err != nil {
		fmt.Fprintf(stderr, "vpc-origin-wait: %s is not a `pulumi stack export` file: %v\n", file, err)
		return 2
	}
	vpc, region, ok, err := e2e.VPCOfDeployment(export.Deployment)
	if err != nil {
		fmt.Fprintf(stderr, "vpc-origin-wait: %v\n", err)
		return 2
	}
	if !ok {
		return 0 // no VPC in the state: nothing of a VPC origin can be in the way
	}
	w.Lister, w.Region = e2e.CLI{Region: region, Run: runner}, region
	if err := w.Wait(ctx, vpc); err != nil {
		fmt.Fprintf(stderr, "vpc-origin-wait: %v\n", err)
		return 1
	}
	return 0
}
