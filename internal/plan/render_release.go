package plan

import (
	"fmt"
	"strings"
)

// rolloutTrigger says what starts a rollout and what does not.
const rolloutTrigger = "A new image digest, a new AMI or any other launch template change is a new launch template version: " +
	"it starts an instance refresh, which rolls back by itself on failed health checks or alarms. " +
	"Settings changes reach running instances without one."

// releaseText writes the release and its rollout model for a terminal.
func releaseText(b *strings.Builder, r *Release) {
	if r == nil {
		return
	}
	fmt.Fprintf(b, "\nRelease (group %s, launch template %s)\n", r.Group, r.LaunchTemplate)
	fmt.Fprintf(b, "  runs: %s\n", r.Describe())
	fmt.Fprintf(b, "  %s\n", rolloutTrigger)
	ro := r.Rollout
	fmt.Fprintf(b, "  rollout model: %s, %d–%d %% healthy, replaced %d at a time; about %s\n",
		plural(ro.Instances, "instance"), ro.MinHealthy, ro.MaxHealthy, ro.BatchSize, minutes(ro.Seconds))
	fmt.Fprintf(b, "    per batch: %s\n", stepsLine(ro.Steps))
	for _, ph := range ro.Phases {
		fmt.Fprintf(b, "    to %d %%: %s in %s, then a %s bake\n", ph.Checkpoint, plural(ph.Instances, "instance"), batches(ph.Batches), minutes(ph.BakeSeconds))
	}
}

// releaseMarkdown writes the release and its rollout model for a pull request.
func releaseMarkdown(b *strings.Builder, r *Release) {
	if r == nil {
		return
	}
	ro := r.Rollout
	fmt.Fprintf(b, "\n#### Release\n\n`%s` runs %s. %s\n\n", r.Group, mdCell(r.Describe()), rolloutTrigger)
	fmt.Fprintf(b, "<details><summary>Rollout model: about %s (%s, %d–%d %% healthy, replaced %d at a time)</summary>\n\n",
		minutes(ro.Seconds), plural(ro.Instances, "instance"), ro.MinHealthy, ro.MaxHealthy, ro.BatchSize)
	b.WriteString("| Each batch waits for | Seconds | From |\n|---|---:|---|\n")
	for _, s := range ro.Steps {
		fmt.Fprintf(b, "| %s | %d | %s |\n", s.Name, s.Seconds, mdCell(s.Source))
	}
	b.WriteString("\n| Up to | Instances | Batches | Bake |\n|---:|---:|---:|---:|\n")
	for _, ph := range ro.Phases {
		fmt.Fprintf(b, "| %d %% | %d | %d | %s |\n", ph.Checkpoint, ph.Instances, ph.Batches, minutes(ph.BakeSeconds))
	}
	b.WriteString("\n</details>\n")
}

// stepsLine lists a batch's steps with their sources.
func stepsLine(steps []RolloutStep) string {
	parts := make([]string, len(steps))
	total := 0
	for i, s := range steps {
		parts[i] = fmt.Sprintf("%s %d s (%s)", s.Name, s.Seconds, s.Source)
		total += s.Seconds
	}
	return strings.Join(parts, ", ") + fmt.Sprintf(" = %d s", total)
}

// batches formats "1 batch", "2 batches".
func batches(n int) string {
	if n == 1 {
		return "1 batch"
	}
	return fmt.Sprintf("%d batches", n)
}
