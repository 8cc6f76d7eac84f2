package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/cache"
	"github.com/tenkstack/tenk/internal/configschema"
)

// cacheSection is tenk:cache, the CacheCluster component (components/cache).
var cacheSection = configschema.Section[Config]{
	Name: "cache", Args: "Cache", Summary: "cache",
	Rows: []configschema.Row{
		configschema.Setting("engine", "Cache.Engine", "`valkey`, `redis`, `memcached`",
			"The cache engine."),
		configschema.Setting("engineVersion", "Cache.EngineVersion", "`major.minor` (Memcached `major.minor.patch`); at least 7.2 (Valkey), 6.2 (Redis OSS), 1.6.12 (Memcached)",
			"The engine version."),
		configschema.Setting("nodeType", "Cache.NodeType", "`cache.*`",
			"The nodes' type."),
		configschema.Setting("nodeCount", "Cache.NodeCount", "1–6 (Memcached 1–40)",
			"A primary and replicas in other AZs (Memcached: nodes that partition the keys)."),
		configschema.Setting("multiAz", "Cache.MultiAZ", "needs `nodeCount` ≥ 2; not for Memcached",
			"Automatic failover to a replica in another AZ."),
		configschema.Setting("snapshotRetentionDays", "Cache.SnapshotRetentionDays", "0–35; none for Memcached",
			"Days automatic snapshots are kept."),
	},
	Variants: []configschema.Variant[Config]{
		{
			When:  "`tenk:cache.engine` to `memcached`",
			Keys:  []string{"engine"},
			Holds: func(c *Config) bool { return c.Cache.Engine == cache.EngineMemcached },
			// ElastiCache user guide, "Comparing Valkey, Memcached, and Redis OSS".
			Apply: func(b *Config) {
				b.Cache.MultiAZ, b.Cache.SnapshotRetentionDays = pulumi.BoolRef(false), pulumi.IntRef(0)
			},
			Replaced: "`multiAz` false and `snapshotRetentionDays` 0 (Memcached has neither)",
			Because:  "Memcached has no replication, failover or snapshots",
			Fix:      `set tenk:cache.engine to "valkey" or "redis"`,
		},
		{
			When:  "`tenk:cache.nodeCount` to 1",
			Keys:  []string{"nodeCount"},
			Holds: func(c *Config) bool { return c.Cache.NodeCount == 1 },
			// ElastiCache API reference, CreateReplicationGroup MultiAZEnabled and
			// AutomaticFailoverEnabled: Multi-AZ needs failover, which needs a replica.
			Apply:    func(b *Config) { b.Cache.MultiAZ = pulumi.BoolRef(false) },
			Replaced: "`multiAz` becomes false (failover needs a replica)",
			Because:  "Multi-AZ needs automatic failover, which needs a replica to promote",
			Fix:      "set tenk:cache.nodeCount to 2 or more",
		},
	},
	Baseline: func(c *Config) { c.Cache = cacheBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{part("Cache", *cacheArgs(c, placeholderWiring(c)))}
	},
}

// cacheBaseline is tenk:cache's baseline: Valkey at the component's pinned version; dev one
// cache.t4g.micro node with a day of snapshots; prod three cache.r7g.large nodes (a primary and
// two replicas in other AZs) with Multi-AZ failover and a week of snapshots.
func cacheBaseline(env Environment) cache.CacheClusterArgs {
	return cache.CacheClusterArgs{
		Engine:                cache.EngineValkey,
		NodeType:              either(env, "cache.t4g.micro", "cache.r7g.large"),
		NodeCount:             either(env, 1, 3),
		MultiAZ:               pulumi.BoolRef(env == Prod),
		SnapshotRetentionDays: pulumi.IntRef(either(env, 1, 7)),
	}
}
