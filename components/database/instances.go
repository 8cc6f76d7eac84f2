package database

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// buildInstances builds RDS mode: parameter group, primary, read replicas, credentials, alarms.
func (s *shared) buildInstances(ctx *pulumi.Context, d *RdsWithReplicas) error {
	paramGroup, err := s.parameterGroup(ctx)
	if err != nil {
		return err
	}
	creds, err := s.credentials(ctx)
	if err != nil {
		return err
	}
	primaryLogs, err := s.logGroups(ctx, "primary", false, s.identifier("primary"))
	if err != nil {
		return err
	}
	primary, err := rds.NewInstance(ctx, s.name+"-primary", s.primaryArgs(paramGroup, creds), placementOptions(s.memberOptions(primaryLogs))...)
	if err != nil {
		return err
	}
	d.Primary = primary
	d.connectTargets = append(d.connectTargets, connectTarget{primary.Arn, primary.ResourceId})
	d.WriterEndpoint = primary.Address
	d.Port = primary.Port

	if err := s.replicas(ctx, d, paramGroup); err != nil {
		return err
	}
	secretArn, err := creds.secretArn(ctx, s, instanceSecretArn(primary), primary.Address, primary.Port)
	if err != nil {
		return err
	}
	d.SecretArn = secretArn
	return s.instanceAlarms(ctx, primary, d.Replicas)
}

// replicas builds the read replicas of d.Primary, replica i in its AZ (replicaPlacement), and
// sets ReaderEndpoints.
func (s *shared) replicas(ctx *pulumi.Context, d *RdsWithReplicas, paramGroup pulumi.StringOutput) error {
	a := s.args
	readers := make(pulumi.StringArray, 0, a.ReadReplicas)
	for i := 0; i < a.ReadReplicas; i++ {
		member := fmt.Sprintf("replica-%d", i)
		replicaArgs := s.replicaArgs(d.Primary, paramGroup, replicaPlacement(a.AvailabilityZones, *a.MultiAZ, d.Primary, i), s.identifier(member))
		logs, err := s.logGroups(ctx, member, false, s.identifier(member))
		if err != nil {
			return err
		}
		replica, err := rds.NewInstance(ctx, replicaName(s.name, i), replicaArgs, placementOptions(s.memberOptions(logs))...)
		if err != nil {
			return err
		}
		d.Replicas = append(d.Replicas, replica)
		d.connectTargets = append(d.connectTargets, connectTarget{replica.Arn, replica.ResourceId})
		readers = append(readers, replica.Address)
	}
	d.ReaderEndpoints = readers.ToStringArrayOutput()
	return nil
}

// memberArgs are the settings the primary and every read replica share: class, network, TLS
// parameter group, encrypted gp3 storage and its autoscaling ceiling, maintenance, monitoring,
// log exports and IAM authentication.
func (s *shared) memberArgs(identifier pulumi.StringOutput, class string, paramGroup pulumi.StringOutput) *rds.InstanceArgs {
	a := s.args
	pi, piRetention := s.performanceInsights()
	return &rds.InstanceArgs{
		Identifier:                         identifier,
		InstanceClass:                      pulumi.String(class),
		Port:                               pulumi.Int(a.Port),
		VpcSecurityGroupIds:                pulumi.StringArray{s.securityGroupID},
		ParameterGroupName:                 paramGroup,
		PubliclyAccessible:                 pulumi.Bool(false),
		StorageType:                        pulumi.String("gp3"),
		MaxAllocatedStorage:                pulumi.Int(a.MaxAllocatedStorageGiB),
		StorageEncrypted:                   pulumi.Bool(true),
		MaintenanceWindow:                  pulumi.String(a.MaintenanceWindow),
		CopyTagsToSnapshot:                 pulumi.Bool(true),
		DeletionProtection:                 pulumi.Bool(*a.DeletionProtection),
		AutoMinorVersionUpgrade:            pulumi.Bool(*a.AutoMinorVersionUpgrade),
		ApplyImmediately:                   pulumi.Bool(a.ApplyImmediately),
		PerformanceInsightsEnabled:         pi,
		PerformanceInsightsRetentionPeriod: piRetention,
		MonitoringInterval:                 pulumi.Int(*a.MonitoringIntervalSeconds),
		MonitoringRoleArn:                  s.monitoringRole,
		EnabledCloudwatchLogsExports:       s.logExports(),
		IamDatabaseAuthenticationEnabled:   pulumi.Bool(*a.IAMDatabaseAuthentication),
		Tags:                               s.tags,
	}
}

// primaryArgs are the primary's settings: memberArgs plus what only a source has (engine,
// database, credentials, subnet group, storage size, key, backups, final snapshot).
func (s *shared) primaryArgs(paramGroup pulumi.StringOutput, creds *credentials) *rds.InstanceArgs {
	a := s.args
	args := s.memberArgs(s.identifier("primary"), a.InstanceClass, paramGroup)
	args.Engine = pulumi.String(string(a.Engine))
	args.EngineVersion = pulumi.String(a.EngineVersion)
	args.DbName = pulumi.String(a.DatabaseName)
	args.Username = pulumi.String(a.Username)
	args.DbSubnetGroupName = s.subnetGroup.Name
	args.MultiAz = pulumi.Bool(*a.MultiAZ)
	args.AllocatedStorage = pulumi.Int(a.AllocatedStorageGiB)
	args.KmsKeyId = a.KmsKeyID
	args.BackupRetentionPeriod = pulumi.Int(*a.BackupRetentionDays)
	args.BackupWindow = pulumi.String(a.BackupWindow)
	args.DeleteAutomatedBackups = pulumi.Bool(false)
	args.SkipFinalSnapshot = pulumi.Bool(a.SkipFinalSnapshot)
	args.FinalSnapshotIdentifier = s.finalSnapshotID
	args.AllowMajorVersionUpgrade = pulumi.Bool(false)
	if az := primaryAZ(a.AvailabilityZones, *a.MultiAZ); az != "" {
		args.AvailabilityZone = pulumi.String(az) // a single-AZ primary: see PlaceReplicas
	}
	creds.apply(args)
	return args
}

// replicaArgs is the one place replica rules live. A same-region read replica inherits the
// engine, version, storage size, encryption, subnet group, credentials and database from its
// source, so it passes none of them:
//   - CreateDBInstanceReadReplica: DBSubnetGroupName fails for a same-region replica whose source
//     is named by identifier (DBSubnetGroupNotAllowedFault); username, password, engine and
//     allocated storage are not accepted.
//   - A replica cannot take a final snapshot (DeleteDBInstance: "FinalDBSnapshotIdentifier can not
//     be specified when deleting a replica"), so it always skips it.
//   - An encrypted source always yields encrypted replicas (RDS user guide, "Encrypting Amazon RDS
//     resources"); StorageEncrypted is stated only so the plan shows it.
//   - A Multi-AZ replica cannot pin an AZ (CreateDBInstanceReadReplica AvailabilityZone).
//   - VpcSecurityGroupIds defaults to the VPC's default group, and DBParameterGroupName is set so
//     TLS stays enforced on reads: both are passed explicitly (memberArgs).
func (s *shared) replicaArgs(primary *rds.Instance, paramGroup pulumi.StringOutput, az pulumi.StringInput, identifier pulumi.StringOutput) *rds.InstanceArgs {
	a := s.args
	args := s.memberArgs(identifier, a.ReplicaInstanceClass, paramGroup)
	args.ReplicateSourceDb = primary.Identifier
	args.MultiAz = pulumi.Bool(a.ReplicaMultiAZ)
	args.SkipFinalSnapshot = pulumi.Bool(true)
	if !a.ReplicaMultiAZ {
		args.AvailabilityZone = az
	}
	return args
}

// replicaPlacement is replica i's AZ (replicaAZ). Beside a single-AZ primary it is computed from
// the AZ the primary actually runs in, not the one it is pinned to: a primary created before
// tenk pinned it (or while it was Multi-AZ) stays where RDS put it, and new replicas still avoid
// its AZ.
func replicaPlacement(azs []string, multiAZ bool, primary *rds.Instance, i int) pulumi.StringInput {
	if multiAZ {
		return pulumi.String(replicaAZ(azs, "", i))
	}
	return primary.AvailabilityZone.ApplyT(func(actual string) string {
		return replicaAZ(azs, actual, i)
	}).(pulumi.StringOutput)
}

// placementOptions adds to a member's options that a later change of its AZ is ignored: RDS
// would replace the instance (placementField), so a changed rule or AZ list never moves an
// existing primary or replica. A member is placed once, when it is created.
func placementOptions(opts []pulumi.ResourceOption) []pulumi.ResourceOption {
	return append(opts, pulumi.IgnoreChanges([]string{placementField}))
}

// instanceSecretArn is the ARN of the instance's RDS-managed secret, or "" when it has none. The
// SDK's Index(0) panics on an empty list, which is what a generated-password primary reports.
func instanceSecretArn(i *rds.Instance) pulumi.StringOutput {
	return i.MasterUserSecrets.ApplyT(func(secrets []rds.InstanceMasterUserSecret) string {
		if len(secrets) == 0 || secrets[0].SecretArn == nil {
			return ""
		}
		return *secrets[0].SecretArn
	}).(pulumi.StringOutput)
}
