package e2e

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// SchemaVersion is the version of the results file format. Fields are only ever added; a
// change that renames or removes one bumps it.
const SchemaVersion = 1

// Results are everything one acceptance run found, written as JSON to
// e2e/results/<variant>.json so that runs can be compared (deploy times against the modelled
// critical path, check outcomes).
type Results struct {
	SchemaVersion int                `json:"schemaVersion"`
	Stack         string             `json:"stack"`
	Variant       Variant            `json:"variant"`
	Region        string             `json:"region"`
	StartedAt     time.Time          `json:"startedAt"`
	FinishedAt    time.Time          `json:"finishedAt"`
	Passed        bool               `json:"passed"`
	Checks        []CheckResult      `json:"checks"`
	Operations    []OperationTimings `json:"operations"`
	// Rollouts are the releases shipped after the first deploy (VariantRollout), in order.
	Rollouts []RolloutResult `json:"rollouts,omitempty"`
	Cleanup  CleanupReport   `json:"cleanup"`
}

// ResultsPath is where the results of a variant's last run are kept.
func ResultsPath(dir string, v Variant) string { return filepath.Join(dir, string(v)+".json") }

// WriteResults writes r as indented JSON to ResultsPath, creating dir.
func WriteResults(dir string, r Results) (string, error) {
	r.SchemaVersion = SchemaVersion
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return "", err
	}
	path := ResultsPath(dir, r.Variant)
	return path, os.WriteFile(path, append(data, '\n'), 0o644)
}

// ReadResults reads a variant's previous results; nil with no error when there are none.
func ReadResults(dir string, v Variant) (*Results, error) {
	data, err := os.ReadFile(ResultsPath(dir, v))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var r Results
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", ResultsPath(dir, v), err)
	}
	return &r, nil
}

// PrintReport writes the checks and, per operation, the component timings as tables; with
// previous results, each component's duration is compared with the last run's.
func PrintReport(w io.Writer, r Results, previous *Results) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "tenk e2e %s (%s, %s)\n\n", r.Variant, r.Stack, r.Region)
	fmt.Fprintln(tw, "CHECK\tRESULT\tSECONDS\tDETAIL")
	for _, c := range r.Checks {
		fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", c.Name, strings.ToUpper(string(c.Status)), c.DurationSeconds, oneLine(c.Message, 160))
	}
	for _, op := range r.Operations {
		prev := previousOperation(previous, op.Name)
		fmt.Fprintf(tw, "\n%s: %.0fs%s\n", op.Name, op.DurationSeconds, changes(op.ResourceChanges))
		fmt.Fprintln(tw, "COMPONENT\tNAME\tRESOURCES\tSTART s\tTOOK s\tLAST RUN s\tSLOWEST")
		for _, c := range op.Components {
			last := "-"
			if p, ok := prev[c.Component]; ok {
				last = fmt.Sprintf("%.0f (%+.0f)", p.DurationSeconds, c.DurationSeconds-p.DurationSeconds)
			}
			slowest := "-"
			if c.Slowest != "" {
				slowest = fmt.Sprintf("%s (%.0fs)", c.Slowest, c.SlowestSeconds)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.0f\t%.0f\t%s\t%s\n", c.Component, c.Name, c.Resources, c.StartSeconds, c.DurationSeconds, last, slowest)
		}
		for _, urn := range op.Failed {
			fmt.Fprintf(tw, "failed: %s\n", urn)
		}
	}
	printRollouts(tw, r.Rollouts, previous)
	fmt.Fprintf(tw, "\ncleanup: %s\n", r.Cleanup.Summary())
	tw.Flush()
}

// printRollouts writes one row per release: how its refresh ended, how long it took (compared
// with the plan's rollout model and with the same release of the previous run) and what the probe
// loop saw.
func printRollouts(w io.Writer, rollouts []RolloutResult, previous *Results) {
	if len(rollouts) == 0 {
		return
	}
	last := map[string]RolloutResult{}
	if previous != nil {
		for _, p := range previous.Rollouts {
			last[p.Name] = p
		}
	}
	fmt.Fprintln(w, "\nRELEASE\tGOMEMLIMIT\tREFRESH\tVERSIONS\tREFRESH s\tMODEL s\tLAST RUN s\tUP s\tWATCHED s\tPROBES")
	for _, r := range rollouts {
		prev := "-"
		if p, ok := last[r.Name]; ok {
			prev = fmt.Sprintf("%.0f (%+.0f)", p.DurationSeconds, r.DurationSeconds-p.DurationSeconds)
		}
		status := r.Status
		if r.RollbackReason != "" {
			status += " (" + oneLine(r.RollbackReason, 80) + ")"
		}
		model := "-"
		if r.ModelSeconds > 0 {
			model = fmt.Sprintf("%d (%+.0f)", r.ModelSeconds, r.DurationSeconds-float64(r.ModelSeconds))
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s → %s\t%.0f\t%s\t%s\t%.0f\t%.0f\t%s\n", r.Name, r.GOMEMLIMIT, status,
			r.FromVersion, r.ToVersion, r.DurationSeconds, model, prev, r.UpSeconds, r.WatchedSeconds, r.Probes)
	}
}

func previousOperation(previous *Results, name string) map[string]ComponentTiming {
	out := map[string]ComponentTiming{}
	if previous == nil {
		return out
	}
	for _, op := range previous.Operations {
		if op.Name == name {
			for _, c := range op.Components {
				out[c.Component] = c
			}
		}
	}
	return out
}

func changes(m map[string]int) string {
	if len(m) == 0 {
		return ""
	}
	var parts []string
	for _, op := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s %d", op, m[op]))
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

func oneLine(s string, limit int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > limit {
		return s[:limit-1] + "…"
	}
	return s
}
