package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Teardown is what cleanup needs from the deployed stack.
type Teardown interface {
	// Destroy deletes every resource of the stack.
	Destroy(ctx context.Context) error
	// Remaining lists the URNs still in the stack's state.
	Remaining(ctx context.Context) ([]string, error)
	// Remove deletes the stack itself (its state and its Pulumi.<stack>.yaml).
	Remove(ctx context.Context) error
	// Settle waits, bounded, for what AWS deletes late and blocks the next destroy (the
	// network interfaces and security group of a deleted CloudFront VPC origin), and says
	// what is still there when it gives up.
	Settle(ctx context.Context) error
}

// CleanupReport is what cleanup did; it is part of the results file.
type CleanupReport struct {
	// Kept is true when TENK_E2E_KEEP=1 left the stack deployed.
	Kept bool `json:"kept"`
	// DestroyAttempts counts the destroys run.
	DestroyAttempts int `json:"destroyAttempts"`
	// Destroyed is true when no resource is left in the stack's state.
	Destroyed bool `json:"destroyed"`
	// StackRemoved is true when the stack itself was removed.
	StackRemoved bool `json:"stackRemoved"`
	// Remaining are the URNs that could not be deleted.
	Remaining []string `json:"remaining,omitempty"`
	// Errors are the failures met on the way, in order.
	Errors []string `json:"errors,omitempty"`
}

// Summary is one line saying how cleanup ended.
func (c CleanupReport) Summary() string {
	switch {
	case c.Kept:
		return "stack kept (TENK_E2E_KEEP=1): destroy it by hand"
	case c.StackRemoved:
		return fmt.Sprintf("destroyed and removed (%d destroy attempts)", c.DestroyAttempts)
	case c.Destroyed:
		return "destroyed, but the stack could not be removed: " + strings.Join(c.Errors, "; ")
	default:
		return fmt.Sprintf("NOT CLEAN: %d resources left after %d destroy attempts", len(c.Remaining), c.DestroyAttempts)
	}
}

// DestroyAttempts is how many times cleanup runs destroy before giving up: a second pass, after
// Settle, deletes what waited on something slow (network interfaces released late by AWS).
const DestroyAttempts = 2

// Cleanup destroys the stack and removes it, unless keep. It never stops half-way on an error:
// it destroys up to DestroyAttempts times (settling between attempts), lists what is left, prints every resource that could
// not be deleted with manual (the commands to finish by hand), and removes the stack only when
// nothing is left, so that its state still knows what to delete.
func Cleanup(ctx context.Context, t Teardown, keep bool, log io.Writer, manual string) CleanupReport {
	var r CleanupReport
	if keep {
		r.Kept = true
		fmt.Fprintf(log, "e2e: TENK_E2E_KEEP=1: the stack is still deployed and costing money. When done:\n%s\n", manual)
		return r
	}
	for r.DestroyAttempts < DestroyAttempts {
		r.DestroyAttempts++
		err := t.Destroy(ctx)
		if err == nil {
			break
		}
		r.Errors = append(r.Errors, fmt.Sprintf("destroy attempt %d: %v", r.DestroyAttempts, firstLine(err.Error())))
		fmt.Fprintf(log, "e2e: destroy attempt %d failed: %v\n", r.DestroyAttempts, err)
		if r.DestroyAttempts == DestroyAttempts {
			break
		}
		if err := t.Settle(ctx); err != nil {
			// Still try again: the next destroy says what it cannot delete.
			r.Errors = append(r.Errors, "wait for AWS: "+err.Error())
			fmt.Fprintf(log, "e2e: %v\n", err)
		}
	}
	remaining, err := t.Remaining(ctx)
	if err != nil {
		r.Errors = append(r.Errors, "list remaining resources: "+err.Error())
		fmt.Fprintf(log, "e2e: cannot read what is left in the stack: %v\nFinish by hand:\n%s\n", err, manual)
		return r
	}
	r.Remaining = LeftBehind(remaining)
	if len(r.Remaining) > 0 {
		fmt.Fprintf(log, "e2e: %d resources could not be deleted:\n", len(r.Remaining))
		for _, urn := range r.Remaining {
			fmt.Fprintf(log, "  - %s\n", urn)
		}
		fmt.Fprintf(log, "Finish by hand:\n%s\n", manual)
		return r
	}
	r.Destroyed = true
	if err := t.Remove(ctx); err != nil {
		r.Errors = append(r.Errors, "remove stack: "+err.Error())
		fmt.Fprintf(log, "e2e: the stack is empty but could not be removed: %v\n", err)
		return r
	}
	r.StackRemoved = true
	return r
}

// LeftBehind are the URNs of real resources among a state's: the stack resource and provider
// configurations cost nothing and go with the stack.
func LeftBehind(urns []string) []string {
	var out []string
	for _, urn := range urns {
		_, _, typ, _ := classify(urn)
		if typ == "pulumi:pulumi:Stack" || strings.HasPrefix(typ, "pulumi:providers:") {
			continue
		}
		out = append(out, urn)
	}
	return out
}

// DeploymentURNs reads the URNs of an exported deployment (`pulumi stack export`'s
// "deployment" object).
func DeploymentURNs(deployment json.RawMessage) ([]string, error) {
	if len(deployment) == 0 {
		return nil, nil
	}
	var d struct {
		Resources []struct {
			URN string `json:"urn"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(deployment, &d); err != nil {
		return nil, fmt.Errorf("read the exported deployment: %w", err)
	}
	urns := make([]string, 0, len(d.Resources))
	for _, r := range d.Resources {
		urns = append(urns, r.URN)
	}
	return urns, nil
}

// ManualCleanup are the commands that finish a cleanup by hand, from any machine with a checkout
// of the project: with a local backend (a directory on the machine that ran the test) they need
// that directory and the passphrase's variable; with a shared one (s3://…) they need its URL and
// PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER, because the stack's Pulumi.<stack>.yaml, which names
// its secrets provider, stayed on the runner: without it the CLI falls back to the passphrase
// provider and fails (pkg/v3 v3.274.1 cmd/pulumi/stack/secrets.go, GetSecretsManager).
func ManualCleanup(projectDir, backendURL, stack string) string {
	if strings.HasPrefix(backendURL, "file://") {
		return fmt.Sprintf(`  cd %s
  export PULUMI_BACKEND_URL=%s PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
  make destroy STACK=%s && pulumi stack rm %s --yes`, ShellQuote(projectDir), ShellQuote(backendURL), stack, stack)
	}
	return fmt.Sprintf(`  cd <your checkout of this project>
  export PULUMI_BACKEND_URL=%s PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER=true
  make destroy STACK=%s && pulumi stack rm %s --yes`, ShellQuote(backendURL), stack, stack)
}

// CleanupNote is the file, next to the results, that holds the manual cleanup commands while
// the stack may be deployed: e2e.yml puts it in the run's summary when the job fails or is
// cancelled, and a clean run removes it.
func CleanupNote(resultsDir string, v Variant) string {
	return filepath.Join(resultsDir, string(v)+".cleanup.txt")
}

// WriteCleanupNote writes the commands for stack to CleanupNote.
func WriteCleanupNote(resultsDir string, v Variant, stack, manual string) error {
	if err := os.MkdirAll(resultsDir, 0o755); err != nil {
		return err
	}
	body := fmt.Sprintf("# stack %s (%s) may still be deployed; from a checkout of this project:\n%s\n", stack, v, manual)
	return os.WriteFile(CleanupNote(resultsDir, v), []byte(body), 0o644)
}
