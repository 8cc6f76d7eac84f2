package stacks

// CacheConfig is tenk:cache; each field is set by one row of cacheSection below, which
// documents it with its key, baselines and limits.
type CacheConfig struct {
	Engine                string
	EngineVersion         string
	NodeType              string
	Nodes                 int
	MultiAz               bool
	SnapshotRetentionDays int
}

// cacheSection is tenk:cache, the CacheCluster component (components/cache).
var cacheSection = section{
	name: "cache", args: "cache.CacheClusterArgs", summary: "cache",
	settings: []setting{
		row("engine", "Engine", "valkey", "valkey", "`valkey`, `redis`, `memcached`",
			"The cache engine.",
			func(c *Config) *string { return &c.Cache.Engine }),
		row("engineVersion", "EngineVersion", "", "", "empty: the component's pinned version",
			"The engine version.",
			func(c *Config) *string { return &c.Cache.EngineVersion }),
		row("nodeType", "NodeType", "cache.t4g.micro", "cache.r7g.large", "`cache.*`",
			"The nodes' type.",
			func(c *Config) *string { return &c.Cache.NodeType }),
		row("nodeCount", "NodeCount", 1, 3, "1–6 (Memcached 1–40)",
			"A primary and replicas in other AZs (Memcached: nodes that partition the keys).",
			func(c *Config) *int { return &c.Cache.Nodes }),
		row("multiAz", "MultiAZ", false, true, "needs `nodeCount` ≥ 2; not for Memcached",
			"Automatic failover to a replica in another AZ.",
			func(c *Config) *bool { return &c.Cache.MultiAz }),
		row("snapshotRetentionDays", "SnapshotRetentionDays", 1, 7, "0–35; none for Memcached",
			"Days automatic snapshots are kept.",
			func(c *Config) *int { return &c.Cache.SnapshotRetentionDays }),
	},
}
