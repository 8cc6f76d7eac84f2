package stacks

// Baseline returns the starting config of an environment; the stack file's keys override it.
// Dev relaxes only what costs money (AZs, NAT, sizes, replicas, retention, protection against
// deletion), never encryption, TLS or network exposure.
func Baseline(env Environment) Config {
	if env == Prod {
		return Config{
			Environment: Prod,
			Network: NetworkConfig{
				AzCount: 3, CidrBlock: "10.0.0.0/16", NatGateways: "onePerAz",
				FlowLogs: true, FlowLogRetentionDays: 90,
			},
			Web: WebConfig{
				InstanceType: "m7g.large", MinSize: 3, MaxSize: 12, DesiredCapacity: 3,
				AppPort: 8080, HealthCheckPath: "/healthz", StickinessSeconds: 3600,
				ScalingMetric: "cpu", ScalingTarget: 50,
				DeletionProtection: true, AccessLogs: true, DetailedMonitoring: true,
			},
			Database: DatabaseConfig{
				Engine: "postgres", InstanceClass: "db.r7g.large", MultiAz: true, ReadReplicas: 2,
				AllocatedStorageGb: 100, MaxAllocatedStorageGb: 1000, BackupRetentionDays: 14,
				DeletionProtection: true, PerformanceInsights: true, MonitoringInterval: 60,
				DatabaseName: "app",
			},
			Cdn: CdnConfig{
				PriceClass: "PriceClass_All", StaticPathPatterns: []string{"/static/*"},
				Versioning: true, AccessLogs: true, Waf: true, WafRateLimit: 2000,
			},
			Sessions: SessionsConfig{PointInTimeRecovery: true, DeletionProtection: true, TTLAttribute: "ExpiresAt"},
			Cache: CacheConfig{
				Engine: "valkey", NodeType: "cache.r7g.large", Nodes: 3, MultiAz: true,
				SnapshotRetentionDays: 7,
			},
		}
	}
	return Config{
		Environment: Dev,
		Network: NetworkConfig{
			AzCount: 2, CidrBlock: "10.0.0.0/16", NatGateways: "single",
			FlowLogs: false, FlowLogRetentionDays: 30,
		},
		Web: WebConfig{
			InstanceType: "t4g.small", MinSize: 1, MaxSize: 2, DesiredCapacity: 1,
			AppPort: 8080, HealthCheckPath: "/healthz", StickinessSeconds: 3600,
			ScalingMetric: "cpu", ScalingTarget: 60,
		},
		Database: DatabaseConfig{
			Engine: "postgres", InstanceClass: "db.t4g.micro", AllocatedStorageGb: 20,
			MaxAllocatedStorageGb: 100, BackupRetentionDays: 1, DatabaseName: "app",
		},
		Cdn: CdnConfig{
			PriceClass: "PriceClass_100", StaticPathPatterns: []string{"/static/*"}, ForceDestroy: true,
			WafRateLimit: 2000,
		},
		Sessions: SessionsConfig{TTLAttribute: "ExpiresAt"},
		Cache: CacheConfig{
			Engine: "valkey", NodeType: "cache.t4g.micro", Nodes: 1, SnapshotRetentionDays: 1,
		},
	}
}

// auroraInstanceClass is the baseline instance class when tenk:database.engine is an Aurora
// engine: Aurora offers nothing below .medium and no db.m classes (Aurora user guide, "Supported
// DB engines for DB instance classes"), so dev's db.t4g.micro becomes db.t4g.medium.
func auroraInstanceClass(env Environment) string {
	if env == Prod {
		return Baseline(Prod).Database.InstanceClass
	}
	return "db.t4g.medium"
}
