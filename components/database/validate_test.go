package database_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/components/database"
	"github.com/tenkstack/tenk/internal/fielderr"
	"github.com/tenkstack/tenk/internal/testkit"
)

// TestInvalidArgsRegisterNothing: every RDS rule of the README's "AWS rules enforced" (and the
// other AWS limits Validate knows) is rejected with an error naming the field, before anything
// registers.
func TestInvalidArgsRegisterNothing(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(a *database.RdsWithReplicasArgs)
		path   string // the field the problem is reported on
	}{
		// Replica caps per engine (CreateDBInstanceReadReplica: 15, not the old 5).
		{"16 postgres replicas", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = 16 }, `ReadReplicas`},
		{"16 mysql replicas", func(a *database.RdsWithReplicasArgs) { a.Engine = database.EngineMySQL; a.ReadReplicas = 16 }, `ReadReplicas`},
		{"16 aurora readers", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 16
		}, `ReadReplicas`},
		{"negative replicas", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = -1 }, `ReadReplicas`},
		// A replica's source needs automated backups (CreateDBInstanceReadReplica).
		{"replicas without backups", func(a *database.RdsWithReplicasArgs) { a.ReadReplicas = 2; a.BackupRetentionDays = pulumi.IntRef(0) }, `BackupRetentionDays`},
		{"retention too long", func(a *database.RdsWithReplicasArgs) { a.BackupRetentionDays = pulumi.IntRef(36) }, `BackupRetentionDays`},
		{"aurora without backups", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraMySQL
			a.ReadReplicas = 1
			a.BackupRetentionDays = pulumi.IntRef(0)
		}, `BackupRetentionDays`},
		// The DB subnet group must cover two AZs (CreateDBSubnetGroup).
		{"one AZ", func(a *database.RdsWithReplicasArgs) { a.AvailabilityZones = []string{"us-east-1a"} }, `AvailabilityZones`},
		{"same AZ twice", func(a *database.RdsWithReplicasArgs) { a.AvailabilityZones = []string{"us-east-1a", "us-east-1a"} }, `AvailabilityZones`},
		{"one subnet", func(a *database.RdsWithReplicasArgs) { a.SubnetIDs = subnets(1) }, `SubnetIDs`},
		{"nil subnet", func(a *database.RdsWithReplicasArgs) { a.SubnetIDs = append(subnets(2), nil) }, `SubnetIDs[2]`},
		{"no VPC", func(a *database.RdsWithReplicasArgs) { a.VpcID = nil }, `VpcID`},
		{"nil peer", func(a *database.RdsWithReplicasArgs) { a.AllowedSecurityGroupIDs = []pulumi.StringInput{nil} }, `AllowedSecurityGroupIDs[0]`},
		// The parameter group family must match the version (CreateDBParameterGroup).
		{"bad version", func(a *database.RdsWithReplicasArgs) { a.EngineVersion = "latest" }, `EngineVersion`},
		{"old postgres", func(a *database.RdsWithReplicasArgs) { a.EngineVersion = "9.6" }, `EngineVersion`},
		{"aurora mysql version", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraMySQL
			a.ReadReplicas = 1
			a.EngineVersion = "8.0.36"
		}, `EngineVersion`},
		{"engine", func(a *database.RdsWithReplicasArgs) { a.Engine = "oracle-ee" }, `Engine`},
		// Aurora's Multi-AZ is a reader in another AZ; Aurora has no micro/small or db.m classes.
		{"aurora multi-AZ without readers", func(a *database.RdsWithReplicasArgs) { a.Engine = database.EngineAuroraPostgres }, `MultiAZ`},
		{"aurora micro", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.InstanceClass = "db.t4g.micro"
		}, `InstanceClass`},
		{"aurora storage", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.AllocatedStorageGiB = 100
		}, `AllocatedStorageGiB`},
		{"aurora replica multi-AZ", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineAuroraPostgres
			a.ReadReplicas = 1
			a.ReplicaMultiAZ = true
		}, `ReplicaMultiAZ`},
		{"instance class", func(a *database.RdsWithReplicasArgs) { a.InstanceClass = "m7g.large" }, `InstanceClass`},
		{"replica class", func(a *database.RdsWithReplicasArgs) { a.ReplicaInstanceClass = "large" }, `ReplicaInstanceClass`},
		// Storage: gp3 20–65536 GiB; the autoscaling ceiling at least 10% above.
		{"storage too small", func(a *database.RdsWithReplicasArgs) { a.AllocatedStorageGiB = 10 }, `AllocatedStorageGiB`},
		{"ceiling too low", func(a *database.RdsWithReplicasArgs) { a.AllocatedStorageGiB = 100; a.MaxAllocatedStorageGiB = 105 }, `MaxAllocatedStorageGiB`},
		// Windows: format, length and no overlap.
		{"overlapping windows", func(a *database.RdsWithReplicasArgs) {
			a.BackupWindow = "05:30-06:30"
			a.MaintenanceWindow = "sun:05:00-sun:06:00"
		}, `BackupWindow`},
		{"backup window format", func(a *database.RdsWithReplicasArgs) { a.BackupWindow = "3am" }, `BackupWindow`},
		{"short maintenance window", func(a *database.RdsWithReplicasArgs) { a.MaintenanceWindow = "sun:05:00-sun:05:15" }, `MaintenanceWindow`},
		// Credentials and names.
		{"mysql username too long", func(a *database.RdsWithReplicasArgs) {
			a.Engine = database.EngineMySQL
			a.Username = "application_owner"
		}, `Username`},
		{"username starts with a digit", func(a *database.RdsWithReplicasArgs) { a.Username = "1admin" }, `Username`},
		{"reserved username", func(a *database.RdsWithReplicasArgs) { a.Username = "rdsadmin" }, `Username`},
		{"database name", func(a *database.RdsWithReplicasArgs) { a.DatabaseName = "my-app" }, `DatabaseName`},
		{"port", func(a *database.RdsWithReplicasArgs) { a.Port = 80 }, `Port`},
		{"monitoring interval", func(a *database.RdsWithReplicasArgs) { a.MonitoringIntervalSeconds = pulumi.IntRef(20) }, `MonitoringIntervalSeconds`},
		{"cpu threshold", func(a *database.RdsWithReplicasArgs) { a.AlarmThresholds.CPUPercent = 150 }, `AlarmThresholds.CPUPercent`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := prodArgs(0)
			tc.mutate(args)
			m, err := testkit.Run(func(ctx *pulumi.Context) error {
				_, err := database.NewRdsWithReplicas(ctx, "db", args)
				return err
			}, testkit.RunOptions{})
			require.Error(t, err)
			assert.Contains(t, fielderr.Paths(err), tc.path, err.Error())
			assert.Contains(t, err.Error(), `database "db"`)
			assert.Empty(t, m.Resources(), "a rejected database registers nothing")
		})
	}
}

func TestValidateReportsEveryProblemAtOnce(t *testing.T) {
	args := database.RdsWithReplicasArgs{ReadReplicas: 20, BackupRetentionDays: pulumi.IntRef(0), Port: 22}
	err := args.Validate()
	require.Error(t, err)
	paths := fielderr.Paths(err)
	for _, want := range []string{"ReadReplicas", "AvailabilityZones", "SubnetIDs", "VpcID", "Port", "BackupRetentionDays"} {
		assert.Contains(t, paths, want)
	}
}

func TestNamesMustFitRDSIdentifiers(t *testing.T) {
	for _, name := range []string{"1db", "my_db", "db--x", "db-", strings.Repeat("d", database.MaxNameLength+1)} {
		m, err := testkit.Run(func(ctx *pulumi.Context) error {
			_, err := database.NewRdsWithReplicas(ctx, name, devArgs())
			return err
		}, testkit.RunOptions{})
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
