package e2e

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

// Stack is the throwaway stack behind the Automation API: its operations, each bounded, and the
// engine events of every up and destroy for the timings table. It implements Teardown.
type Stack struct {
	// Auto is the Automation API stack.
	Auto auto.Stack
	// Progress receives the CLI's progress output. Default: io.Discard.
	Progress io.Writer
	// Log receives what the stack has to say about itself (an event stream that never
	// opened). Default: io.Discard.
	Log io.Writer
	// EventDrain bounds the wait for the engine's event stream to close once an operation has
	// returned. Default: 30 seconds.
	EventDrain time.Duration
	// OperationTimeout bounds each up, preview, refresh and destroy on top of the caller's
	// context. Default: 90 minutes.
	OperationTimeout time.Duration
	// Leftovers waits, after a failed destroy, for what AWS deletes late (LeftoverWaiter);
	// nil waits for nothing.
	Leftovers func(ctx context.Context) error
	// Operations are the timings of every up and destroy, in order.
	Operations []OperationTimings
}

func (st *Stack) progress() io.Writer { return orDiscard(st.Progress) }

func orDiscard(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}

// bounded is ctx limited to OperationTimeout: a hung CLI is killed (the Automation API runs it
// with exec.CommandContext) instead of holding the test until `go test -timeout` kills the
// process and the deferred destroy never runs.
func (st *Stack) bounded(ctx context.Context) (context.Context, context.CancelFunc) {
	d := st.OperationTimeout
	if d == 0 {
		d = 90 * time.Minute
	}
	return context.WithTimeout(ctx, d)
}

// Configure sets the stack's config: plain keys in one call, path keys (inside a section
// object) in another, as `pulumi config set-all` and `pulumi config set-all --path` do.
func (st *Stack) Configure(ctx context.Context, entries []ConfigEntry) error {
	plain, path := auto.ConfigMap{}, auto.ConfigMap{}
	for _, e := range entries {
		if e.Path {
			path[e.Key] = auto.ConfigValue{Value: e.Value}
		} else {
			plain[e.Key] = auto.ConfigValue{Value: e.Value}
		}
	}
	if err := st.Auto.SetAllConfig(ctx, plain); err != nil {
		return err
	}
	return st.Auto.SetAllConfigWithOptions(ctx, path, &auto.ConfigOptions{Path: true})
}

// record starts a recorder for one operation and returns the channel to give the engine and a
// function that waits for the channel to close, at most EventDrain, and keeps the timings. The
// Automation API closes the channel only when the CLI closes its event stream (sdk v3.274.1
// go/auto/stack.go, eventsServer.StreamEvents): a CLI that fails before opening it (a held lock,
// a login error, bad config) never does, and an unbounded wait hangs the test.
func (st *Stack) record(name string) (chan<- events.EngineEvent, func()) {
	ch := make(chan events.EngineEvent)
	rec := NewRecorder(name)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		for e := range ch {
			rec.Record(time.Now(), e)
		}
	}()
	return ch, func() {
		drain := st.EventDrain
		if drain == 0 {
			drain = 30 * time.Second
		}
		timer := time.NewTimer(drain)
		defer timer.Stop()
		select {
		case <-drained:
			st.Operations = append(st.Operations, rec.Timings())
		case <-timer.C:
			// The recorder may still be written to: keep only the name.
			fmt.Fprintf(orDiscard(st.Log), "e2e: %s: the engine's event stream did not close within %s (the CLI failed before opening it?): no timings for it\n", name, drain)
			st.Operations = append(st.Operations, OperationTimings{Name: name})
		}
	}
}

// Up runs `pulumi up`, recording its events as operation name.
func (st *Stack) Up(ctx context.Context, name string) (auto.UpResult, error) {
	ctx, cancel := st.bounded(ctx)
	defer cancel()
	ch, done := st.record(name)
	res, err := st.Auto.Up(ctx, optup.EventStreams(ch), optup.ProgressStreams(st.progress()))
	done()
	return res, err
}

// Preview runs `pulumi preview --expect-no-changes --diff`.
func (st *Stack) Preview(ctx context.Context) error {
	ctx, cancel := st.bounded(ctx)
	defer cancel()
	_, err := st.Auto.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.Diff(), optpreview.ProgressStreams(st.progress()))
	return err
}

// Refresh runs `pulumi refresh --expect-no-changes`.
func (st *Stack) Refresh(ctx context.Context) error {
	ctx, cancel := st.bounded(ctx)
	defer cancel()
	_, err := st.Auto.Refresh(ctx, optrefresh.ExpectNoChanges(), optrefresh.ProgressStreams(st.progress()))
	return err
}

// Destroy implements Teardown.
func (st *Stack) Destroy(ctx context.Context) error {
	ctx, cancel := st.bounded(ctx)
	defer cancel()
	ch, done := st.record("destroy")
	_, err := st.Auto.Destroy(ctx, optdestroy.EventStreams(ch), optdestroy.ProgressStreams(st.progress()))
	done()
	return err
}

// Settle implements Teardown with Leftovers.
func (st *Stack) Settle(ctx context.Context) error {
	if st.Leftovers == nil {
		return nil
	}
	return st.Leftovers(ctx)
}

// Remaining implements Teardown.
func (st *Stack) Remaining(ctx context.Context) ([]string, error) {
	d, err := st.Export(ctx)
	if err != nil {
		return nil, err
	}
	return DeploymentURNs(d)
}

// Export returns the stack's exported deployment (`pulumi stack export`'s "deployment").
func (st *Stack) Export(ctx context.Context) ([]byte, error) {
	ctx, cancel := st.bounded(ctx)
	defer cancel()
	d, err := st.Auto.Export(ctx)
	if err != nil {
		return nil, err
	}
	return d.Deployment, nil
}

// Remove implements Teardown.
func (st *Stack) Remove(ctx context.Context) error {
	return st.Auto.Workspace().RemoveStack(ctx, st.Auto.Name())
}
