package stacks

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/internal/configschema"
)

// databaseSection is tenk:database, the RdsWithReplicas component (components/database).
var databaseSection = configschema.Section[Config]{
	Name: "database", Args: "Database", Summary: "database",
	Rows: []configschema.Row{
		configschema.Setting("engine", "Database.Engine",
			"`postgres`, `mysql`, `aurora-postgresql`, `aurora-mysql`",
			"The database engine; Aurora engines build a cluster."),
		configschema.Setting("engineVersion", "Database.EngineVersion",
			"a major version (`17`, `8.4`; Aurora `16`, `8.0`), which starts on AWS's current default minor; a full version (`16.6`) pins it (see \"Database sign-in and versions\")",
			"The engine version."),
		configschema.Setting("instanceClass", "Database.InstanceClass",
			"`db.*`; Aurora: `.medium` or larger, no `db.m`",
			"The primary's and replicas' instance class."),
		configschema.Setting("multiAz", "Database.MultiAZ",
			"Aurora: needs `readReplicas` ≥ 1 (its standby is a reader)",
			"A standby in another AZ."),
		configschema.Setting("readReplicas", "Database.ReadReplicas", "0–15",
			"Read replicas spread across the AZs."),
		configschema.Setting("allocatedStorageGiB", "Database.AllocatedStorageGiB",
			"RDS only: 20–65536; none for Aurora",
			"Storage at creation, GiB."),
		configschema.Setting("maxAllocatedStorageGiB", "Database.MaxAllocatedStorageGiB",
			"RDS only: ≥ 110 % of `allocatedStorageGiB`; none for Aurora",
			"The storage autoscaling ceiling, GiB."),
		configschema.Setting("backupRetentionDays", "Database.BackupRetentionDays",
			"0–35 (Aurora 1–35); > 0 with replicas",
			"Days automated backups are kept."),
		configschema.Setting("deletionProtection", "Database.DeletionProtection", "",
			"Block deleting the database."),
		configschema.Setting("performanceInsights", "Database.PerformanceInsights", "",
			"Performance Insights on the primary and replicas."),
		configschema.Setting("monitoringIntervalSeconds", "Database.MonitoringIntervalSeconds", "0, 1, 5, 10, 15, 30, 60 s",
			"Enhanced Monitoring interval; 0 turns it off."),
		configschema.Setting("databaseName", "Database.DatabaseName", "letter, then letters/digits/_",
			"The database created at launch."),
	},
	Aliases: map[string]string{
		// The replicas take the primary's class (ReplicaInstanceClass defaults to InstanceClass).
		"Database.ReplicaInstanceClass": "instanceClass",
		// The database's log groups keep the stack's flow-log retention.
		"Database.LogRetentionDays": "tenk:network.flowLogRetentionDays",
	},
	Variants: []configschema.Variant[Config]{
		{
			When:  "`tenk:database.engine` to `aurora-postgresql` / `aurora-mysql`",
			Keys:  []string{"engine"},
			Holds: func(c *Config) bool { return aurora(c.Database.Engine) },
			Apply: func(b *Config) {
				// Aurora storage grows by itself (Aurora user guide, "Amazon Aurora storage").
				b.Database.AllocatedStorageGiB, b.Database.MaxAllocatedStorageGiB = 0, 0
				if b.Environment == Dev {
					// Aurora's smallest class (Aurora user guide, "Supported DB engines for DB
					// instance classes"); prod's db.r7g.large suits it already.
					b.Database.InstanceClass = "db.t4g.medium"
				}
			},
			Replaced: "`allocatedStorageGiB`, `maxAllocatedStorageGiB` unset (Aurora storage grows by itself); dev's `instanceClass` becomes `db.t4g.medium` (Aurora has nothing smaller)",
			Because:  "Aurora storage grows by itself and Aurora offers no class below .medium",
		},
		{
			When:     "`tenk:database.readReplicas` to 0 with Aurora",
			Keys:     []string{"engine", "readReplicas"},
			Holds:    func(c *Config) bool { return aurora(c.Database.Engine) && c.Database.ReadReplicas == 0 },
			Apply:    func(b *Config) { b.Database.MultiAZ = pulumi.BoolRef(false) },
			Replaced: "`multiAz` becomes false (Aurora fails over to a reader)",
			Because:  "an Aurora cluster's standby is a reader in another AZ",
			Fix:      "set tenk:database.readReplicas to 1 or more",
		},
	},
	Baseline: func(c *Config) { c.Database = databaseBaseline(c.Environment) },
	Parts: func(c Config) []configschema.Part {
		return []configschema.Part{part("Database", *databaseArgs(c, placeholderWiring(c)))}
	},
}

func aurora(e database.Engine) bool {
	return e == database.EngineAuroraPostgres || e == database.EngineAuroraMySQL
}

// databaseBaseline is tenk:database's baseline: PostgreSQL at its default major version; dev a
// single-AZ db.t4g.micro without replicas, deletion protection, Performance Insights, Enhanced
// Monitoring or a final snapshot; prod a Multi-AZ db.r7g.large with two replicas and all of them.
func databaseBaseline(env Environment) database.RdsWithReplicasArgs {
	prod := env == Prod
	return database.RdsWithReplicasArgs{
		Engine:                    database.EnginePostgres,
		InstanceClass:             either(env, "db.t4g.micro", "db.r7g.large"),
		MultiAZ:                   pulumi.BoolRef(prod),
		ReadReplicas:              either(env, 0, 2),
		AllocatedStorageGiB:       either(env, 20, 100),
		MaxAllocatedStorageGiB:    either(env, 100, 1000),
		BackupRetentionDays:       pulumi.IntRef(either(env, 1, 14)),
		DeletionProtection:        pulumi.BoolRef(prod),
		PerformanceInsights:       pulumi.BoolRef(prod),
		MonitoringIntervalSeconds: pulumi.IntRef(either(env, 0, 60)),
		DatabaseName:              "app",
		SkipFinalSnapshot:         !prod,
	}
}
