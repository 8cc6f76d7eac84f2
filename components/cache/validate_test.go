package cache_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/tests"
)

// Each case breaks one rule of aws-constraints.md (17–21) or of tenk's own; a rejected cache must
// register nothing, not even the component.
func TestInvalidArgsRegisterNothing(t *testing.T) {
	with := func(base *cache.CacheClusterArgs, edit func(*cache.CacheClusterArgs)) *cache.CacheClusterArgs {
		edit(base)
		return base
	}
	cases := []struct {
		name string
		cmp  string // component name; default "cache"
		args *cache.CacheClusterArgs
		want string
	}{
		// Node counts (18, 20).
		{"negative node count", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeCount = -1 }), "NodeCount is -1: a valkey replication group has 1–6 nodes"},
		{"seven replication group nodes", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeCount = 7 }), "NodeCount is 7: a valkey replication group has 1–6 nodes"},
		{"41 Memcached nodes", "", with(memcachedArgs(41), func(*cache.CacheClusterArgs) {}), "NodeCount is 41: a Memcached cluster has 1–40 nodes"},
		// Failover and Multi-AZ (18).
		{"failover with one node", "", with(devArgs(), func(a *cache.CacheClusterArgs) { a.AutomaticFailover = pulumi.BoolRef(true) }), "AutomaticFailover is on with NodeCount 1: failover needs a replica"},
		{"Multi-AZ without failover", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.AutomaticFailover = pulumi.BoolRef(false)
			a.MultiAZ = pulumi.BoolRef(true)
		}), "MultiAZ is on but AutomaticFailover is off"},
		{"failover in one AZ", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = []string{"us-east-1a"} }), "automatic failover and Multi-AZ need nodes in at least 2 AZs"},
		// AUTH (17): TLS has no off switch, so AUTH without TLS cannot be expressed; the token's length can.
		{"AUTH token too short", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 15 }), "AuthTokenLength is 15: an AUTH token has 16–128 characters"},
		{"AUTH token too long", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 129 }), "AuthTokenLength is 129"},
		// Identifiers (19).
		{"name too long for the replication group ID", "a-very-long-cache-name-for-web1", prodArgs(), "shorten the name to 29 characters"},
		{"name not an identifier", "1cache", prodArgs(), "start with a letter"},
		// Memcached-only limits (20, 21).
		{"Memcached failover", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.AutomaticFailover = pulumi.BoolRef(true) }), "AutomaticFailover is set but Memcached has no replication or failover"},
		{"Memcached Multi-AZ", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.MultiAZ = pulumi.BoolRef(true) }), "MultiAZ is set but Memcached has no replicas"},
		{"Memcached AUTH", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.AuthTokenLength = 32 }), "AuthTokenLength is set but Memcached has no AUTH"},
		{"Memcached snapshots", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.SnapshotRetentionDays = pulumi.IntRef(7) }), "SnapshotRetentionDays is set but Memcached has no snapshots"},
		{"Memcached snapshot window", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.SnapshotWindow = "03:00-04:00" }), "SnapshotWindow is set but Memcached has no snapshots"},
		{"Memcached final snapshot", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.FinalSnapshot = pulumi.BoolRef(true) }), "FinalSnapshot is set but Memcached has no snapshots"},
		{"Memcached logs", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.Logs = pulumi.BoolRef(true) }), "Logs is set but Memcached has no slow-log or engine-log delivery"},
		{"Memcached at-rest key", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.KmsKeyID = pulumi.String("key") }), "KmsKeyID is set but Memcached has no at-rest encryption"},
		{"Memcached without TLS support", "", with(memcachedArgs(2), func(a *cache.CacheClusterArgs) { a.EngineVersion = "1.6.6" }), "in-transit encryption, which tenk always turns on, needs Memcached 1.6.12"},
		// Windows and snapshots.
		{"windows overlap", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.SnapshotWindow = "05:00-06:00"
			a.MaintenanceWindow = "mon:05:30-mon:06:30"
		}), `SnapshotWindow "05:00-06:00" overlaps MaintenanceWindow "mon:05:30-mon:06:30"`},
		{"snapshot window too short", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SnapshotWindow = "03:00-03:30" }), "lasts 30 minutes: ElastiCache needs at least 60"},
		{"maintenance window malformed", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.MaintenanceWindow = "sunday 5am" }), `MaintenanceWindow "sunday 5am" is not ddd:hh24:mi-ddd:hh24:mi`},
		{"retention too long", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SnapshotRetentionDays = pulumi.IntRef(36) }), "SnapshotRetentionDays is 36: ElastiCache keeps automatic snapshots 0–35 days"},
		{"log retention", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.LogRetentionDays = 10 }), "LogRetentionDays is 10: CloudWatch Logs accepts only 1, 3, 5"},
		// Engines and versions.
		{"unknown engine", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.Engine = "dragonfly" }), `unknown Engine "dragonfly"`},
		{"Redis OSS 8", "", with(prodArgs(), func(a *cache.CacheClusterArgs) {
			a.Engine = cache.EngineRedis
			a.EngineVersion = "8.0"
		}), "Redis OSS on ElastiCache ends at 7.1"},
		{"old Valkey", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.EngineVersion = "7.0" }), `EngineVersion "7.0" is too old for valkey`},
		{"node type", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.NodeType = "r7g.large" }), `NodeType "r7g.large" is not an ElastiCache node type`},
		// Network.
		{"no VPC", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.VpcID = nil }), "VpcID is required"},
		{"no subnets", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SubnetIDs = nil }), "SubnetIDs is empty"},
		{"no AZs", "", with(devArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = nil }), "AvailabilityZones is empty"},
		{"fewer subnets than AZs", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.SubnetIDs = subnetIDs(2) }), "AvailabilityZones lists 3 AZs but SubnetIDs has 2 subnets"},
		{"duplicate AZ", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AvailabilityZones = []string{"us-east-1a", "us-east-1a"} }), `AvailabilityZones lists "us-east-1a" twice`},
		{"nil peer", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AllowedSecurityGroupIDs = []pulumi.StringInput{nil} }), "AllowedSecurityGroupIDs holds a nil entry"},
		// Alarms.
		{"CPU threshold", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AlarmThresholds.CPUPercent = 120 }), "AlarmThresholds.CPUPercent is 120"},
		{"negative threshold", "", with(prodArgs(), func(a *cache.CacheClusterArgs) { a.AlarmThresholds.Connections = -1 }), "AlarmThresholds.Connections is -1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := tc.cmp
			if name == "" {
				name = "cache"
			}
			m, err := tests.Run(func(ctx *pulumi.Context) error {
				_, err := cache.NewCacheCluster(ctx, name, tc.args)
				return err
			}, tests.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
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
	m, err := tests.Run(func(ctx *pulumi.Context) error {
		_, err := cache.NewCacheCluster(ctx, "cache", nil)
		return err
	}, tests.RunOptions{})
	require.Error(t, err)
	for _, want := range []string{"VpcID is required", "SubnetIDs is empty", "AvailabilityZones is empty"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, m.Resources())
}

func TestValidPresetsPass(t *testing.T) {
	for name, args := range map[string]*cache.CacheClusterArgs{"prod": prodArgs(), "dev": devArgs(), "memcached": memcachedArgs(40)} {
		assert.NoError(t, args.Validate(), name)
	}
}
