//go:build mockvariants

package e2e_test

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/e2e"
	"github.com/tenkstack/tenk/internal/testkit"
	"github.com/tenkstack/tenk/stacks"
)

// Every variant's config is run through the real program under mocks (go test -tags mockvariants
// ./e2e -run TestEveryVariantDeploysUnderMocks; tagged because it compiles every component): it must validate, build
// what the probes expect (engines, settings) and leave nothing that would block destroy.
func TestEveryVariantDeploysUnderMocks(t *testing.T) {
	t.Chdir("..") // where Pulumi runs the program: tenk:app.build is relative to the project
	for _, name := range e2e.VariantNames() {
		t.Run(name, func(t *testing.T) {
			s := settingsFor(e2e.Variant(name))
			entries, shape := e2e.StackConfig(s)
			cfg, err := e2e.ProgramConfig(entries)
			require.NoError(t, err)
			m, err := testkit.Run(stacks.Run, testkit.RunOptions{Stack: s.Stack, Config: cfg})
			require.NoError(t, err, "the %s variant's config must pass the program's validation", name)

			for _, r := range m.Resources() {
				assert.False(t, r.Protect, "%s is protected: destroy would refuse", r.URN)
				for _, key := range []string{"deletionProtection", "deletionProtectionEnabled", "enableDeletionProtection"} {
					assert.False(t, r.Bool(key), "%s has %s: destroy would fail", r.URN, key)
				}
				if r.Has("forceDestroy") && strings.HasPrefix(r.Type, "aws:s3/") {
					assert.True(t, r.Bool("forceDestroy"), "%s: a bucket with the probe's object must still delete", r.URN)
				}
			}

			params := map[string]bool{}
			for _, p := range m.ByType("aws:ssm/parameter:Parameter") {
				params[strings.TrimPrefix(p.String("name"), "/tenk/"+s.Stack+"/")] = true
			}
			for _, k := range e2e.ExpectedSettings(shape) {
				assert.True(t, params[k], "the probes expect %s in app.env, but the program writes no such setting", k)
			}

			engines := map[string]bool{}
			for _, typ := range []string{"aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"} {
				for _, r := range m.ByType(typ) {
					if e := r.String("engine"); e != "" {
						engines[e] = true
					}
				}
			}
			assert.True(t, engines[shape.DatabaseEngine], "no database with engine %s (found %v)", shape.DatabaseEngine, engines)
			assert.True(t, engines[shape.CacheEngine], "no cache with engine %s (found %v)", shape.CacheEngine, engines)
		})
	}
}

// The application variants build app/ with the stack's image build, and a release is exactly
// a new launch template: the crash-on-start release changes the template's user data and no
// other resource's inputs.
func TestAppVariantsBuildTheApplicationAndAReleaseChangesOnlyTheLaunchTemplate(t *testing.T) {
	t.Chdir("..")
	s := settingsFor(e2e.VariantRollout)
	entries, _ := e2e.StackConfig(s)
	first := runVariant(t, s.Stack, entries)
	images := first.ByType("docker-build:index:Image")
	require.Len(t, images, 1, "tenk:app.build builds one image")
	assert.Equal(t, e2e.AppBuildContext, images[0].String("context.location"))

	release := runVariant(t, s.Stack, append(slices.Clone(entries), e2e.ReleaseEntries(e2e.BadMemoryLimit)...))
	changed := map[string]bool{}
	before := map[string]map[string]any{}
	for _, r := range first.Resources() {
		before[r.URN] = r.Inputs
	}
	for _, r := range release.Resources() {
		if !reflect.DeepEqual(before[r.URN], r.Inputs) {
			changed[r.Type] = true
		}
	}
	assert.Equal(t, []string{"aws:ec2/launchTemplate:LaunchTemplate"}, slices.Sorted(maps.Keys(changed)))
}

func runVariant(t *testing.T, stack string, entries []e2e.ConfigEntry) *testkit.Mocks {
	t.Helper()
	cfg, err := e2e.ProgramConfig(entries)
	require.NoError(t, err)
	return testkit.MustRun(t, stacks.Run, testkit.RunOptions{Stack: stack, Config: cfg})
}
