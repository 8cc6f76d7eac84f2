package plan_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/plan"
)

const shopRepo = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop"

// planWith plans a stack with tenk:app set to app (JSON).
func planWith(t *testing.T, stack, app string) *plan.Plan {
	t.Helper()
	opts := plan.Options{Root: "../..", Stack: stack}
	if app != "" {
		opts.Overrides = map[string]string{"tenk:app": app}
	}
	p, err := plan.FromStack(opts)
	require.NoError(t, err)
	require.NotNil(t, p.Release)
	return p
}

// TestPlanShowsTheRelease: the plan says what the instances run: the built-in server, an image
// by the digest the launch template carries (an ECR tag resolved at deploy), or an image built
// from a context, named by the context and the tag it pushes.
func TestPlanShowsTheRelease(t *testing.T) {
	dev := planWith(t, "dev", "")
	assert.Equal(t, plan.AppBuiltIn, dev.Release.Application)
	assert.Equal(t, "tenk-web-asg", dev.Release.Group)
	assert.Regexp(t, `^ami-[0-9a-f]+$`, dev.Release.AMI)

	img := planWith(t, "dev", `{"image": "`+shopRepo+`:v42"}`)
	assert.Equal(t, plan.AppImage, img.Release.Application)
	assert.Equal(t, shopRepo+"@"+providers.MockImageDigest("shop", "v42"), img.Release.Image, "the digest, never the tag")
	assert.Contains(t, img.Release.Describe(), "image "+shopRepo+"@sha256:")

	built := planWith(t, "dev", `{"build": "app"}`)
	assert.Equal(t, plan.AppBuild, built.Release.Application)
	assert.Equal(t, "app", built.Release.BuildContext)
	assert.NotContains(t, built.Release.Image, "@", "a build's digest is known once it has pushed")
	assert.Regexp(t, `^src-[0-9a-f]+$`, built.Release.BuildTag, "the tag is the context's hash")
	assert.Contains(t, built.Release.Describe(), "built from app")
}

// TestRolloutModelFollowsTheStack: the model replaces the desired capacity in batches of the
// spread between the refresh's healthy percentages, phase by checkpoint, each followed by the
// stack's checkpoint delay; each batch waits for the stack's health checks, warmup and draining,
// plus the assumed boot, and for an image the runtime install and the pull.
func TestRolloutModelFollowsTheStack(t *testing.T) {
	for _, tc := range []struct {
		stack, app   string
		instances    int
		batch        int
		phases       []plan.RolloutPhase
		runtimeSteps bool
	}{
		{"prod", "", 3, 3, []plan.RolloutPhase{{Checkpoint: 50, Instances: 2, Batches: 1, BakeSeconds: 600}, {Checkpoint: 100, Instances: 1, Batches: 1, BakeSeconds: 600}}, false},
		{"prod", `{"image": "` + shopRepo + `:v1"}`, 3, 3, []plan.RolloutPhase{{Checkpoint: 50, Instances: 2, Batches: 1, BakeSeconds: 600}, {Checkpoint: 100, Instances: 1, Batches: 1, BakeSeconds: 600}}, true},
		{"dev", "", 1, 1, []plan.RolloutPhase{{Checkpoint: 100, Instances: 1, Batches: 1, BakeSeconds: 300}}, false},
	} {
		t.Run(tc.stack+" "+tc.app, func(t *testing.T) {
			ro := planWith(t, tc.stack, tc.app).Release.Rollout
			assert.Equal(t, tc.instances, ro.Instances)
			assert.Equal(t, tc.batch, ro.BatchSize)
			assert.Equal(t, tc.phases, ro.Phases)
			perBatch, names := 0, map[string]plan.RolloutStep{}
			for _, s := range ro.Steps {
				perBatch += s.Seconds
				names[s.Name] = s
			}
			assert.Equal(t, plan.RolloutStep{Name: "health checks", Seconds: 30, Source: "tenk-web-tg: 2 healthy checks × 15 s"}, names["health checks"])
			assert.Equal(t, 300, names["warmup"].Seconds, "no default instance warmup: the health check grace period")
			assert.Equal(t, 30, names["old instances drain"].Seconds, "the deregistration delay")
			_, install := names["container runtime install"]
			_, pull := names["image pull"]
			assert.Equal(t, tc.runtimeSteps, install && pull, "an image installs Docker and pulls; the built-in server does neither")
			total := 0
			for _, ph := range ro.Phases {
				total += ph.Batches*perBatch + ph.BakeSeconds
			}
			assert.Equal(t, total, ro.Seconds)
		})
	}
}

// TestDiffNamesAReleaseChange: a new digest is a release: the diff says it starts a rollout and
// names the images; a settings-only change starts none.
func TestDiffNamesAReleaseChange(t *testing.T) {
	v1 := planWith(t, "prod", `{"image": "`+shopRepo+`:v1"}`)
	v2 := planWith(t, "prod", `{"image": "`+shopRepo+`:v2"}`)
	d := plan.Compare(v1, v2)
	require.NotNil(t, d.Release)
	assert.True(t, d.Release.StartsRollout)
	assert.Equal(t, []string{"application: " + shopRepo + "@" + providers.MockImageDigest("shop", "v1") + " → " + shopRepo + "@" + providers.MockImageDigest("shop", "v2")}, d.Release.Reasons)
	assert.Equal(t, v2.Release.Rollout.Seconds, d.Release.Seconds)
	assert.True(t, strings.HasPrefix(d.Release.Summary(), "starts a rollout"), d.Release.Summary())

	emails, err := plan.FromStack(plan.Options{Root: "../..", Stack: "prod", Overrides: map[string]string{
		"tenk:app": `{"image": "` + shopRepo + `:v1"}`, "tenk:alarmEmails": `["ops@example.com", "oncall@example.com"]`,
	}})
	require.NoError(t, err)
	d = plan.Compare(v1, emails)
	require.NotNil(t, d.Release)
	assert.NotEmpty(t, append(d.Added, d.Changed...), "the alarm e-mails change")
	assert.False(t, d.Release.StartsRollout, d.Release.Reasons)
	assert.Contains(t, d.Release.Summary(), "no rollout")
}

// TestREADMERolloutTableIsTheModel: the README's rollout table shows what the model computes for
// the stacks.
func TestREADMERolloutTableIsTheModel(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	for row, p := range map[string]*plan.Plan{
		"| prod, built-in server | 3 |": planWith(t, "prod", ""),
		"| prod, an image | 3 |":        planWith(t, "prod", `{"image": "`+shopRepo+`:v1"}`),
		"| dev, built-in server | 1 |":  planWith(t, "dev", ""),
	} {
		line := ""
		for _, l := range strings.Split(string(readme), "\n") {
			if strings.HasPrefix(l, row) {
				line = l
			}
		}
		require.NotEmpty(t, line, "the README has no row %q", row)
		assert.True(t, strings.HasSuffix(line, fmt.Sprintf("| about %d min |", (p.Release.Rollout.Seconds+59)/60)), "%s: the model says %d s", line, p.Release.Rollout.Seconds)
	}
}
