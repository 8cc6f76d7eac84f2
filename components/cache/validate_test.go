package cache_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

// Each case breaks one ElastiCache rule (the README's "AWS rules encoded": CreateReplicationGroup
// AuthToken, NumCacheClusters, AutomaticFailoverEnabled, MultiAZEnabled, ReplicationGroupId; what
// Memcached lacks) or one of tenk's own; a rejected cache must register nothing, not even the
// component.
func TestInvalidArgsRegisterNothing(t *testing.T) {
	with := func(base *cache.CacheClusterArgs, edit func(*cache.CacheClusterArgs)) *cache.CacheClusterArgs {
		edit(base)
		return base
	}
	cases := []struct {
		name string
		cmp  string // component name; default "cache"
		args *cache.CacheClusterArgs
		path string // the field the problem is reported on
	}{
		// Node counts (18, 20).
		{"negative node count", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeCount = -1 }), `NodeCount`},
		{"seven replication group nodes", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeCount = 7 }), `NodeCount`},
		{"41 Memcached nodes", "", with(memcachedArgs(41), func(*cache.CacheClusterArgs) {}), `NodeCount`},
		// Failover and Multi-AZ (18).
		{"failover with one node", "", with(devArgs(), func(a *cache.CacheClusterArgs) { a.AutomaticFailover = pulumi.BoolRef(true) }), `AutomaticFailover`},
		{"Multi-AZ without failover", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.AutomaticFailover = pulumi.BoolRef(false)
			a.MultiAZ = pulumi.BoolRef(true)
		}), `MultiAZ`},
		{"failover in one AZ", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = []string{"us-east-1a"} }), `AvailabilityZones`},
		// AUTH (17): TLS has no off switch, so AUTH without TLS cannot be expressed; the token's length can.
		{"AUTH token too short", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 15 }), `AuthTokenLength`},
		{"AUTH token too long", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 129 }), `AuthTokenLength`},
		// Identifiers (19).
		{"name too long for the replication group ID", "a-very-long-cache-name-for-web1", prodArgs(), ``},
		{"name not an identifier", "1cache", prodArgs(), ``},
		// Memcached-only limits (20, 21).
		{"Memcached failover", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.AutomaticFailover = pulumi.BoolRef(true) }), `AutomaticFailover`},
		{"Memcached Multi-AZ", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.MultiAZ = pulumi.BoolRef(true) }), `MultiAZ`},
		{"Memcached AUTH", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 32 }), `AuthTokenLength`},
		{"Memcached snapshots", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.SnapshotRetentionDays = pulumi.IntRef(7) }), `SnapshotRetentionDays`},
		{"Memcached snapshot window", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.SnapshotWindow = "03:00-04:00" }), `SnapshotWindow`},
		{"Memcached final snapshot", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.FinalSnapshot = pulumi.BoolRef(true) }), `FinalSnapshot`},
		{"Memcached logs", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.Logs = pulumi.BoolRef(true) }), `Logs`},
		{"Memcached at-rest key", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.KmsKeyID = pulumi.String("key") }), `KmsKeyID`},
		{"Memcached without TLS support", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.EngineVersion = "1.6.6" }), `EngineVersion`},
		// Windows and snapshots.
		{"windows overlap", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.SnapshotWindow = "05:00-06:00"
			a.MaintenanceWindow = "mon:05:30-mon:06:30"
		}), `SnapshotWindow`},
		{"snapshot window too short", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SnapshotWindow = "03:00-03:30" }), `SnapshotWindow`},
		{"maintenance window malformed", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.MaintenanceWindow = "sunday 5am" }), `MaintenanceWindow`},
		{"retention too long", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SnapshotRetentionDays = pulumi.IntRef(36) }), `SnapshotRetentionDays`},
		{"log retention", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.LogRetentionDays = 10 }), `LogRetentionDays`},
		// Engines and versions.
		{"unknown engine", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.Engine = "dragonfly" }), `Engine`},
		{"Redis OSS 8", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.Engine = cache.EngineRedis
			a.EngineVersion = "8.0"
		}), `EngineVersion`},
		{"old Valkey", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.EngineVersion = "7.0" }), `EngineVersion`},
		{"node type", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeType = "r7g.large" }), `NodeType`},
		// Network.
		{"no VPC", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.VpcID = nil }), `VpcID`},
		{"no subnets", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SubnetIDs = nil }), `SubnetIDs`},
		{"no AZs", "", with(devArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = nil }), `AvailabilityZones`},
		{"fewer subnets than AZs", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SubnetIDs = subnetIDs(2) }), `AvailabilityZones`},
		{"duplicate AZ", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = []string{"us-east-1a", "us-east-1a"} }), `AvailabilityZones`},
		{"nil peer", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AllowedSecurityGroupIDs = []pulumi.StringInput{nil} }), `AllowedSecurityGroupIDs[0]`},
		// Alarms.
		{"CPU threshold", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AlarmThresholds.CPUPercent = 120 }), `AlarmThresholds.CPUPercent`},
		{"negative threshold", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AlarmThresholds.Connections = -1 }), `AlarmThresholds.Connections`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.cmp
			if name == "" {
				name = "cache"
			}
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := cache.NewCacheCluster(ctx, name, tc.args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			if tc.path != "" {
				assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			} else {
				assert.Contains(t, err.Error(), `name "`+name+`"`, "the component name is the problem")
			}
			assert.Contains(t, err.Error(), `cache "`+name+`"`, "the error names the component")
			assert.Empty(t, m.Resources(), "a rejected cache registers nothing")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	args := memcachedArgs(50)
	args.AuthTokenLength = 32
	args.SnapshotRetentionDays = pulumi.IntRef(1)
	args.VpcID = nil
	err := args.Validate()
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	assert.Len(t, lines, 4, err.Error())
}

func TestNilArgsAreRejectedForTheMissingNetwork(t *testing.T) {
	m, err := testkit.Run(func(ctx *pulumi.Context) error {
		_, err := cache.NewCacheCluster(ctx, "cache", nil)
		return err
	}, testkit.RunOptions{})
	require.Error(t, err)
	assert.Subset(t, fielderr.Paths(err), []string{"VpcID", "SubnetIDs", "AvailabilityZones"})
	assert.Empty(t, m.Resources())
}

func TestValidPresetsPass(t *testing.T) {
	for name, args := range map[string]*cache.CacheClusterArgs{"prod": prodArgs(), "dev": devArgs(), "memcached": memcachedArgs(40)} {
		assert.NoError(t, args.Validate(), name)
	}
}
