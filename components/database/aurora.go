package database

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// buildAurora builds Aurora mode: cluster parameter group, cluster, one writer, the readers and
// alarms. The writer sits in the first AZ and reader i in AZ (i+1) mod n, so the failover target
// is always in another AZ.
func (s *shared) buildAurora(ctx *pulumi.Context, d *RdsWithReplicas) error {
	a := s.args
	paramGroup, err := s.parameterGroup(ctx)
	if err != nil {
		return err
	}
	version, clusterOpts := s.auroraVersion(ctx)
	logs, err := s.logGroups(ctx, "cluster", true, s.identifier("cluster"))
	if err != nil {
		return err
	}
	cluster, err := rds.NewCluster(ctx, s.name+"-cluster", s.clusterArgs(version, paramGroup), append(s.memberOptions(logs), clusterOpts...)...)
	if err != nil {
		return err
	}
	d.Cluster = cluster
	d.connectTargets = []connectTarget{{cluster.Arn, cluster.ClusterResourceId}}
	d.WriterEndpoint = cluster.Endpoint
	d.Port = cluster.Port
	d.ReaderEndpoints = pulumi.StringArray{cluster.ReaderEndpoint}.ToStringArrayOutput()
	d.SecretArn = clusterSecretArn(cluster)

	azs := replicaAZs(a.AvailabilityZones, a.ReadReplicas+1, 0)
	writer, err := rds.NewClusterInstance(ctx, s.name+"-writer", s.clusterInstanceArgs(cluster, a.InstanceClass, azs[0], 0), s.memberOptions(nil)...)
	if err != nil {
		return err
	}
	d.Writer = writer
	for i := 0; i < a.ReadReplicas; i++ {
		reader, err := rds.NewClusterInstance(ctx, readerName(s.name, i), s.clusterInstanceArgs(cluster, a.ReplicaInstanceClass, azs[i+1], 1), s.memberOptions(nil)...)
		if err != nil {
			return err
		}
		d.Readers = append(d.Readers, reader)
	}
	return s.auroraAlarms(ctx, writer, d.Readers)
}

// clusterArgs are the Aurora cluster's settings: engine, credentials (RDS-managed secret),
// network, encryption, backups, final snapshot and log exports.
func (s *shared) clusterArgs(version pulumi.StringInput, paramGroup pulumi.StringOutput) *rds.ClusterArgs {
	a := s.args
	return &rds.ClusterArgs{
		ClusterIdentifier:                s.identifier("cluster"),
		Engine:                           pulumi.String(string(a.Engine)),
		EngineVersion:                    version,
		EngineMode:                       pulumi.String("provisioned"),
		DatabaseName:                     pulumi.String(a.DatabaseName),
		MasterUsername:                   pulumi.String(a.Username),
		ManageMasterUserPassword:         pulumi.Bool(true),
		Port:                             pulumi.Int(a.Port),
		DbSubnetGroupName:                s.subnetGroup.Name,
		VpcSecurityGroupIds:              pulumi.StringArray{s.securityGroupID},
		DbClusterParameterGroupName:      paramGroup,
		StorageEncrypted:                 pulumi.Bool(true),
		KmsKeyId:                         a.KmsKeyID,
		BackupRetentionPeriod:            pulumi.Int(*a.BackupRetentionDays),
		PreferredBackupWindow:            pulumi.String(a.BackupWindow),
		PreferredMaintenanceWindow:       pulumi.String(a.MaintenanceWindow),
		CopyTagsToSnapshot:               pulumi.Bool(true),
		DeleteAutomatedBackups:           pulumi.Bool(false),
		DeletionProtection:               pulumi.Bool(*a.DeletionProtection),
		SkipFinalSnapshot:                pulumi.Bool(a.SkipFinalSnapshot),
		FinalSnapshotIdentifier:          s.finalSnapshotID,
		AllowMajorVersionUpgrade:         pulumi.Bool(false),
		ApplyImmediately:                 pulumi.Bool(a.ApplyImmediately),
		EnabledCloudwatchLogsExports:     s.logExports(),
		IamDatabaseAuthenticationEnabled: pulumi.Bool(*a.IAMDatabaseAuthentication),
		Tags:                             s.tags,
		// No AvailabilityZones: the provider replaces a cluster whose AZ list differs from the
		// three AWS picks; the instances decide placement instead.
	}
}

// clusterInstanceArgs are an Aurora instance's settings; credentials, storage, backups and the
// subnet group belong to the cluster. Promotion tier 0 for the writer, 1 for readers.
func (s *shared) clusterInstanceArgs(cluster *rds.Cluster, class, az string, tier int) *rds.ClusterInstanceArgs {
	a := s.args
	pi, piRetention := s.performanceInsights()
	return &rds.ClusterInstanceArgs{
		ClusterIdentifier:                  cluster.ID(),
		Engine:                             pulumi.String(string(a.Engine)),
		EngineVersion:                      cluster.EngineVersion,
		InstanceClass:                      pulumi.String(class),
		AvailabilityZone:                   pulumi.String(az),
		PromotionTier:                      pulumi.Int(tier),
		PubliclyAccessible:                 pulumi.Bool(false),
		DbSubnetGroupName:                  s.subnetGroup.Name,
		AutoMinorVersionUpgrade:            pulumi.Bool(*a.AutoMinorVersionUpgrade),
		ApplyImmediately:                   pulumi.Bool(a.ApplyImmediately),
		PreferredMaintenanceWindow:         pulumi.String(a.MaintenanceWindow),
		CopyTagsToSnapshot:                 pulumi.Bool(true),
		PerformanceInsightsEnabled:         pi,
		PerformanceInsightsRetentionPeriod: piRetention,
		MonitoringInterval:                 pulumi.Int(*a.MonitoringIntervalSeconds),
		MonitoringRoleArn:                  s.monitoringRole,
		Tags:                               s.tags,
	}
}

// clusterSecretArn is the ARN of the cluster's RDS-managed secret, or "" before it exists (the
// SDK's Index(0) panics on an empty list).
func clusterSecretArn(c *rds.Cluster) pulumi.StringOutput {
	return c.MasterUserSecrets.ApplyT(func(secrets []rds.ClusterMasterUserSecret) string {
		if len(secrets) == 0 || secrets[0].SecretArn == nil {
			return ""
		}
		return *secrets[0].SecretArn
	}).(pulumi.StringOutput)
}

// auroraVersion is the cluster's engine version. A full version ("16.6") is used as given. A major
// version ("16", or "8.0" for Aurora MySQL) resolves to the default minor version RDS currently
// offers for it (rds.getEngineVersion with defaultOnly, i.e. DescribeDBEngineVersions
// --default-only; Aurora user guide, "Amazon Aurora versioning": every major version has a default
// minor version), so a new stack never starts on a minor version past standard support. The
// resolved version is then ignored on later runs: a newer default must not turn an unchanged
// stack into an upgrade, nor an older one into a refused downgrade after an automatic minor
// upgrade (AutoMinorVersionUpgrade keeps the cluster current).
func (s *shared) auroraVersion(ctx *pulumi.Context) (pulumi.StringInput, []pulumi.ResourceOption) {
	a := s.args
	if !IsMajorVersion(a.Engine, a.EngineVersion) {
		return pulumi.String(a.EngineVersion), nil
	}
	found := rds.GetEngineVersionOutput(ctx, rds.GetEngineVersionOutputArgs{
		Engine:               pulumi.String(string(a.Engine)),
		Version:              pulumi.String(a.EngineVersion),
		ParameterGroupFamily: pulumi.String(s.family),
		DefaultOnly:          pulumi.Bool(true),
	}, s.invokeParent)
	return found.VersionActual(), []pulumi.ResourceOption{pulumi.IgnoreChanges([]string{"engineVersion"})}
}
