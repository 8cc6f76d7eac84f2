//go:build e2e

package e2e_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"

	"github.com/tenkstack/tenk/e2e"
)

// cleanupReserve is kept back from the test deadline for destroy: `go test -timeout` kills the
// process without running deferred functions, which would leave the stack deployed. It holds two
// destroys and the wait between them for CloudFront's VPC-origin leftovers (e2e.LeftoverWait).
const cleanupReserve = 80 * time.Minute

// TestAcceptance deploys a throwaway stack of this project, probes it, checks that nothing
// drifts, and destroys it; VARIANT=rollout then ships a release that crashes on start and its
// fix. `make e2e` (VARIANT=aurora|memcached|domain|app|rollout) runs it.
func TestAcceptance(t *testing.T) {
	settings, err := e2e.LoadSettings(os.Getenv, rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 0)))
	if err != nil {
		t.Fatal(err)
	}
	if reason, fail := e2e.Unrunnable(settings, e2e.HasTool, callerIdentity); reason != "" {
		if fail {
			t.Fatal(reason)
		}
		t.Skip(reason)
	}
	project, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	backend, localState := settings.BackendURL, ""
	if backend == "" {
		if localState, err = os.MkdirTemp("", "tenk-e2e-state-"); err != nil {
			t.Fatal(err)
		}
		backend = "file://" + localState
	}
	manual := e2e.ManualCleanup(project, backend, settings.Stack)
	t.Logf("stack %s (%s) in %s; state in %s. If this run is killed, clean up with:\n%s", settings.Stack, settings.Variant, settings.Region, backend, manual)
	if err := e2e.WriteCleanupNote(settings.ResultsDir, settings.Variant, settings.Stack, manual); err != nil {
		t.Logf("write the cleanup note: %v", err)
	}

	ctx := context.Background()
	if deadline, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, deadline.Add(-cleanupReserve))
		defer cancel()
	}

	run := &acceptanceRun{settings: settings, manual: manual, localState: localState,
		results: e2e.Results{Stack: settings.Stack, Variant: settings.Variant, Region: settings.Region, StartedAt: time.Now().UTC()}}
	if run.previous, err = e2e.ReadResults(settings.ResultsDir, settings.Variant); err != nil {
		t.Logf("previous results unreadable, not compared: %v", err)
	}
	cli := e2e.CLI{Region: settings.Region}
	st := newStack(ctx, t, settings, project, backend, cli)
	run.st = st
	results := &run.results
	// Cleanup runs whatever happens below (a failed check, t.Fatal, a panic), on its own context.
	defer run.finish(t)

	entries, shape := e2e.StackConfig(settings)
	if err := st.Configure(ctx, entries); err != nil {
		results.Checks = append(results.Checks, e2e.CheckResult{Name: "configure", Status: e2e.Fail, Message: err.Error()})
		return
	}
	clock := e2e.RealClock{}
	var outputs e2e.Outputs
	deploy := e2e.RunChecks(ctx, clock, []e2e.Check{upCheck(st, &outputs)})
	results.Checks = append(results.Checks, deploy...)
	if len(e2e.Failed(deploy)) > 0 {
		return // nothing to probe; cleanup still runs
	}
	// Idempotency first: it also gives CloudFront and the instances time to settle.
	results.Checks = append(results.Checks, e2e.RunChecks(ctx, clock, idempotencyChecks(st))...)

	probe := &e2e.Probe{
		Settings: settings,
		Shape:    shape,
		Outputs:  outputs,
		HTTP:     e2e.NetHTTP{},
		AWS:      cli,
		Clock:    clock,
		Token:    strings.TrimPrefix(settings.Stack, "e2e-"),
		// The application variants: app/cmd/tenk-probe, and the files the page references.
		Prober:      &e2e.SiteProber{AppDir: filepath.Join(project, e2e.AppBuildContext)},
		StaticFiles: os.DirFS(filepath.Join(project, e2e.AppBuildContext, "static")),
	}
	defer func() {
		if err := probe.Close(context.Background()); err != nil {
			t.Logf("delete the probe's object: %v (the bucket is force-destroyed anyway)", err)
		}
	}()
	results.Checks = append(results.Checks, e2e.RunChecks(ctx, clock, probe.Checks())...)
	if !shape.Rollout {
		return
	}
	run.releases = newReleases(st, cli, clock, outputs)
	run.releases.Quiet = probe.AlarmsQuiet
	if run.releases.ModelSeconds, err = e2e.RolloutModelSeconds(run.settings, project); err != nil {
		t.Logf("no rollout model to compare with: %v", err)
	}
	checks := append(run.releases.Checks(), e2e.Check{Name: e2e.CheckAppAfterRollout, Run: probe.AppProbesNow})
	results.Checks = append(results.Checks, e2e.RunChecks(ctx, clock, checks)...)
}

// acceptanceRun is what the cleanup and the report at the end of a run need.
type acceptanceRun struct {
	settings           e2e.Settings
	st                 *e2e.Stack
	results            e2e.Results
	previous           *e2e.Results
	manual, localState string
	releases           *e2e.Releases // VARIANT=rollout
}

// finish destroys the stack (unless kept), then writes and prints the results and fails the
// test for each failed check and an unfinished cleanup.
func (r *acceptanceRun) finish(t *testing.T) {
	settings, results := r.settings, &r.results
	if r.releases != nil {
		results.Rollouts = r.releases.Rollouts
	}
	cctx, cancel := context.WithTimeout(context.Background(), cleanupReserve)
	defer cancel()
	results.Cleanup = e2e.Cleanup(cctx, r.st, settings.Keep, os.Stderr, r.manual)
	if results.Cleanup.StackRemoved {
		_ = os.Remove(e2e.CleanupNote(settings.ResultsDir, settings.Variant))
		if r.localState != "" {
			_ = os.RemoveAll(r.localState)
		}
	}
	results.Operations = r.st.Operations
	results.FinishedAt = time.Now().UTC()
	results.Passed = len(e2e.Failed(results.Checks)) == 0 && len(results.Checks) > 0 &&
		(results.Cleanup.Kept || results.Cleanup.StackRemoved)
	e2e.PrintReport(os.Stdout, *results, r.previous)
	if path, err := e2e.WriteResults(settings.ResultsDir, *results); err != nil {
		t.Errorf("write results: %v", err)
	} else {
		t.Logf("results: %s", path)
	}
	if !results.Cleanup.Kept && !results.Cleanup.StackRemoved {
		t.Errorf("cleanup: %s", results.Cleanup.Summary())
	}
	for _, f := range e2e.Failed(results.Checks) {
		t.Errorf("%s: %s", f.Name, f.Message)
	}
}

// newStack is the throwaway stack in backend, with project as its program, whose failed
// destroys wait for a VPC origin's leftovers through cli.
func newStack(ctx context.Context, t *testing.T, settings e2e.Settings, project, backend string, cli e2e.CLI) *e2e.Stack {
	options := []auto.LocalWorkspaceOption{auto.EnvVars(map[string]string{
		"PULUMI_BACKEND_URL":       backend,
		"PULUMI_CONFIG_PASSPHRASE": os.Getenv("PULUMI_CONFIG_PASSPHRASE"),
		"AWS_REGION":               settings.Region,
	})}
	if settings.SecretsProvider != "" {
		options = append(options, auto.SecretsProvider(settings.SecretsProvider))
	}
	s, err := auto.NewStackLocalSource(ctx, settings.Stack, project, options...)
	if err != nil {
		t.Fatalf("create stack %s: %v", settings.Stack, err)
	}
	st := &e2e.Stack{Auto: s, Progress: os.Stdout, Log: os.Stderr}
	st.Leftovers = func(ctx context.Context) error {
		d, err := st.Export(ctx)
		if err != nil {
			return err
		}
		vpc, _, ok, err := e2e.VPCOfDeployment(d)
		if err != nil || !ok {
			return err // no VPC left in the state: nothing of a VPC origin can block it
		}
		return e2e.LeftoverWait{Lister: cli, Log: os.Stderr, Region: settings.Region}.Wait(ctx, vpc)
	}
	return st
}

// upCheck is the first deploy; it reads the stack outputs into outputs.
func upCheck(st *e2e.Stack, outputs *e2e.Outputs) e2e.Check {
	return e2e.Check{Name: "up", Run: func(ctx context.Context) error {
		res, err := st.Up(ctx, "up")
		if err != nil {
			return err
		}
		raw := map[string]any{}
		for k, v := range res.Outputs {
			raw[k] = v.Value
		}
		*outputs, err = e2e.ParseOutputs(raw)
		return err
	}}
}

// idempotencyChecks prove that a preview, a refresh and a second up change nothing.
func idempotencyChecks(st *e2e.Stack) []e2e.Check {
	return []e2e.Check{
		{Name: "preview-expect-no-changes", Run: st.Preview},
		{Name: "refresh-no-drift", Run: st.Refresh},
		{Name: "second-up-no-op", Run: func(ctx context.Context) error {
			res, err := st.Up(ctx, "second up")
			if err != nil {
				return err
			}
			if res.Summary.ResourceChanges == nil {
				return errors.New("the second up reported no resource changes summary")
			}
			return e2e.NoChanges(*res.Summary.ResourceChanges)
		}},
	}
}

// newReleases are VARIANT=rollout's releases: config set and deployed on st, watched through
// CloudFront and the AWS CLI.
func newReleases(st *e2e.Stack, cli e2e.CLI, clock e2e.Clock, outputs e2e.Outputs) *e2e.Releases {
	return &e2e.Releases{
		Configure: st.Configure,
		Up: func(ctx context.Context, name string) error {
			_, err := st.Up(ctx, name)
			return err
		},
		AWS: cli,
		Watch: e2e.RolloutWatch{HTTP: e2e.NetHTTP{}, Clock: clock, Group: outputs.AutoScalingGroupName,
			URL: strings.TrimSuffix(outputs.SiteURL, "/") + "/"},
	}
}

// callerIdentity proves the AWS credentials work before anything is deployed.
func callerIdentity() (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "aws", "sts", "get-caller-identity", "--query", "Arn", "--output", "text").CombinedOutput()
	if err != nil {
		return "", errors.New(strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}
