//go:build e2e

package e2e_test

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"

	"github.com/tenkstack/tenk/e2e"
)

// stack is the throwaway stack behind the Automation API; it records the engine events of
// every up and destroy for the timings table.
type stack struct {
	s          auto.Stack
	operations []e2e.OperationTimings
}

// configure sets the stack's config: plain keys in one call, path keys (inside a section
// object) in another, as `pulumi config set-all` and `pulumi config set-all --path` do.
func (st *stack) configure(ctx context.Context, entries []e2e.ConfigEntry) error {
	plain, path := auto.ConfigMap{}, auto.ConfigMap{}
	for _, e := range entries {
		if e.Path {
			path[e.Key] = auto.ConfigValue{Value: e.Value}
		} else {
			plain[e.Key] = auto.ConfigValue{Value: e.Value}
		}
	}
	if err := st.s.SetAllConfig(ctx, plain); err != nil {
		return err
	}
	return st.s.SetAllConfigWithOptions(ctx, path, &auto.ConfigOptions{Path: true})
}

// record starts a recorder for one operation and returns the channel to give the engine and a
// function that waits for the channel to close and keeps the timings.
func (st *stack) record(name string) (chan<- events.EngineEvent, func()) {
	ch := make(chan events.EngineEvent)
	rec := e2e.NewRecorder(name)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for e := range ch {
			rec.Record(time.Now(), e)
		}
	}()
	return ch, func() {
		wg.Wait()
		st.operations = append(st.operations, rec.Timings())
	}
}

func (st *stack) up(ctx context.Context, name string) (auto.UpResult, error) {
	ch, done := st.record(name)
	res, err := st.s.Up(ctx, optup.EventStreams(ch), optup.ProgressStreams(os.Stdout))
	done()
	return res, err
}

func (st *stack) preview(ctx context.Context) error {
	_, err := st.s.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.Diff())
	return err
}

func (st *stack) refresh(ctx context.Context) error {
	_, err := st.s.Refresh(ctx, optrefresh.ExpectNoChanges())
	return err
}

// Destroy implements e2e.Teardown.
func (st *stack) Destroy(ctx context.Context) error {
	ch, done := st.record("destroy")
	_, err := st.s.Destroy(ctx, optdestroy.EventStreams(ch), optdestroy.ProgressStreams(os.Stdout))
	done()
	return err
}

// Remaining implements e2e.Teardown.
func (st *stack) Remaining(ctx context.Context) ([]string, error) {
	d, err := st.s.Export(ctx)
	if err != nil {
		return nil, err
	}
	return e2e.DeploymentURNs(d.Deployment)
}

// Remove implements e2e.Teardown.
func (st *stack) Remove(ctx context.Context) error {
	return st.s.Workspace().RemoveStack(ctx, st.s.Name())
}
