package stacks

// DatabaseConfig is tenk:database; each field is set by one row of databaseSection below, which
// documents it with its key, baselines and limits.
type DatabaseConfig struct {
	Engine                string
	EngineVersion         string
	InstanceClass         string
	MultiAz               bool
	ReadReplicas          int
	AllocatedStorageGb    int
	MaxAllocatedStorageGb int
	BackupRetentionDays   int
	DeletionProtection    bool
	PerformanceInsights   bool
	MonitoringInterval    int
	DatabaseName          string
}

// databaseSection is tenk:database, the RdsWithReplicas component (components/database).
var databaseSection = section{
	name: "database", args: "database.RdsWithReplicasArgs", summary: "database",
	settings: []setting{
		row("engine", "Engine", "postgres", "postgres",
			"`postgres`, `mysql`, `aurora-postgresql`, `aurora-mysql`",
			"The database engine; Aurora engines build a cluster.",
			func(c *Config) *string { return &c.Database.Engine }),
		row("engineVersion", "EngineVersion", "", "",
			"empty: the engine's default major version (`17`, `8.4`; Aurora `16`, `8.0`), which starts on AWS's current default minor; a full version (`16.6`) pins it (see \"Database sign-in and versions\")",
			"The engine version.",
			func(c *Config) *string { return &c.Database.EngineVersion }),
		row("instanceClass", "InstanceClass", "db.t4g.micro", "db.r7g.large",
			"`db.*`; Aurora: `.medium` or larger, no `db.m` (dev's baseline becomes `db.t4g.medium`)",
			"The primary's and replicas' instance class.",
			func(c *Config) *string { return &c.Database.InstanceClass }),
		row("multiAz", "MultiAZ", false, true,
			"Aurora: needs `readReplicas` ≥ 1 (its standby is a reader)",
			"A standby in another AZ.",
			func(c *Config) *bool { return &c.Database.MultiAz }),
		row("readReplicas", "ReadReplicas", 0, 2, "0–15",
			"Read replicas spread across the AZs.",
			func(c *Config) *int { return &c.Database.ReadReplicas }),
		row("allocatedStorageGb", "AllocatedStorageGiB", 20, 100,
			"RDS only: 20–65536; none for Aurora",
			"Storage at creation, GiB.",
			func(c *Config) *int { return &c.Database.AllocatedStorageGb }),
		row("maxAllocatedStorageGb", "MaxAllocatedStorageGiB", 100, 1000,
			"RDS only: ≥ 110 % of `allocatedStorageGb`; none for Aurora",
			"The storage autoscaling ceiling, GiB.",
			func(c *Config) *int { return &c.Database.MaxAllocatedStorageGb }),
		row("backupRetentionDays", "BackupRetentionDays", 1, 14,
			"0–35 (Aurora 1–35); > 0 with replicas",
			"Days automated backups are kept.",
			func(c *Config) *int { return &c.Database.BackupRetentionDays }),
		row("deletionProtection", "DeletionProtection", false, true, "",
			"Block deleting the database.",
			func(c *Config) *bool { return &c.Database.DeletionProtection }),
		row("performanceInsights", "PerformanceInsights", false, true, "",
			"Performance Insights on the primary and replicas.",
			func(c *Config) *bool { return &c.Database.PerformanceInsights }),
		row("monitoringIntervalSeconds", "MonitoringIntervalSeconds", 0, 60, "0, 1, 5, 10, 15, 30, 60 s",
			"Enhanced Monitoring interval; 0 turns it off.",
			func(c *Config) *int { return &c.Database.MonitoringInterval }),
		row("databaseName", "DatabaseName", "app", "app", "letter, then letters/digits/_",
			"The database created at launch.",
			func(c *Config) *string { return &c.Database.DatabaseName }),
	},
	aliases: map[string]string{
		// The replicas take the primary's class (ReplicaInstanceClass defaults to InstanceClass).
		"ReplicaInstanceClass": "instanceClass",
		// The database's log groups keep the stack's flow-log retention.
		"LogRetentionDays": "tenk:network.flowLogRetentionDays",
	},
}
