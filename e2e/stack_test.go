package e2e_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/tenkstack/tenk/e2e"
)

// The fake `pulumi` is this test binary run again with fakePulumiEnv set: it records its
// arguments in fakePulumiLog, answers the Automation API's bookkeeping commands, and plays the
// scenario in fakePulumiScenario for up and destroy:
//
//	succeed      streams engine events to the Automation API's event server, then exits 0
//	fail-early   exits 255 before opening the event stream, as a held lock or a login error does
//	hang         never returns
const (
	fakePulumiEnv      = "TENK_E2E_FAKE_PULUMI"
	fakePulumiLog      = "TENK_E2E_FAKE_PULUMI_LOG"
	fakePulumiScenario = "TENK_E2E_FAKE_PULUMI_SCENARIO"
)

func TestMain(m *testing.M) {
	if os.Getenv(fakePulumiEnv) != "" {
		os.Exit(fakePulumi(os.Args[1:]))
	}
	os.Exit(m.Run())
}

func fakePulumi(args []string) int {
	if f, err := os.OpenFile(os.Getenv(fakePulumiLog), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
		fmt.Fprintln(f, strings.Join(args, " "))
		f.Close()
	}
	for len(args) > 0 && strings.HasPrefix(args[0], "--") { // global flags: --non-interactive
		args = args[1:]
	}
	switch {
	case len(args) > 0 && args[0] == "version":
		fmt.Println("v3.274.1")
	case len(args) > 1 && args[0] == "stack" && args[1] == "output":
		fmt.Println("{}")
	case len(args) > 1 && args[0] == "stack" && args[1] == "history":
		fmt.Println(`[{"version":1,"kind":"update","result":"succeeded","resourceChanges":{"create":1}}]`)
	case len(args) > 0 && (args[0] == "up" || args[0] == "destroy"):
		switch os.Getenv(fakePulumiScenario) {
		case "fail-early":
			fmt.Fprintln(os.Stderr, "error: the stack is currently locked by 1 lock(s)")
			return 255
		case "hang":
			time.Sleep(time.Hour)
		case "succeed":
			if err := streamEvents(flagValue(args, "--event-log")); err != nil {
				fmt.Fprintln(os.Stderr, "fake pulumi:", err)
				return 1
			}
		}
	}
	return 0
}

// streamEvents plays a one-resource update to the event server at tcp://localhost:<port>.
func streamEvents(target string) error {
	conn, err := grpc.NewClient(strings.TrimPrefix(target, "tcp://"), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	stream, err := pulumirpc.NewEventsClient(conn).StreamEvents(context.Background())
	if err != nil {
		return err
	}
	urn := "urn:pulumi:e2e-abc123::tenk::tenk:network:Network$aws:ec2/vpc:Vpc::tenk-vpc"
	for i, ev := range []map[string]any{
		{"resourcePreEvent": map[string]any{"metadata": map[string]any{"op": "create", "urn": urn, "type": "aws:ec2/vpc:Vpc"}}},
		{"resOutputsEvent": map[string]any{"metadata": map[string]any{"op": "create", "urn": urn, "type": "aws:ec2/vpc:Vpc"}}},
		{"summaryEvent": map[string]any{"resourceChanges": map[string]int{"create": 1}}},
	} {
		ev["sequence"], ev["timestamp"] = i, 1700000000+i
		data, _ := json.Marshal(ev)
		if err := stream.Send(&pulumirpc.EventRequest{Event: string(data)}); err != nil {
			return err
		}
	}
	_, err = stream.CloseAndRecv()
	return err
}

// fakeStack returns a Stack whose CLI is the fake, playing scenario, and the file of its calls.
func fakeStack(t *testing.T, scenario string) (*e2e.Stack, string) {
	t.Helper()
	root := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "bin"), 0o755))
	self, err := os.Executable()
	require.NoError(t, err)
	calls := filepath.Join(root, "calls.log")
	script := fmt.Sprintf("#!/bin/sh\nexport %s=1 %s=%q %s=%q\nexec %q \"$@\"\n", fakePulumiEnv, fakePulumiLog, calls, fakePulumiScenario, scenario, self)
	require.NoError(t, os.WriteFile(filepath.Join(root, "bin", "pulumi"), []byte(script), 0o755))
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root})
	require.NoError(t, err)
	project := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(project, "Pulumi.yaml"), []byte("name: tenk\nruntime: go\n"), 0o600))
	ctx := context.Background()
	ws, err := auto.NewLocalWorkspace(ctx, auto.WorkDir(project), auto.Pulumi(cmd))
	require.NoError(t, err)
	s, err := auto.SelectStack(ctx, "e2e-abc123", ws)
	require.NoError(t, err)
	return &e2e.Stack{Auto: s, EventDrain: time.Second, OperationTimeout: 20 * time.Second}, calls
}

// within fails the test unless fn returns within d: an operation that blocks forever would
// otherwise hold the test until `go test -timeout` killed it without running the cleanup.
func within(t *testing.T, d time.Duration, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("still blocked after %s", d)
	}
}

func TestUpAndDestroyReturnWhenTheCLIFailsBeforeStreamingEvents(t *testing.T) {
	st, calls := fakeStack(t, "fail-early")
	var upErr, destroyErr error
	within(t, 15*time.Second, func() {
		_, upErr = st.Up(context.Background(), "up")
		destroyErr = st.Destroy(context.Background())
	})
	require.Error(t, upErr)
	assert.Contains(t, upErr.Error(), "currently locked")
	require.Error(t, destroyErr)
	require.Len(t, st.Operations, 2)
	assert.Equal(t, "destroy", st.Operations[1].Name)
	log, err := os.ReadFile(calls)
	require.NoError(t, err)
	assert.Contains(t, string(log), "destroy ", "the cleanup's destroy ran")
}

func TestAHungCLIIsKilledAtTheOperationTimeout(t *testing.T) {
	st, _ := fakeStack(t, "hang")
	st.OperationTimeout = 2 * time.Second
	var err error
	within(t, 15*time.Second, func() { err = st.Destroy(context.Background()) })
	require.Error(t, err)
}

func TestUpRecordsTheEventsOfASuccessfulRun(t *testing.T) {
	st, calls := fakeStack(t, "succeed")
	var err error
	within(t, 15*time.Second, func() { _, err = st.Up(context.Background(), "up") })
	require.NoError(t, err)
	require.Len(t, st.Operations, 1)
	op := st.Operations[0]
	assert.Equal(t, "up", op.Name)
	assert.Equal(t, map[string]int{"create": 1}, op.ResourceChanges)
	require.Len(t, op.Components, 1)
	log, err := os.ReadFile(calls)
	require.NoError(t, err)
	assert.Contains(t, string(log), "--event-log tcp://")
}
