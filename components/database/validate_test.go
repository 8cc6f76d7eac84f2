package database_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/tests"
)

// TestInvalidArgsRegisterNothing: every rule of aws-constraints.md that applies to RDS (and the
// other AWS limits Validate knows) is rejected with an error naming the field, before anything
// registers.
func TestInvalidArgsRegisterNothing(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *database.RdsWithReplicasArgs)
		want   string
	}{
		// Rule 10: replica caps per engine (15, not the old 5).
		{"16 postgres replicas", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = 16 }, "ReadReplicas is 16: postgres allows 0–15 read replicas per source"},
		{"16 mysql replicas", func(a *database.RdsWithReplicasArgs) { a.Engine = database.EngineMySQL; a.ReadReplicas = 16 }, "ReadReplicas is 16: mysql allows 0–15"},
		{"16 aurora readers", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 16
		}, "aurora-postgresql allows 0–15 Aurora Replicas per cluster"},
		{"negative replicas", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = -1 }, "ReadReplicas is -1"},
		// Rule 9: a replica's source needs automated backups.
		{"replicas without backups", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = 2; a.BackupRetentionDays = pulumi.IntRef(0) }, "BackupRetentionDays is 0 with 2 ReadReplicas"},
		{"retention too long", func(a *database.RdsWithReplicasArgs) { a.BackupRetentionDays = pulumi.IntRef(36) }, "BackupRetentionDays is 36: postgres accepts 0–35"},
		{"aurora without backups", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraMySQL
			a.ReadReplicas = 1
			a.BackupRetentionDays = pulumi.IntRef(0)
		}, "aurora-mysql accepts 1–35"},
		// Rule 8: the DB subnet group must cover two AZs.
		{"one AZ", func(a *database.RdsWithReplicasArgs) { a.AvailabilityZones = []string{"us-east-1a"} }, "AvailabilityZones lists 1 distinct AZs: a DB subnet group must cover at least 2"},
		{"same AZ twice", func(a *database.RdsWithReplicasArgs) { a.AvailabilityZones = []string{"us-east-1a", "us-east-1a"} }, "lists 1 distinct AZs"},
		{"one subnet", func(a *database.RdsWithReplicasArgs) { a.SubnetIDs = subnets(1) }, "SubnetIDs has 1 subnets"},
		{"nil subnet", func(a *database.RdsWithReplicasArgs) { a.SubnetIDs = append(subnets(2), nil) }, "SubnetIDs[2] is nil"},
		{"no VPC", func(a *database.RdsWithReplicasArgs) { a.VpcID = nil }, "VpcID is required"},
		{"nil peer", func(a *database.RdsWithReplicasArgs) { a.AllowedSecurityGroupIDs = []pulumi.StringInput{nil} }, "AllowedSecurityGroupIDs[0] is nil"},
		// Rule 16: the parameter group family must match the version.
		{"bad version", func(a *database.RdsWithReplicasArgs) { a.EngineVersion = "latest" }, `EngineVersion "latest" is not a postgres version`},
		{"old postgres", func(a *database.RdsWithReplicasArgs) { a.EngineVersion = "9.6" }, "PostgreSQL 9 is past standard support"},
		{"aurora mysql version", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraMySQL
			a.ReadReplicas = 1
			a.EngineVersion = "8.0.36"
		}, "Aurora MySQL versions look like"},
		{"engine", func(a *database.RdsWithReplicasArgs) { a.Engine = "oracle-ee" }, `Engine "oracle-ee" is not supported`},
		// Aurora's Multi-AZ is a reader in another AZ; Aurora has no micro/small or db.m classes.
		{"aurora multi-AZ without readers", func(a *database.RdsWithReplicasArgs) { a.Engine = database.EngineAuroraPostgres }, "MultiAZ is true with ReadReplicas 0"},
		{"aurora micro", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.InstanceClass = "db.t4g.micro"
		}, `InstanceClass "db.t4g.micro" is not offered by Aurora`},
		{"aurora storage", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.AllocatedStorageGiB = 100
		}, "AllocatedStorageGiB and MaxAllocatedStorageGiB are RDS only"},
		{"aurora replica multi-AZ", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.ReplicaMultiAZ = true
		}, "ReplicaMultiAZ is RDS only"},
		{"instance class", func(a *database.RdsWithReplicasArgs) { a.InstanceClass = "m7g.large" }, `InstanceClass "m7g.large" is not a DB instance class`},
		{"replica class", func(a *database.RdsWithReplicasArgs) { a.ReplicaInstanceClass = "large" }, `ReplicaInstanceClass "large"`},
		// Storage: gp3 20–65536 GiB; the autoscaling ceiling at least 10% above.
		{"storage too small", func(a *database.RdsWithReplicasArgs) { a.AllocatedStorageGiB = 10 }, "AllocatedStorageGiB is 10: gp3 storage is 20–65536 GiB"},
		{"ceiling too low", func(a *database.RdsWithReplicasArgs) { a.AllocatedStorageGiB = 100; a.MaxAllocatedStorageGiB = 105 }, "MaxAllocatedStorageGiB is 105: the autoscaling ceiling must be 110–65536 GiB"},
		// Windows: format, length and no overlap.
		{"overlapping windows", func(a *database.RdsWithReplicasArgs) {
			a.BackupWindow = "05:30-06:30"
			a.MaintenanceWindow = "sun:05:00-sun:06:00"
		}, `BackupWindow "05:30-06:30" overlaps MaintenanceWindow "sun:05:00-sun:06:00"`},
		{"backup window format", func(a *database.RdsWithReplicasArgs) { a.BackupWindow = "3am" }, `BackupWindow "3am" is not hh24:mi-hh24:mi`},
		{"short maintenance window", func(a *database.RdsWithReplicasArgs) { a.MaintenanceWindow = "sun:05:00-sun:05:15" }, "lasts 15 minutes: RDS needs at least 30"},
		// Credentials and names.
		{"mysql username too long", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineMySQL
			a.Username = "application_owner"
		}, "mysql master users are 1–16"},
		{"username starts with a digit", func(a *database.RdsWithReplicasArgs) { a.Username = "1admin" }, `Username "1admin"`},
		{"reserved username", func(a *database.RdsWithReplicasArgs) { a.Username = "rdsadmin" }, "is reserved by RDS"},
		{"database name", func(a *database.RdsWithReplicasArgs) { a.DatabaseName = "my-app" }, `DatabaseName "my-app"`},
		{"port", func(a *database.RdsWithReplicasArgs) { a.Port = 80 }, "Port is 80: RDS accepts 1150–65535"},
		{"monitoring interval", func(a *database.RdsWithReplicasArgs) { a.MonitoringIntervalSeconds = pulumi.IntRef(20) }, "MonitoringIntervalSeconds is 20"},
		{"cpu threshold", func(a *database.RdsWithReplicasArgs) { a.AlarmThresholds.CPUPercent = 150 }, "AlarmThresholds.CPUPercent is 150"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := prodArgs(0)
			tc.mutate(args)
			m, err := tests.Run(func(ctx *pulumi.Context) error {
				_, err := database.NewRdsWithReplicas(ctx, "db", args)
				return err
			}, tests.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Contains(t, err.Error(), `database "db"`)
			assert.Empty(t, m.Resources(), "a rejected database registers nothing")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	args := database.RdsWithReplicasArgs{ReadReplicas: 20, BackupRetentionDays: pulumi.IntRef(0), Port: 22}
	err := args.Validate()
	require.Error(t, err)
	for _, want := range []string{"ReadReplicas is 20", "AvailabilityZones lists 0", "SubnetIDs has 0", "VpcID is required", "Port is 22"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestNamesMustFitRDSIdentifiers(t *testing.T) {
	for _, name := range []string{"1db", "my_db", "db--x", "db-", strings.Repeat("d", database.MaxNameLength+1)} {
		m, err := tests.Run(func(ctx *pulumi.Context) error {
			_, err := database.NewRdsWithReplicas(ctx, name, devArgs())
			return err
		}, tests.RunOptions{})
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "name ")
		assert.Empty(t, m.Resources())
	}
	assert.NoError(t, database.ValidateName("orders-db-2"))
}

func TestDefaultsAndDevArgsValidate(t *testing.T) {
	assert.NoError(t, prodArgs(15).Validate(), "15 replicas is the AWS limit, not 5")
	assert.NoError(t, devArgs().Validate())
	aurora := prodArgs(15)
	aurora.Engine = database.EngineAuroraMySQL
	assert.NoError(t, aurora.Validate())
}
