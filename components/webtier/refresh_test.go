package webtier_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/testkit"
)

const (
	invocationType = "aws:lambda/invocation:Invocation"
	functionType   = "aws:lambda/function:Function"
)

// request is the StartInstanceRefresh request the rollout invocation carries, as the API names it.
type request struct {
	AutoScalingGroupName string
	Strategy             string
	DesiredConfiguration struct {
		LaunchTemplate struct{ LaunchTemplateId, Version string }
	}
	Preferences struct {
		MinHealthyPercentage, MaxHealthyPercentage, InstanceWarmup, CheckpointDelay int
		CheckpointPercentages                                                       []int
		SkipMatching, AutoRollback                                                  bool
		ScaleInProtectedInstances, StandbyInstances                                 string
		AlarmSpecification                                                          *struct{ Alarms []string }
	}
}

func refreshRequest(t *testing.T, m *testkit.Mocks) request {
	t.Helper()
	inv := one(t, m, invocationType, "web-rollout-start")
	var req request
	dec := json.NewDecoder(strings.NewReader(inv.String("input")))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&req), "the input is exactly a StartInstanceRefresh request")
	return req
}

// withTemplateVersion builds args under mocks whose launch template is at version.
func withTemplateVersion(t *testing.T, args *webtier.MultiAZWebTierArgs, version int) *testkit.Mocks {
	t.Helper()
	mocks := testkit.NewMocks(monitor.Stub{Token: ltType, Outputs: func(monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{"latestVersion": version, "defaultVersion": version})
	}})
	return testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := webtier.NewMultiAZWebTier(ctx, "web", args)
		return err
	}, testkit.RunOptions{Mocks: mocks})
}

// withoutIgnored drops the inputs the engine keeps from the group's state (IgnoreChanges: on
// update, the old value is sent instead of the program's).
func withoutIgnored(r testkit.Resource) map[string]any {
	out := map[string]any{}
	for k, v := range r.Inputs {
		out[k] = v
	}
	for _, k := range r.IgnoreChanges {
		delete(out, k)
	}
	return out
}

// TestANewVersionReachesTheGroupOnlyThroughTheRefresh: the release that fixes the perpetual
// rollback. Between two deploys whose launch templates are at versions 1 and 2, the group
// changes nothing Pulumi would send (launchTemplate is ignored after create, and it has no
// instanceRefresh block, whose provider code would save version 2 before refreshing); the
// invocation is triggered by the version and asks for exactly version 2.
func TestANewVersionReachesTheGroupOnlyThroughTheRefresh(t *testing.T) {
	first, second := withTemplateVersion(t, prodArgs(), 1), withTemplateVersion(t, prodArgs(), 2)
	g1, g2 := one(t, first, asgType, "web-asg"), one(t, second, asgType, "web-asg")
	assert.ElementsMatch(t, []string{"desiredCapacity", "launchTemplate"}, g2.IgnoreChanges)
	assert.Equal(t, "1", g1.String("launchTemplate.version"), "created on the version of the day")
	assert.Equal(t, withoutIgnored(g1), withoutIgnored(g2), "the group is not updated by a new version")
	assert.False(t, g2.Has("instanceRefresh"))

	i1, i2 := one(t, first, invocationType, "web-rollout-start"), one(t, second, invocationType, "web-rollout-start")
	assert.Equal(t, "1", i1.String("triggers.launchTemplateVersion"))
	assert.Equal(t, "2", i2.String("triggers.launchTemplateVersion"), "a new version replaces the invocation: it runs again, as a create")
	assert.Equal(t, "web-lt-id", i2.String("triggers.launchTemplateId"), "so does a new template")
	assert.Equal(t, "CRUD", i2.String("lifecycleScope"), "an update (a changed preference alone) tells the function it is one")
	assert.False(t, i2.Has("terraformKey"), `the function reads the default key, "tf"`)
	assert.Equal(t, "web-rollout-1a2b3c4", i2.String("functionName"))
	req := refreshRequest(t, second)
	assert.Equal(t, "web-asg", req.AutoScalingGroupName)
	assert.Equal(t, "web-lt-id", req.DesiredConfiguration.LaunchTemplate.LaunchTemplateId)
	assert.Equal(t, "2", req.DesiredConfiguration.LaunchTemplate.Version)
	// RefreshPreferences' default for both is Wait, which holds the refresh on a standby or
	// scale-in-protected instance; the provider's instanceRefresh block always sent Ignore.
	assert.Equal(t, "Ignore", req.Preferences.ScaleInProtectedInstances)
	assert.Equal(t, "Ignore", req.Preferences.StandbyInstances)
	asg := one(t, second, asgType, "web-asg")
	policy := one(t, second, "aws:iam/rolePolicy:RolePolicy", "web-rollout-policy")
	assert.Subset(t, i2.Dependencies, []string{asg.URN, policy.URN}, "it starts once the group and the function's grant exist")
}

// TestAPreferenceChangeAloneIsAnUpdate: after a rollback the template's latest version is the bad
// release; a changed Rollout, alarm gate or warmup changes the request but not the triggers, so
// the CRUD invocation is updated (terraform-provider-aws: only triggers and function_name force a
// new invocation with CRUD), not replaced, and the function starts nothing for the same version.
func TestAPreferenceChangeAloneIsAnUpdate(t *testing.T) {
	before := one(t, withTemplateVersion(t, prodArgs(), 2), invocationType, "web-rollout-start")
	for name, edit := range map[string]func(*webtier.MultiAZWebTierArgs){
		"rollout":          func(a *webtier.MultiAZWebTierArgs) { a.Rollout.MinHealthyPercentage = pulumi.IntRef(90) },
		"rollbackOnAlarms": func(a *webtier.MultiAZWebTierArgs) { a.Rollout.RollbackOnAlarms = pulumi.BoolRef(false) },
		"warmup":           func(a *webtier.MultiAZWebTierArgs) { a.HealthCheck.GracePeriodSeconds = 120 },
	} {
		t.Run(name, func(t *testing.T) {
			args := prodArgs()
			edit(args)
			after := one(t, withTemplateVersion(t, args, 2), invocationType, "web-rollout-start")
			assert.NotEqual(t, before.String("input"), after.String("input"), "the request changed")
			assert.Equal(t, before.Inputs["triggers"], after.Inputs["triggers"], "nothing forces a replacement")
			assert.Equal(t, "CRUD", after.String("lifecycleScope"))
			assert.Equal(t, before.String("functionName"), after.String("functionName"))
		})
	}
}

// TestTheInvocationIsNeverProtected: an embedder that protects the whole component (Pulumi
// passes Protect to children that set none) still gets a replaceable invocation, while the
// component's other children inherit the protection.
func TestTheInvocationIsNeverProtected(t *testing.T) {
	m := testkit.MustRun(t, func(ctx *pulumi.Context) error {
		_, err := webtier.NewMultiAZWebTier(ctx, "web", prodArgs(), pulumi.Protect(true))
		return err
	}, testkit.RunOptions{Mocks: testkit.NewMocks()})
	assert.False(t, one(t, m, invocationType, "web-rollout-start").Protect, "each new version replaces it")
	assert.True(t, one(t, m, asgType, "web-asg").Protect, "the component's protection reaches its other children")
}

// TestTheRefreshCarriesExactlyTheRolloutPreferences: every preference of the Rollout, per
// setting, and the alarm gate.
func TestTheRefreshCarriesExactlyTheRolloutPreferences(t *testing.T) {
	alarms := []string{"web-alarm-target-5xx-1a2b3c4", "web-alarm-alb-5xx-1a2b3c4", "web-alarm-unhealthy-hosts-1a2b3c4"}
	for _, tc := range []struct {
		name   string
		edit   func(*webtier.MultiAZWebTierArgs)
		want   string
		alarms []string
	}{
		{"defaults", func(*webtier.MultiAZWebTierArgs) {},
			`{"MinHealthyPercentage":100,"MaxHealthyPercentage":200,"InstanceWarmup":300,"CheckpointPercentages":[50,100],"CheckpointDelay":600,"SkipMatching":true,"AutoRollback":true,"ScaleInProtectedInstances":"Ignore","StandbyInstances":"Ignore"}`,
			alarms},
		{"dev's rollout", func(a *webtier.MultiAZWebTierArgs) {
			a.Rollout = webtier.Rollout{MinHealthyPercentage: pulumi.IntRef(50), MaxHealthyPercentage: 150, CheckpointPercentages: []int{100}, BakeSeconds: pulumi.IntRef(300)}
			a.HealthCheck.GracePeriodSeconds = 120
		}, `{"MinHealthyPercentage":50,"MaxHealthyPercentage":150,"InstanceWarmup":120,"CheckpointPercentages":[100],"CheckpointDelay":300,"SkipMatching":true,"AutoRollback":true,"ScaleInProtectedInstances":"Ignore","StandbyInstances":"Ignore"}`,
			alarms},
		{"hotfix: no alarm gate", func(a *webtier.MultiAZWebTierArgs) { a.Rollout.RollbackOnAlarms = pulumi.BoolRef(false) },
			`{"MinHealthyPercentage":100,"MaxHealthyPercentage":200,"InstanceWarmup":300,"CheckpointPercentages":[50,100],"CheckpointDelay":600,"SkipMatching":true,"AutoRollback":true,"ScaleInProtectedInstances":"Ignore","StandbyInstances":"Ignore"}`,
			nil},
		{"no alarms", func(a *webtier.MultiAZWebTierArgs) { a.Alarms = pulumi.BoolRef(false) },
			`{"MinHealthyPercentage":100,"MaxHealthyPercentage":200,"InstanceWarmup":300,"CheckpointPercentages":[50,100],"CheckpointDelay":600,"SkipMatching":true,"AutoRollback":true,"ScaleInProtectedInstances":"Ignore","StandbyInstances":"Ignore"}`,
			nil},
		{"no rollback", func(a *webtier.MultiAZWebTierArgs) { a.Rollout.AutoRollback = pulumi.BoolRef(false) },
			`{"MinHealthyPercentage":100,"MaxHealthyPercentage":200,"InstanceWarmup":300,"CheckpointPercentages":[50,100],"CheckpointDelay":600,"SkipMatching":true,"AutoRollback":false,"ScaleInProtectedInstances":"Ignore","StandbyInstances":"Ignore"}`,
			alarms},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := prodArgs()
			tc.edit(args)
			m, _ := build(t, args)
			var in struct {
				Preferences map[string]json.RawMessage
			}
			require.NoError(t, json.Unmarshal([]byte(one(t, m, invocationType, "web-rollout-start").String("input")), &in))
			spec := in.Preferences["AlarmSpecification"]
			delete(in.Preferences, "AlarmSpecification")
			prefs, err := json.Marshal(in.Preferences)
			require.NoError(t, err)
			assert.JSONEq(t, tc.want, string(prefs))
			if tc.alarms == nil {
				assert.Nil(t, spec, "no alarm specification")
				return
			}
			var s struct{ Alarms []string }
			require.NoError(t, json.Unmarshal(spec, &s))
			assert.Equal(t, tc.alarms, s.Alarms)
		})
	}
}

// TestTheRolloutFunctionMayStartARefreshOfExactlyTheGroup: its policy names the group for the
// one write, reads only what the function reads, launches only with the tier's template and
// passes only the instance role.
func TestTheRolloutFunctionMayStartARefreshOfExactlyTheGroup(t *testing.T) {
	m, _ := build(t, prodArgs())
	statements, err := testkit.RoleStatements(m, "web-rollout-role")
	require.NoError(t, err)
	groupArn := "arn:aws:autoscaling:us-east-1:123456789012:web-asg" // monitor.DefaultARN
	var writes []string
	for _, s := range statements {
		for _, a := range testkit.Values(s.Action) {
			switch a {
			case "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeInstanceRefreshes", "ec2:DescribeLaunchTemplateVersions",
				"logs:CreateLogStream", "logs:PutLogEvents":
			default:
				writes = append(writes, a)
			}
		}
	}
	assert.ElementsMatch(t, []string{"autoscaling:StartInstanceRefresh", "ec2:RunInstances", "ec2:CreateTags", "iam:PassRole"}, writes)
	allowed := func(action, res string) bool {
		for _, s := range statements {
			if s.Allows(action, res) {
				return true
			}
		}
		return false
	}
	assert.True(t, allowed("autoscaling:StartInstanceRefresh", groupArn))
	assert.False(t, allowed("autoscaling:StartInstanceRefresh", "arn:aws:autoscaling:us-east-1:123456789012:other-asg"))
	assert.False(t, allowed("autoscaling:CancelInstanceRefresh", groupArn), "it never cancels a running refresh")
	assert.False(t, allowed("autoscaling:UpdateAutoScalingGroup", groupArn), "only a successful refresh moves the saved version")
	assert.True(t, allowed("iam:PassRole", "arn:aws:iam:us-east-1:123456789012:web-instance-role"))
	assert.False(t, allowed("iam:PassRole", "arn:aws:iam:us-east-1:123456789012:web-rollout-role"))
	for _, s := range statements {
		switch testkit.Values(s.Action)[0] {
		case "ec2:RunInstances":
			assert.Equal(t, "arn:aws:ec2:us-east-1:123456789012:web-lt", s.Condition["ArnLike"]["ec2:LaunchTemplate"], "launches only with the tier's template")
		case "iam:PassRole":
			assert.Equal(t, "ec2.amazonaws.com", s.Condition["StringEquals"]["iam:PassedToService"])
		}
	}
	fn := one(t, m, functionType, "web-rollout")
	assert.Equal(t, "start_refresh.handler", fn.String("handler"))
	assert.Equal(t, "python3.13", fn.String("runtime"))
	assert.Equal(t, "web-rollout-logs-1a2b3c4", fn.String("loggingConfig.logGroup"))
}

// TestStartRefreshPython: the function's Python compiles, and its own tests (a fake boto3)
// pass for the request the tier builds: the exact request, without the CRUD "tf" key, reaches
// StartInstanceRefresh on create; an update starts only a new version, a delete nothing;
// nothing starts when the group saves the version; a running refresh fails the deploy naming
// rolloutStatusCommand; a saved "resolve:ssm:" AMI turns AutoRollback off for that refresh.
func TestStartRefreshPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("python3 is needed to test the rollout function")
		}
		t.Skip("no python3")
	}
	m, _ := build(t, prodArgs())
	dir := t.TempDir()
	req := filepath.Join(dir, "request.json")
	require.NoError(t, os.WriteFile(req, []byte(one(t, m, invocationType, "web-rollout-start").String("input")), 0o600))
	src := filepath.Join(dir, "start_refresh.py")
	require.NoError(t, os.WriteFile(src, []byte(webtier.StartRefreshSource()), 0o600))
	out, err := exec.Command(python, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read(), sys.argv[1])", src).CombinedOutput()
	require.NoError(t, err, "syntax: %s", out)
	cmd := exec.Command(python, "-B", filepath.Join("refresh", "start_refresh_test.py"), "-v")
	cmd.Env = append(os.Environ(), "TENK_REFRESH_REQUEST="+req, "TENK_REFRESH_SOURCE="+src)
	out, err = cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	t.Logf("%s", out)
}

// validateRequest is Python that checks a StartInstanceRefresh request (argv[1], JSON) against
// botocore's own model of the API, as boto3 in the Lambda runtime does before it sends anything.
const validateRequest = `import json, sys
import botocore.session, botocore.validate
shape = botocore.session.get_session().get_service_model("autoscaling").operation_model("StartInstanceRefresh").input_shape
report = botocore.validate.ParamValidator().validate(json.load(open(sys.argv[1])), shape)
if report.has_errors():
    sys.exit(report.generate_report())
`

// TestRolloutRequestMatchesTheAPIModel: every request the tier builds (prod's defaults, a faster
// rollout, the alarm gate off) is one botocore accepts: no unknown or misspelt preference, every
// value of the model's type. botocore is the real model, not our idea of it; without it (it is
// not part of Debian's python3) the test says so and skips.
func TestRolloutRequestMatchesTheAPIModel(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	if out, err := exec.Command(python, "-c", "import botocore").CombinedOutput(); err != nil {
		t.Skipf("botocore is not installed (pip install botocore): %s", out)
	}
	off := false
	fast := prodArgs()
	fast.Rollout = webtier.Rollout{MinHealthyPercentage: pulumi.IntRef(50), MaxHealthyPercentage: 150,
		CheckpointPercentages: []int{100}, BakeSeconds: pulumi.IntRef(300)}
	noAlarms := prodArgs()
	noAlarms.Rollout.RollbackOnAlarms = &off
	for name, args := range map[string]*webtier.MultiAZWebTierArgs{"prod": prodArgs(), "fast": fast, "no alarm gate": noAlarms} {
		t.Run(name, func(t *testing.T) {
			m, _ := build(t, args)
			req := filepath.Join(t.TempDir(), "request.json")
			require.NoError(t, os.WriteFile(req, []byte(one(t, m, invocationType, "web-rollout-start").String("input")), 0o600))
			out, err := exec.Command(python, "-c", validateRequest, req).CombinedOutput()
			require.NoError(t, err, "botocore refuses the request: %s", out)
		})
	}
}
