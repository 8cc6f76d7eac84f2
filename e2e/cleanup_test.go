package e2e_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
)

// fakeTeardown records the calls cleanup makes; destroyErrs are returned by successive destroys.
type fakeTeardown struct {
	calls       []string
	destroyErrs []error
	remaining   []string
	remainErr   error
	removeErr   error
	settleErr   error
}

func (f *fakeTeardown) Settle(context.Context) error {
	f.calls = append(f.calls, "settle")
	return f.settleErr
}

func (f *fakeTeardown) Destroy(context.Context) error {
	f.calls = append(f.calls, "destroy")
	if len(f.destroyErrs) == 0 {
		f.remaining = nil
		return nil
	}
	err := f.destroyErrs[0]
	f.destroyErrs = f.destroyErrs[1:]
	if err == nil {
		f.remaining = nil
	}
	return err
}

func (f *fakeTeardown) Remaining(context.Context) ([]string, error) {
	f.calls = append(f.calls, "remaining")
	return f.remaining, f.remainErr
}

func (f *fakeTeardown) Remove(context.Context) error {
	f.calls = append(f.calls, "remove")
	return f.removeErr
}

const (
	stackURN    = "urn:pulumi:e2e-abc123::tenk::pulumi:pulumi:Stack::tenk-e2e-abc123"
	providerURN = "urn:pulumi:e2e-abc123::tenk::pulumi:providers:aws::default_6_83_4"
	vpcURN      = "urn:pulumi:e2e-abc123::tenk::tenk:network:Network$awsx:ec2:Vpc::tenk-vpc"
	subnetURN   = "urn:pulumi:e2e-abc123::tenk::tenk:network:Network$awsx:ec2:Vpc$aws:ec2/subnet:Subnet::tenk-vpc-private-1"
)

func TestCleanupDestroysThenRemoves(t *testing.T) {
	f := &fakeTeardown{remaining: []string{vpcURN}}
	var log bytes.Buffer
	r := e2e.Cleanup(context.Background(), f, false, &log, "MANUAL")
	assert.Equal(t, []string{"destroy", "remaining", "remove"}, f.calls)
	assert.Equal(t, e2e.CleanupReport{DestroyAttempts: 1, Destroyed: true, StackRemoved: true}, r)
	assert.Empty(t, log.String())
}

func TestCleanupRetriesAFailedDestroy(t *testing.T) {
	f := &fakeTeardown{remaining: []string{vpcURN}, destroyErrs: []error{errors.New("DependencyViolation: subnet has ENIs\ndetails"), nil}}
	r := e2e.Cleanup(context.Background(), f, false, &bytes.Buffer{}, "MANUAL")
	assert.Equal(t, []string{"destroy", "settle", "destroy", "remaining", "remove"}, f.calls, "waits for AWS's leftovers before destroying again")
	assert.True(t, r.StackRemoved)
	assert.Equal(t, 2, r.DestroyAttempts)
	assert.Equal(t, []string{"destroy attempt 1: DependencyViolation: subnet has ENIs"}, r.Errors)
}

func TestCleanupKeepsTheStateAndPrintsWhatIsLeft(t *testing.T) {
	f := &fakeTeardown{
		remaining:   []string{stackURN, providerURN, vpcURN, subnetURN},
		destroyErrs: []error{errors.New("boom"), errors.New("boom again")},
	}
	var log bytes.Buffer
	r := e2e.Cleanup(context.Background(), f, false, &log, "MANUAL STEPS")
	assert.Equal(t, []string{"destroy", "settle", "destroy", "remaining"}, f.calls, "the stack is not removed while its state still knows what to delete")
	assert.False(t, r.Destroyed)
	assert.False(t, r.StackRemoved)
	assert.Equal(t, []string{vpcURN, subnetURN}, r.Remaining, "the stack and provider entries are not resources")
	assert.Contains(t, log.String(), "2 resources could not be deleted")
	assert.Contains(t, log.String(), "  - "+subnetURN)
	assert.Contains(t, log.String(), "MANUAL STEPS")
	assert.Contains(t, r.Summary(), "NOT CLEAN: 2 resources left after 2 destroy attempts")
}

func TestCleanupReportsAStackThatCannotBeRemoved(t *testing.T) {
	f := &fakeTeardown{removeErr: errors.New("stack is locked")}
	r := e2e.Cleanup(context.Background(), f, false, &bytes.Buffer{}, "MANUAL")
	assert.True(t, r.Destroyed)
	assert.False(t, r.StackRemoved)
	assert.Contains(t, r.Summary(), "could not be removed: remove stack: stack is locked")
}

func TestCleanupCannotReadTheState(t *testing.T) {
	f := &fakeTeardown{remainErr: errors.New("no such file")}
	var log bytes.Buffer
	r := e2e.Cleanup(context.Background(), f, false, &log, "MANUAL")
	assert.Equal(t, []string{"destroy", "remaining"}, f.calls)
	assert.False(t, r.StackRemoved)
	assert.Contains(t, log.String(), "MANUAL")
}

func TestCleanupKeepLeavesTheStack(t *testing.T) {
	f := &fakeTeardown{remaining: []string{vpcURN}}
	var log bytes.Buffer
	r := e2e.Cleanup(context.Background(), f, true, &log, "MANUAL")
	assert.Empty(t, f.calls)
	assert.True(t, r.Kept)
	assert.Contains(t, log.String(), "TENK_E2E_KEEP=1")
	assert.Contains(t, log.String(), "MANUAL")
}

func TestDeploymentURNs(t *testing.T) {
	urns, err := e2e.DeploymentURNs(json.RawMessage(`{"manifest":{},"resources":[{"urn":"` + stackURN + `","type":"pulumi:pulumi:Stack"},{"urn":"` + vpcURN + `"}]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{stackURN, vpcURN}, urns)
	urns, err = e2e.DeploymentURNs(nil)
	require.NoError(t, err)
	assert.Empty(t, urns)
	_, err = e2e.DeploymentURNs(json.RawMessage(`[`))
	assert.Error(t, err)
}

// A settle that gives up is reported, and the second destroy still runs.
func TestCleanupReportsWhatAWSLeftAndTriesAgain(t *testing.T) {
	f := &fakeTeardown{remaining: []string{vpcURN}, destroyErrs: []error{errors.New("DependencyViolation"), nil},
		settleErr: errors.New("after 20m0s, vpc-1 still holds what CloudFront's VPC origin left: network interface eni-1 (…)")}
	var log bytes.Buffer
	r := e2e.Cleanup(context.Background(), f, false, &log, "MANUAL")
	assert.Equal(t, []string{"destroy", "settle", "destroy", "remaining", "remove"}, f.calls)
	assert.True(t, r.StackRemoved)
	assert.Contains(t, r.Errors, "wait for AWS: after 20m0s, vpc-1 still holds what CloudFront's VPC origin left: network interface eni-1 (…)")
	assert.Contains(t, log.String(), "eni-1")
}

func TestManualCleanupWorksFromAnotherMachine(t *testing.T) {
	m := e2e.ManualCleanup("/src/tenk", "file:///tmp/tenk-e2e-state-1", "e2e-abc123")
	assert.Contains(t, m, "cd '/src/tenk'")
	assert.Contains(t, m, "PULUMI_BACKEND_URL='file:///tmp/tenk-e2e-state-1'")
	assert.Contains(t, m, "make destroy STACK=e2e-abc123 && pulumi stack rm e2e-abc123 --yes")

	m = e2e.ManualCleanup("/home/runner/work/shop/shop", "s3://tenk-state-x/e2e?region=eu-west-1&awssdk=v2", "e2e-abc123")
	assert.NotContains(t, m, "/home/runner", "the runner's directory means nothing on a laptop")
	assert.Contains(t, m, "PULUMI_BACKEND_URL='s3://tenk-state-x/e2e?region=eu-west-1&awssdk=v2'")
	assert.Contains(t, m, "PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true", "the stack file with its secrets provider stayed on the runner")
	assert.Contains(t, m, "make destroy STACK=e2e-abc123")
}

func TestCleanupNoteHoldsTheCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results")
	require.NoError(t, e2e.WriteCleanupNote(dir, e2e.VariantAurora, "e2e-abc123", "  make destroy STACK=e2e-abc123"))
	data, err := os.ReadFile(e2e.CleanupNote(dir, e2e.VariantAurora))
	require.NoError(t, err)
	assert.Contains(t, string(data), "make destroy STACK=e2e-abc123")
	assert.Equal(t, filepath.Join(dir, "aurora.cleanup.txt"), e2e.CleanupNote(dir, e2e.VariantAurora), "e2e.yml globs *.cleanup.txt")
}
