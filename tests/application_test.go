package tests_test

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/webtier"
	"github.com/tenkstack/tenk/internal/offline/providers"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

const (
	asgGroup   = "aws:autoscaling/group:Group"
	ecrRepo    = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop"
	shopDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111"
)

// runApp runs a stack with app as its tenk:app section, through the stack's config.
func runApp(t *testing.T, stack string, app stacks.Application) *testkit.Mocks {
	t.Helper()
	m, err := runAppErr(t, stack, app)
	require.NoError(t, err)
	return m
}

func runAppErr(t *testing.T, stack string, app stacks.Application) (*testkit.Mocks, error) {
	t.Helper()
	return testkit.Run(stacks.Run, testkit.RunOptions{Stack: stack, Config: stackConfig(t, stack, map[string]string{"tenk:app": appSection(t, app)})})
}

// appSection is app as a stack file writes tenk:app: its set fields under their keys.
func appSection(t *testing.T, app stacks.Application) string {
	t.Helper()
	section := map[string]any{}
	for key, v := range map[string]any{"image": app.Image, "build": app.Build, "dockerfile": app.Dockerfile, "keepReleases": app.KeepReleases} {
		if v != "" && v != 0 {
			section[key] = v
		}
	}
	if app.Environment != nil {
		section["environment"] = app.Environment
	}
	if app.Command != nil {
		section["command"] = app.Command
	}
	raw, err := json.Marshal(section)
	require.NoError(t, err)
	return string(raw)
}

// appScript is the decoded boot script of the stack's launch template.
func appScript(t *testing.T, m *testkit.Mocks) string {
	t.Helper()
	script, err := webtier.DecodeUserData(m.One(t, launchTemplate).String("userData"))
	require.NoError(t, err)
	return script
}

func TestLaunchTemplateCarriesTheDigestNotTheTag(t *testing.T) {
	m := runApp(t, "prod", stacks.Application{Image: ecrRepo + ":v42", Environment: map[string]string{"LOG_LEVEL": "info"}})
	script := appScript(t, m)
	pinned := ecrRepo + "@" + providers.MockImageDigest("shop", "v42")
	assert.Contains(t, script, "/opt/tenk/tenk-pull.sh "+pinned+"\n", "the tag was resolved to its digest at deploy")
	assert.Contains(t, script, " "+pinned+"\n", "docker run runs the digest")
	assert.NotContains(t, script, ":v42", "no tag anywhere in the instances' boot script")
	assert.Contains(t, script, "LOG_LEVEL=info\n")
	var lookups []map[string]any
	for _, inv := range m.Invokes() {
		if inv.Token == "aws:ecr/getImage:getImage" {
			lookups = append(lookups, inv.Args)
		}
	}
	require.Len(t, lookups, 1)
	assert.Equal(t, map[string]any{"registryId": "123456789012", "repositoryName": "shop", "imageTag": "v42"}, lookups[0])
}

// inputsByURN is every registration's inputs, by URN.
func inputsByURN(m *testkit.Mocks) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range m.Resources() {
		out[r.URN] = r.Inputs
	}
	return out
}

func TestAChangedDigestChangesTheTemplateAndNothingElse(t *testing.T) {
	first := runApp(t, "prod", stacks.Application{Image: ecrRepo + "@" + shopDigest})
	second := runApp(t, "prod", stacks.Application{Image: ecrRepo + "@sha256:" + strings.Repeat("2", 64)})
	a, b := inputsByURN(first), inputsByURN(second)
	require.Equal(t, len(a), len(b), "the same resources")
	var changed []string
	for urn, inputs := range a {
		require.Contains(t, b, urn)
		if !assert.ObjectsAreEqual(inputs, b[urn]) {
			changed = append(changed, urn[strings.LastIndex(urn, "::")+2:])
		}
	}
	assert.Equal(t, []string{"tenk-web-lt"}, changed, "a release is a new launch template version, nothing else")
	assert.NotEqual(t, first.One(t, launchTemplate).String("userData"), second.One(t, launchTemplate).String("userData"))
}

func TestNoApplicationKeepsTheBuiltInServer(t *testing.T) {
	m := runApp(t, "dev", stacks.Application{})
	plain := runStack(t, "dev", nil)
	assert.Equal(t, inputsByURN(plain), inputsByURN(m), "tenk:app {} is the stack file without tenk:app")
	script := appScript(t, m)
	assert.Contains(t, script, "tenk default web server")
	assert.NotContains(t, script, "docker")
	_, ok := m.Named("aws:cloudwatch/logGroup:LogGroup", "tenk-web-app-logs")
	assert.False(t, ok, "no container, no application log group")
}

// refreshInput is the StartInstanceRefresh request the web tier's rollout invocation carries.
func refreshInput(t *testing.T, m *testkit.Mocks) map[string]any {
	t.Helper()
	var req map[string]any
	require.NoError(t, json.Unmarshal([]byte(m.One(t, "aws:lambda/invocation:Invocation").String("input")), &req))
	return req
}

func TestRefreshPreferencesPerStack(t *testing.T) {
	for stack, want := range map[string]struct {
		min, max    float64
		checkpoints []any
		bake        float64
	}{
		"prod": {100, 200, []any{float64(50), float64(100)}, 600},
		"dev":  {50, 150, []any{float64(100)}, 300},
	} {
		t.Run(stack, func(t *testing.T) {
			m := runStack(t, stack, nil)
			asg := m.One(t, asgGroup)
			assert.False(t, asg.Has("instanceRefresh"), "the group's own refresh would save the new version before it starts")
			assert.Contains(t, asg.IgnoreChanges, "launchTemplate", "only a successful refresh moves the group's version")
			req := refreshInput(t, m)
			prefs := req["Preferences"].(map[string]any)
			assert.Equal(t, true, prefs["AutoRollback"], "rollback on, in both stacks")
			assert.Equal(t, want.min, prefs["MinHealthyPercentage"], "prod never lowers serving capacity; dev rolls faster")
			assert.Equal(t, want.max, prefs["MaxHealthyPercentage"])
			assert.Equal(t, want.checkpoints, prefs["CheckpointPercentages"])
			assert.Equal(t, want.bake, prefs["CheckpointDelay"])
			assert.Equal(t, asg.Name, req["AutoScalingGroupName"])
			alarms := testkit.Values(prefs["AlarmSpecification"].(map[string]any)["Alarms"])
			require.Len(t, alarms, 3)
			for i, suffix := range []string{"target-5xx", "alb-5xx", "unhealthy-hosts"} {
				alarm, ok := m.Named("aws:cloudwatch/metricAlarm:MetricAlarm", "tenk-web-alarm-"+suffix)
				require.True(t, ok)
				assert.True(t, strings.HasPrefix(alarms[i], alarm.Name), "the refresh watches %s", alarm.Name)
			}
			ami := m.One(t, launchTemplate).String("imageId")
			assert.Regexp(t, `^ami-[0-9a-f]+$`, ami, "a concrete AMI: Auto Scaling refuses rollback with resolve:ssm:")
		})
	}
}

// TestAHotfixDeploysWithoutTheAlarmGate: tenk:web.rollbackOnAlarms false drops the alarm
// specification from the refresh and changes nothing else; the health-check rollback stays.
func TestAHotfixDeploysWithoutTheAlarmGate(t *testing.T) {
	on := refreshInput(t, runStack(t, "prod", nil))
	off := refreshInput(t, runStack(t, "prod", map[string]string{"tenk:web": `{"rollbackOnAlarms": false}`}))
	require.Contains(t, on["Preferences"], "AlarmSpecification")
	assert.NotContains(t, off["Preferences"], "AlarmSpecification")
	assert.Equal(t, true, off["Preferences"].(map[string]any)["AutoRollback"], "a failed health check still rolls back")
	delete(on["Preferences"].(map[string]any), "AlarmSpecification")
	assert.Equal(t, on, off)
}

func TestPullPermissionsNameExactlyTheRepository(t *testing.T) {
	m := runApp(t, "prod", stacks.Application{Image: ecrRepo + "@" + shopDigest})
	statements, err := testkit.RoleStatements(m, webRole(t, m))
	require.NoError(t, err)
	repoArn := "arn:aws:ecr:us-east-1:123456789012:repository/shop"
	other := "arn:aws:ecr:us-east-1:123456789012:repository/other"
	assert.True(t, effectivelyAllowed(statements, "ecr:BatchGetImage", repoArn))
	assert.True(t, effectivelyAllowed(statements, "ecr:GetDownloadUrlForLayer", repoArn))
	assert.False(t, effectivelyAllowed(statements, "ecr:BatchGetImage", other), "no other repository")
	assert.False(t, effectivelyAllowed(statements, "ecr:PutImage", repoArn), "pull only")
	assert.True(t, effectivelyAllowed(statements, "ecr:GetAuthorizationToken", "*"), "no resource-level permission exists for it")
	for _, s := range statements {
		for _, action := range testkit.Values(s.Action) {
			assert.NotEqual(t, "ecr:*", action)
			if strings.HasPrefix(action, "ecr:") && action != "ecr:GetAuthorizationToken" {
				assert.Equal(t, []string{repoArn}, testkit.Values(s.Resource), action)
			}
		}
	}
	group, ok := m.Named("aws:cloudwatch/logGroup:LogGroup", "tenk-web-app-logs")
	require.True(t, ok)
	assert.Equal(t, float64(90), group.Number("retentionInDays"), "prod keeps its logs tenk:network.flowLogRetentionDays")
	groupArn := "arn:aws:cloudwatch:us-east-1:123456789012:tenk-web-app-logs" // the mock monitor's ARN for the group
	assert.True(t, effectivelyAllowed(statements, "logs:PutLogEvents", groupArn+":log-stream:i-1"))
	assert.False(t, effectivelyAllowed(statements, "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:other:log-stream:i-1"))
	grant, ok := m.Named("aws:iam/rolePolicy:RolePolicy", "tenk-web-image")
	require.True(t, ok)
	assert.Contains(t, m.One(t, asgGroup).Dependencies, grant.URN, "instances launch after the role may pull")
}

func TestBuiltImageIsPushedToTheStacksRepositoryAndRunByDigest(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM scratch\n"), 0o644))
	m := runApp(t, "dev", stacks.Application{Build: dir})
	build, ok := m.Named("docker-build:index:Image", "tenk-app-image-image")
	require.True(t, ok)
	assert.Equal(t, []string{"linux/arm64"}, build.Strings("platforms"), "dev's t4g instances are Graviton")
	script := appScript(t, m)
	digest := regexp.MustCompile(`ExecStartPre=/opt/tenk/tenk-pull\.sh (\S+)\n`).FindStringSubmatch(script)
	require.NotNil(t, digest)
	assert.Regexp(t, `^123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com/tenk-app-image-repo-1a2b3c4@sha256:[0-9a-f]{64}$`, digest[1])
	statements, err := testkit.RoleStatements(m, webRole(t, m))
	require.NoError(t, err)
	assert.True(t, effectivelyAllowed(statements, "ecr:BatchGetImage", "arn:aws:ecr:us-east-1:123456789012:repository/tenk-app-image-repo-1a2b3c4"))
	repo, _ := m.Named("aws:ecr/repository:Repository", "tenk-app-image-repo")
	assert.True(t, repo.Bool("forceDelete"), "dev may delete its repository with the images")
}

func TestApplicationErrorsNameTheirKeys(t *testing.T) {
	for name, tc := range map[string]struct {
		app  stacks.Application
		want string
	}{
		"tag outside ECR":   {stacks.Application{Image: "ghcr.io/acme/shop:v1"}, `tenk:app.image "ghcr.io/acme/shop:v1" is a tag outside ECR`},
		"both":              {stacks.Application{Image: ecrRepo + "@" + shopDigest, Build: "./app"}, "tenk:app.build is set with tenk:app.image"},
		"stack setting":     {stacks.Application{Image: ecrRepo + "@" + shopDigest, Environment: map[string]string{"DB_HOST": "x"}}, `tenk:app.environment["DB_HOST"] is a stack setting`},
		"reserved":          {stacks.Application{Image: ecrRepo + "@" + shopDigest, Environment: map[string]string{"APP_PORT": "1"}}, `tenk:app.environment["APP_PORT"] is set by the web tier`},
		"missing context":   {stacks.Application{Build: "./no-such-dir"}, `tenk:app.build "./no-such-dir" is not a directory`},
		"env without image": {stacks.Application{Environment: map[string]string{"A": "b"}}, "tenk:app.image is empty"},
		"build settings without build": {stacks.Application{Image: ecrRepo + "@" + shopDigest, KeepReleases: 5},
			"tenk:app.build is empty while tenk:app.dockerfile or tenk:app.keepReleases is set"},
		"too few releases":    {stacks.Application{Build: "../app", KeepReleases: 2}, "tenk:app.keepReleases is 2: use 3–1000"},
		"command spans lines": {stacks.Application{Image: ecrRepo + "@" + shopDigest, Command: []string{"a\nb"}}, "tenk:app.command[0] spans lines"},
	} {
		t.Run(name, func(t *testing.T) {
			m, err := runAppErr(t, "dev", tc.app)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.NotContains(t, err.Error(), "Application.", "config keys, not Go fields")
			assert.Empty(t, m.Resources(), "a bad application deploys nothing")
		})
	}
}

// TestDeployChecksAConfigBuiltInGo: an embedder's program that sets Config.App in Go after
// LoadConfig gets the same checks, under the same keys, before anything is registered.
func TestDeployChecksAConfigBuiltInGo(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		cfg, err := stacks.LoadConfig(ctx)
		if err != nil {
			return err
		}
		cfg.App = stacks.Application{Image: "ghcr.io/acme/shop:v1"}
		return stacks.Deploy(ctx, cfg)
	}, testkit.RunOptions{Stack: "dev", Config: stackConfig(t, "dev", nil)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tenk:app.image "ghcr.io/acme/shop:v1" is a tag outside ECR`)
	assert.Empty(t, m.Resources())
}

func TestUserDataFitsWithTheLargestSettings(t *testing.T) {
	// The largest values the stacks accept: the longest health path, a port, and an environment
	// as large as the web tier lets through.
	env := map[string]string{}
	for i := 0; i < 60; i++ {
		env["SETTING_"+strings.Repeat("X", 20)+string(rune('A'+i%26))+string(rune('A'+i/26))] = strings.Repeat("v", 100)
	}
	m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: "prod", Config: stackConfig(t, "prod", map[string]string{
		"tenk:web": `{"healthCheckPath": "/` + strings.Repeat("h", 1023) + `", "appPort": 65535}`,
		"tenk:app": appSection(t, stacks.Application{Image: ecrRepo + "@" + shopDigest, Environment: env,
			Command: []string{"serve", strings.Repeat("--flag ", 50)}}),
	})})
	require.NoError(t, err)
	raw := m.One(t, launchTemplate).String("userData")
	script, err := webtier.DecodeUserData(raw)
	require.NoError(t, err)
	assert.Greater(t, len(script), webtier.MaxUserDataBytes, "uncompressed, this script would not fit: the limit is real here")
	assert.Less(t, len(raw)*3/4, webtier.MaxUserDataBytes, "EC2 takes at most 16 KB of user data before base64")
}

// TestUserDataTooLargeIsAConfigError: an environment that does not compress (random values) can
// push the gzipped boot script past EC2's 16 KB; the stack reports it under tenk:app.environment
// before anything is registered, rather than a launch template AWS refuses mid-deploy.
func TestUserDataTooLargeIsAConfigError(t *testing.T) {
	env := map[string]string{}
	for i := range 60 {
		value := make([]byte, 375) // 500 base64 characters that gzip cannot shrink much
		_, err := rand.Read(value)
		require.NoError(t, err)
		env[fmt.Sprintf("RANDOM_%02d", i)] = base64.StdEncoding.EncodeToString(value)
	}
	m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: "prod", Config: stackConfig(t, "prod", map[string]string{
		"tenk:app": appSection(t, stacks.Application{Image: ecrRepo + "@" + shopDigest, Environment: env}),
	})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk:app.environment")
	assert.Contains(t, err.Error(), "over EC2's user-data limit of 16384")
	assert.Empty(t, m.Resources(), "a bad config registers nothing")
}
