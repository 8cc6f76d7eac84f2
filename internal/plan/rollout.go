package plan

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
)

// Rollout estimates how long an instance refresh of the group takes: the steps each new instance
// goes through (launch and boot, the container runtime install, the image pull, the health checks,
// the warmup, the old instance's draining), the batches the refresh replaces the desired capacity
// in, and the bake after each checkpoint. Steps read from the stack name their input; the rest are
// assumptions (the constants below) the acceptance test's timings are compared with.
type Rollout struct {
	// Instances is the desired capacity replaced; MinHealthy and MaxHealthy the refresh's
	// percentages, BatchSize the instances replaced at once.
	Instances  int `json:"instances"`
	MinHealthy int `json:"minHealthyPercentage"`
	MaxHealthy int `json:"maxHealthyPercentage"`
	BatchSize  int `json:"batchSize"`
	// Steps are what one batch waits for, in order.
	Steps []RolloutStep `json:"steps"`
	// Phases are the refresh up to each checkpoint.
	Phases []RolloutPhase `json:"phases"`
	// Seconds is the whole refresh, bakes included.
	Seconds int `json:"seconds"`
}

// RolloutStep is one wait of a batch.
type RolloutStep struct {
	// Name says what is waited for; Seconds how long; Source where the figure comes from (an
	// input of the stack, or "assumption: …").
	Name    string `json:"name"`
	Seconds int    `json:"seconds"`
	Source  string `json:"source"`
}

// RolloutPhase is the refresh from one checkpoint to the next.
type RolloutPhase struct {
	// Checkpoint is the percentage replaced at its end; Instances and Batches what it replaces;
	// BakeSeconds the wait after it (CheckpointDelay), during which the alarms may roll it back.
	Checkpoint  int `json:"checkpoint"`
	Instances   int `json:"instances"`
	Batches     int `json:"batches"`
	BakeSeconds int `json:"bakeSeconds"`
}

// The model's assumptions, in seconds: none is measured here (no AWS account); the acceptance
// test records a real rollout's duration to compare with (README, "Rollout time").
const (
	// bootSeconds: EC2 from pending to running and Amazon Linux 2023 booting to cloud-init's
	// user data.
	bootSeconds = 60
	// runtimeInstallSeconds: `dnf install docker` (Docker, containerd, runc: about 100 MB from
	// the regional repository).
	runtimeInstallSeconds = 45
	// pullSeconds: an ECR login and a pull of a 100 MB image inside the Region.
	pullSeconds = 15
	// startSeconds: the settings read (they exist during a refresh) and the application's start.
	startSeconds = 10
)

// refreshPrefs are the preferences of a group's instance refresh, wherever the stack gives them.
type refreshPrefs struct {
	// source is the resource that carries them (for a step's Source).
	source string
	// values are keyed by RefreshPreferences' member names in lowerCamel (minHealthyPercentage,
	// checkpointDelay, …).
	values map[string]any
}

func (r refreshPrefs) get(key string) (any, bool) { v, ok := r.values[key]; return v, ok }

// refreshPreferencesOf finds the preferences of g's refresh: the StartInstanceRefresh request
// that the web tier's rollout invocation in g's component carries (components/webtier
// refresh.go), else the group's own instanceRefresh block (a group of another program).
func refreshPreferencesOf(p *Plan, g *Resource) refreshPrefs {
	for i := range p.Resources {
		inv := &p.Resources[i]
		if inv.Type != "aws:lambda/invocation:Invocation" || inv.Component != g.Component {
			continue
		}
		var req struct{ Preferences map[string]any }
		if json.Unmarshal([]byte(inv.String("input")), &req) != nil || req.Preferences == nil {
			continue
		}
		values := map[string]any{}
		for k, v := range req.Preferences {
			values[strings.ToLower(k[:1])+k[1:]] = v
		}
		return refreshPrefs{source: inv.Name, values: values}
	}
	v, _ := g.Get("instanceRefresh.preferences")
	values, _ := v.(map[string]any)
	return refreshPrefs{source: g.Name, values: values}
}

// rolloutOf models the refresh of group g running app.
func rolloutOf(p *Plan, g *Resource, app string) Rollout {
	prefs := refreshPreferencesOf(p, g)
	r := Rollout{Instances: int(g.Number("desiredCapacity")), MinHealthy: 90, MaxHealthy: 100}
	if _, ok := g.Get("desiredCapacity"); !ok {
		r.Instances = int(g.Number("minSize"))
	}
	if v, ok := prefs.get("minHealthyPercentage"); ok {
		r.MinHealthy = int(toFloat(v))
	}
	if v, ok := prefs.get("maxHealthyPercentage"); ok {
		r.MaxHealthy = int(toFloat(v))
	}
	// Auto Scaling keeps MinHealthy % in service and MaxHealthy % at most, so it replaces the
	// spread between them at once (rounded down, at least one instance).
	r.BatchSize = max(1, r.Instances*(r.MaxHealthy-r.MinHealthy)/100)
	r.Steps = batchSteps(p, g, prefs, app)
	perBatch := 0
	for _, s := range r.Steps {
		perBatch += s.Seconds
	}
	bake, _ := prefs.get("checkpointDelay")
	checkpoints := ints(prefs.values["checkpointPercentages"])
	if len(checkpoints) == 0 {
		checkpoints, bake = []int{100}, nil
	}
	done := 0
	for _, cp := range checkpoints {
		upTo := int(math.Ceil(float64(r.Instances) * float64(cp) / 100))
		ph := RolloutPhase{Checkpoint: cp, Instances: upTo - done, BakeSeconds: int(toFloat(bake))}
		ph.Batches = (ph.Instances + r.BatchSize - 1) / r.BatchSize
		done = upTo
		r.Phases = append(r.Phases, ph)
		r.Seconds += ph.Batches*perBatch + ph.BakeSeconds
	}
	return r
}

// batchSteps are the waits of one batch: the new instances start and pass their health checks
// and warmup, then the old ones drain.
func batchSteps(p *Plan, g *Resource, prefs refreshPrefs, app string) []RolloutStep {
	steps := []RolloutStep{{Name: "launch and boot", Seconds: bootSeconds, Source: "assumption"}}
	if app == AppImage || app == AppBuild {
		steps = append(steps,
			RolloutStep{Name: "container runtime install", Seconds: runtimeInstallSeconds, Source: "assumption"},
			RolloutStep{Name: "image pull", Seconds: pullSeconds, Source: "assumption"})
	}
	steps = append(steps, RolloutStep{Name: "settings and start", Seconds: startSeconds, Source: "assumption"})
	tg := targetGroupOf(p, g)
	if tg != nil {
		n, every := int(tg.Number("healthCheck.healthyThreshold")), int(tg.Number("healthCheck.interval"))
		steps = append(steps, RolloutStep{Name: "health checks", Seconds: n * every,
			Source: fmt.Sprintf("%s: %d healthy checks × %d s", tg.Name, n, every)})
	}
	// RefreshPreferences.InstanceWarmup: the group's default instance warmup, else its health
	// check grace period (Auto Scaling user guide, "Understand the default values for an
	// instance refresh").
	warmup, source := int(g.Number("defaultInstanceWarmup")), g.Name+": default instance warmup"
	if v, ok := prefs.get("instanceWarmup"); ok {
		warmup, source = int(toFloat(v)), prefs.source+": instance warmup"
	} else if warmup == 0 {
		warmup, source = int(g.Number("healthCheckGracePeriod")), g.Name+": health check grace period (the warmup without a default instance warmup)"
	}
	steps = append(steps, RolloutStep{Name: "warmup", Seconds: warmup, Source: source})
	if tg != nil {
		steps = append(steps, RolloutStep{Name: "old instances drain", Seconds: int(tg.Number("deregistrationDelay")),
			Source: tg.Name + ": deregistration delay"})
	}
	return steps
}

// targetGroupOf is the first target group the group registers its instances with.
func targetGroupOf(p *Plan, g *Resource) *Resource {
	arns := g.Strings("targetGroupArns")
	for i := range p.Resources {
		tg := &p.Resources[i]
		if tg.Type == "aws:lb/targetGroup:TargetGroup" && (len(arns) == 0 || tg.Component == g.Component) {
			return tg
		}
	}
	return nil
}

// ints is a list of numbers (nil when v is none).
func ints(v any) []int {
	list, _ := v.([]any)
	out := make([]int, 0, len(list))
	for _, x := range list {
		out = append(out, int(toFloat(x)))
	}
	return out
}

// toFloat reads a number input (float64 under mocks and in JSON) or its string form.
func toFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case string:
		var f float64
		_, _ = fmt.Sscan(x, &f)
		return f
	}
	return 0
}
