package webtier

import (
	"fmt"
	"slices"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Rollout is how a launch template change (a new release digest, a new AMI, new settings of the
// template) rolls through the Auto Scaling group: an instance refresh that replaces instances in
// batches, waits at checkpoints, and rolls back by itself when it fails or when one of the
// tier's 5xx or unhealthy-host alarms fires. The zero value never lowers serving capacity.
type Rollout struct {
	// MinHealthyPercentage is the share of the desired capacity that stays in service during a
	// refresh, 0–100. Default: 100 (replacements launch before old instances terminate).
	MinHealthyPercentage *int
	// MaxHealthyPercentage is how far capacity may grow during a refresh, 100–200 and at most
	// MinHealthyPercentage + 100. Default: 200 (a whole batch launches beside the old instances).
	MaxHealthyPercentage int
	// CheckpointPercentages are the shares of instances replaced at which the refresh stops for
	// BakeSeconds, ascending, each 1–100, the last 100. Default: [50, 100] (half the group
	// bakes before the rest is replaced).
	CheckpointPercentages []int
	// BakeSeconds is how long the refresh waits at each checkpoint while the alarms watch the new
	// instances, 0–172800. The tier's alarms need five one-minute periods to fire, so less than
	// 300 lets a bad release through before they can. Default: 600.
	BakeSeconds *int
	// AutoRollback undoes a refresh that fails or trips an alarm, returning the group to the
	// previous launch template version. Default: true.
	AutoRollback *bool
	// RollbackOnAlarms gives the refresh the tier's 5xx and unhealthy-host alarms: one in ALARM
	// stops it (and with AutoRollback, rolls it back). Set false for the one deploy of a hotfix
	// while those alarms already fire (they would roll it back at once); failed health checks
	// still roll back. No effect with Alarms off. Default: true.
	RollbackOnAlarms *bool
}

// maxCheckpointDelay is RefreshPreferences.CheckpointDelay's upper bound, in seconds.
const maxCheckpointDelay = 172800

func (r Rollout) withDefaults() Rollout {
	if r.MinHealthyPercentage == nil {
		r.MinHealthyPercentage = argutil.Ptr(100)
	}
	if r.MaxHealthyPercentage == 0 {
		r.MaxHealthyPercentage = min(200, *r.MinHealthyPercentage+100)
	}
	if r.CheckpointPercentages == nil {
		r.CheckpointPercentages = []int{50, 100}
	}
	if r.BakeSeconds == nil {
		r.BakeSeconds = argutil.Ptr(600)
	}
	r.AutoRollback = orTrue(r.AutoRollback)
	r.RollbackOnAlarms = orTrue(r.RollbackOnAlarms)
	return r
}

// validate checks a defaulted Rollout against RefreshPreferences: MinHealthyPercentage 0–100,
// MaxHealthyPercentage 100–200 with a spread of at most 100, CheckpointDelay 0–172800,
// checkpoints ascending and ending at 100.
func (r Rollout) validate(path string, l *fielderr.List) {
	at := func(field string) string { return fielderr.Field(path, field) }
	lo := *r.MinHealthyPercentage
	fielderr.Range(l, at("MinHealthyPercentage"), lo, 0, 100, "")
	fielderr.Range(l, at("MaxHealthyPercentage"), r.MaxHealthyPercentage, 100, 200, "")
	if r.MaxHealthyPercentage-lo > 100 {
		l.Addf(at("MaxHealthyPercentage"), "is %d with %s %d: Auto Scaling allows a spread of at most 100; lower it to %d", r.MaxHealthyPercentage, fielderr.Ref(at("MinHealthyPercentage")), lo, lo+100)
	}
	fielderr.Range(l, at("BakeSeconds"), *r.BakeSeconds, 0, maxCheckpointDelay, "")
	c := r.CheckpointPercentages
	if len(c) == 0 || c[len(c)-1] != 100 || !slices.IsSorted(c) || len(slices.Compact(slices.Clone(c))) != len(c) || c[0] < 1 {
		l.Addf(at("CheckpointPercentages"), "is %v: give ascending, distinct percentages of 1–100 ending with 100 (the refresh replaces every instance)", c)
	}
}

// refreshRequest is the StartInstanceRefresh request (Auto Scaling API Reference,
// StartInstanceRefresh) the rollout function sends for one launch template version: rolling,
// skipping instances already on it, the desired configuration (AutoRollback needs one), and
// the tier's rollback alarms unless RollbackOnAlarms is off. Field names and types are the API's.
type refreshRequest struct {
	AutoScalingGroupName string
	Strategy             string
	DesiredConfiguration desiredConfiguration
	Preferences          refreshPreferences
}

type desiredConfiguration struct {
	LaunchTemplate launchTemplateSpec
}

type launchTemplateSpec struct {
	LaunchTemplateId string
	Version          string
}

// refreshPreferences are RefreshPreferences. The bake is the delay at each checkpoint
// (CheckpointDelay), a choice: it bakes every checkpoint, not only the end. Standby and
// scale-in-protected instances are ignored (the API's default, Wait, would hold the refresh
// until someone moved them), as the provider's instanceRefresh block always sent.
type refreshPreferences struct {
	MinHealthyPercentage      int
	MaxHealthyPercentage      int
	InstanceWarmup            int
	CheckpointPercentages     []int
	CheckpointDelay           int
	SkipMatching              bool
	AutoRollback              bool
	ScaleInProtectedInstances string
	StandbyInstances          string
	AlarmSpecification        *alarmSpecification `json:",omitempty"`
}

type alarmSpecification struct {
	Alarms []string
}

// request is the refresh of group to launch template version of templateID. warmup is the
// instance warmup: the group's health check grace period, what Auto Scaling used when the
// group's instanceRefresh block left it unset (user guide, "Understand the default values for
// an instance refresh"). alarms are the rollback alarms' names (nil with Alarms off).
func (r Rollout) request(group, templateID string, version int, warmup int, alarms []string) refreshRequest {
	prefs := refreshPreferences{
		MinHealthyPercentage:      *r.MinHealthyPercentage,
		MaxHealthyPercentage:      r.MaxHealthyPercentage,
		InstanceWarmup:            warmup,
		CheckpointPercentages:     r.CheckpointPercentages,
		CheckpointDelay:           *r.BakeSeconds,
		SkipMatching:              true,
		AutoRollback:              *r.AutoRollback,
		ScaleInProtectedInstances: "Ignore",
		StandbyInstances:          "Ignore",
	}
	if len(alarms) > 0 && *r.RollbackOnAlarms {
		prefs.AlarmSpecification = &alarmSpecification{Alarms: alarms}
	}
	return refreshRequest{
		AutoScalingGroupName: group,
		Strategy:             "Rolling",
		DesiredConfiguration: desiredConfiguration{LaunchTemplate: launchTemplateSpec{LaunchTemplateId: templateID, Version: fmt.Sprint(version)}},
		Preferences:          prefs,
	}
}
