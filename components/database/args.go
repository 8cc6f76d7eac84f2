package database

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/components/internal/logretention"
	"github.com/tenkstack/tenk/components/internal/window"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// MonitoringIntervals are the enhanced-monitoring intervals RDS accepts (CreateDBInstance
// MonitoringInterval); 0 turns enhanced monitoring off.
var MonitoringIntervals = []int{0, 1, 5, 10, 15, 30, 60}

// Storage limits for gp3 on RDS PostgreSQL and MySQL (RDS user guide, "Amazon RDS DB instance
// storage": gp3 from 20 GiB to 64 TiB).
const (
	MinAllocatedStorageGiB = 20
	MaxAllocatedStorageGiB = 65536
)

// MaxNameLength bounds the component name: RDS identifiers are at most 63 characters, and Pulumi
// auto-naming adds an 8-character suffix to the longest child name, "<name>-replica-14".
const MaxNameLength = 40

// RdsWithReplicasArgs configures an RdsWithReplicas. VpcID, SubnetIDs and AvailabilityZones are
// required; every other zero value is the secure, highly available production default.
type RdsWithReplicasArgs struct {
	// Engine is EnginePostgres, EngineMySQL, EngineAuroraPostgres or EngineAuroraMySQL.
	// Default: EnginePostgres.
	Engine Engine
	// EngineVersion is the engine version; the parameter group family follows it. A major version
	// ("17", "8.4"; Aurora "16", "8.0") starts on AWS's current default minor version for it and
	// then follows automatic minor upgrades; a full version ("17.4", "16.6",
	// "8.0.mysql_aurora.3.08.2") pins exactly that one. Default: "17" PostgreSQL, "8.4" MySQL,
	// "16" Aurora PostgreSQL, "8.0" Aurora MySQL.
	EngineVersion string
	// InstanceClass is the primary's (or Aurora writer's) class, such as "db.t4g.micro" for dev.
	// Default: "db.m7g.large" for RDS, "db.r7g.large" for Aurora (which offers no db.m classes and
	// nothing smaller than .medium).
	InstanceClass string
	// ReplicaInstanceClass is the class of every read replica or Aurora reader.
	// Default: InstanceClass.
	ReplicaInstanceClass string
	// ReadReplicas is how many read replicas (RDS) or readers (Aurora) to run, placed by
	// PlaceReplicas: beside a single-AZ primary (pinned to the first AZ) round-robin over the
	// other AZs, beside a Multi-AZ primary round-robin over every AZ. Raising it adds replicas
	// and leaves the existing ones untouched; a member never moves AZ once created.
	// Limit: 15 per source for PostgreSQL and MySQL, 15 Aurora Replicas per cluster. Default: 0.
	ReadReplicas int
	// ReplicaMultiAZ gives every RDS read replica its own standby (more read HA, double the cost).
	// RDS only. Default: false.
	ReplicaMultiAZ bool
	// MultiAZ keeps a synchronous standby in another AZ for automatic failover (RDS). For Aurora,
	// where the standby is a reader, it requires ReadReplicas ≥ 1. Default: true.
	MultiAZ *bool

	// VpcID is the VPC of the security group. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the subnets of the DB subnet group: isolated subnets, in at least two AZs.
	// Required (at least 2).
	SubnetIDs []pulumi.StringInput
	// AvailabilityZones are the AZ names of SubnetIDs (the network's AZs), in order: a single-AZ
	// primary is pinned to the first and replicas are placed over them (ReadReplicas). Required
	// (at least 2 distinct).
	AvailabilityZones []string
	// AllowedSecurityGroupIDs are the only security groups admitted, on Port; append new peers at
	// the end. Default: none (nothing can connect until a peer is added).
	AllowedSecurityGroupIDs []pulumi.StringInput
	// Port is the port the database listens on, 1150–65535. Default: the engine's (5432
	// PostgreSQL, 3306 MySQL).
	Port int

	// DatabaseName is the database created at launch: a letter, then letters, digits or
	// underscores. Default: "app".
	DatabaseName string
	// Username is the master user: a letter, then letters, digits or underscores, at most 16
	// characters for MySQL and 63 for PostgreSQL. Default: "tenkadmin".
	Username string

	// AllocatedStorageGiB is the initial gp3 storage, 20–65536 GiB. RDS only (Aurora storage grows
	// by itself). Default: 20.
	AllocatedStorageGiB int
	// MaxAllocatedStorageGiB is the storage-autoscaling ceiling, at least 10% above
	// AllocatedStorageGiB. RDS only. Default: 5 × AllocatedStorageGiB (at most 65536).
	MaxAllocatedStorageGiB int
	// KmsKeyID is a customer managed KMS key (ARN) for storage encryption. Storage is always
	// encrypted; this only picks the key. Default: the AWS managed key aws/rds.
	KmsKeyID pulumi.StringInput

	// BackupRetentionDays is how long automated backups are kept, 0–35 (Aurora 1–35); it must be
	// above 0 when ReadReplicas > 0. Default: 7.
	BackupRetentionDays *int
	// BackupWindow is the daily backup window in UTC, "hh24:mi-hh24:mi", at least 30 minutes, not
	// overlapping MaintenanceWindow. Default: "03:00-04:00".
	BackupWindow string
	// MaintenanceWindow is the weekly maintenance window in UTC, "ddd:hh24:mi-ddd:hh24:mi", 30
	// minutes to 24 hours. Default: "sun:05:00-sun:06:00".
	MaintenanceWindow string
	// SkipFinalSnapshot deletes the primary (or cluster) without a final snapshot. Replicas never
	// take one. Default: false (a final snapshot with a unique identifier).
	SkipFinalSnapshot bool
	// DeletionProtection blocks deleting the primary, replicas or cluster through the API.
	// Default: true.
	DeletionProtection *bool
	// Protect marks the stateful children pulumi.Protect (the primary, replicas, cluster and
	// Aurora instances, and the credentials secret: tenk's one list, internal/stateful), so
	// `pulumi destroy` refuses to delete them. Default: false.
	Protect bool

	// PerformanceInsights turns on Performance Insights with the free 7-day retention.
	// Default: true.
	PerformanceInsights *bool
	// MonitoringIntervalSeconds is the enhanced-monitoring interval, one of 0, 1, 5, 10, 15, 30,
	// 60; 0 turns it off. A monitoring role is created when it is on. Default: 60.
	MonitoringIntervalSeconds *int
	// CloudWatchLogExports exports the engine's logs (PostgreSQL: postgresql, upgrade; MySQL:
	// error, slowquery) to CloudWatch Logs. Default: true.
	CloudWatchLogExports *bool
	// IAMDatabaseAuthentication lets IAM roles log in as database users with short-lived
	// rds-db:connect tokens instead of passwords (grant with ConnectPolicy); the master password
	// stays for administration. Default: true.
	IAMDatabaseAuthentication *bool
	// LogRetentionDays is how long CloudWatch Logs keeps the exported logs, one of the values
	// PutRetentionPolicy accepts (1, 3, 5, 7, 14, 30, 60, 90, … 3653). Default: 30.
	LogRetentionDays int
	// AutoMinorVersionUpgrade lets RDS apply minor versions in the maintenance window.
	// Default: true.
	AutoMinorVersionUpgrade *bool
	// ApplyImmediately applies modifications now instead of in the next maintenance window.
	// Default: false.
	ApplyImmediately bool

	// Alarms creates CloudWatch alarms on CPU, free storage, freeable memory, connections and
	// each replica's lag. Default: true.
	Alarms *bool
	// AlarmThresholds tune the alarms. Default: see AlarmThresholds.
	AlarmThresholds AlarmThresholds
	// AlarmTopicArn is an SNS topic notified on alarm and recovery. Default: none (the alarms
	// still show in the console).
	AlarmTopicArn pulumi.StringInput

	// Tags are added to every resource that takes tags. Default: none.
	Tags map[string]string
}

// withDefaults returns a copy of args with every unset field at its documented default.
func (a RdsWithReplicasArgs) withDefaults() RdsWithReplicasArgs {
	argutil.Default(&a.Engine, EnginePostgres)
	spec, _ := specFor(a.Engine)
	argutil.Default(&a.EngineVersion, spec.DefaultVersion)
	argutil.Default(&a.InstanceClass, spec.DefaultInstanceClass)
	argutil.Default(&a.ReplicaInstanceClass, a.InstanceClass)
	argutil.DefaultPtr(&a.MultiAZ, true)
	argutil.Default(&a.Port, spec.Port)
	argutil.Default(&a.DatabaseName, "app")
	argutil.Default(&a.Username, "tenkadmin")
	if !spec.Aurora { // Aurora has no allocated storage: its cluster volume grows by itself
		argutil.Default(&a.AllocatedStorageGiB, 20)
		argutil.Default(&a.MaxAllocatedStorageGiB, min(5*a.AllocatedStorageGiB, MaxAllocatedStorageGiB))
	}
	argutil.DefaultPtr(&a.BackupRetentionDays, 7)
	argutil.Default(&a.BackupWindow, window.DefaultDaily)
	argutil.Default(&a.MaintenanceWindow, window.DefaultWeekly)
	argutil.DefaultPtr(&a.DeletionProtection, true)
	argutil.DefaultPtr(&a.PerformanceInsights, true)
	argutil.DefaultPtr(&a.MonitoringIntervalSeconds, 60)
	argutil.DefaultPtr(&a.CloudWatchLogExports, true)
	argutil.DefaultPtr(&a.IAMDatabaseAuthentication, true)
	argutil.Default(&a.LogRetentionDays, 30)
	argutil.DefaultPtr(&a.AutoMinorVersionUpgrade, true)
	argutil.DefaultPtr(&a.Alarms, true)
	a.AlarmThresholds = a.AlarmThresholds.withDefaults(spec.Aurora, a.AllocatedStorageGiB)
	return a
}

var (
	identifierRE   = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*$`)
	instanceRE     = regexp.MustCompile(`^db\.[a-z0-9-]+\.[a-z0-9]+$`)
	usernameRE     = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
	databaseNameRE = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9_]*$`)
)

// ValidateName checks the component name: RDS identifiers (CreateDBInstance DBInstanceIdentifier)
// start with a letter, hold only letters, digits and hyphens, never two hyphens in a row nor a
// trailing one, and are at most 63 characters once Pulumi adds its suffix.
func ValidateName(name string) error {
	switch {
	case !identifierRE.MatchString(name) || strings.Contains(name, "--") || strings.HasSuffix(name, "-"):
		return fmt.Errorf("name %q: RDS identifiers start with a letter and hold only letters, digits and single hyphens, without a trailing hyphen; rename the component", name)
	case len(name) > MaxNameLength:
		return fmt.Errorf("name %q is %d characters: at most %d fit RDS's 63-character identifiers once \"-replica-14\" and Pulumi's suffix are added; shorten it", name, len(name), MaxNameLength)
	}
	return nil
}

// Validate reports every problem AWS would reject, each naming the field, the limit and the fix.
// It runs before any resource is registered.
func (a RdsWithReplicasArgs) Validate() error {
	if _, ok := specFor(a.Engine); a.Engine != "" && !ok {
		return fielderr.New("Engine", "%q is not supported: use one of %s", a.Engine, engineList())
	}
	a = a.withDefaults()
	spec, _ := specFor(a.Engine)
	var l fielderr.List
	if _, err := parameterFamily(a.Engine, a.EngineVersion); err != nil {
		l.Append(err)
	}
	a.validateReplicas(spec, &l)
	a.validateNetwork(spec, &l)
	a.validateClasses(spec, &l)
	a.validateNames(spec, &l)
	a.validateStorage(spec, &l)
	for _, err := range checkWindows(a.BackupWindow, a.MaintenanceWindow) {
		l.Append(err)
	}
	l.Append(logretention.Check("LogRetentionDays", a.LogRetentionDays))
	if !slices.Contains(MonitoringIntervals, *a.MonitoringIntervalSeconds) {
		l.Addf("MonitoringIntervalSeconds", "is %d: RDS accepts 0, 1, 5, 10, 15, 30 or 60", *a.MonitoringIntervalSeconds)
	}
	if t := a.AlarmThresholds; t.CPUPercent < 0 || t.CPUPercent > 100 {
		l.Addf("AlarmThresholds.CPUPercent", "is %g: use 1–100", t.CPUPercent)
	}
	return l.Err()
}

// validateReplicas checks the replica count, the backups a replica's source needs and Aurora's
// Multi-AZ rules.
func (a RdsWithReplicasArgs) validateReplicas(spec engineSpec, l *fielderr.List) {
	// Replica limits: RDS CreateDBInstanceReadReplica ("up to 15 read replicas" for MySQL,
	// MariaDB, PostgreSQL) and the Aurora user guide ("up to 15 Aurora Replicas").
	kind := "read replicas per source"
	if spec.Aurora {
		kind = "Aurora Replicas per cluster"
	}
	if a.ReadReplicas < 0 || a.ReadReplicas > spec.MaxReplicas {
		l.Addf("ReadReplicas", "is %d: %s allows 0–%d %s; lower it", a.ReadReplicas, a.Engine, spec.MaxReplicas, kind)
	}
	// CreateDBInstanceReadReplica SourceDBInstanceIdentifier: the source "must have automatic
	// backups enabled", i.e. a backup retention period above 0; CreateDBCluster: Aurora 1–35.
	minRetention := 0
	if spec.Aurora {
		minRetention = 1
	}
	if r := *a.BackupRetentionDays; r < minRetention || r > 35 {
		l.Addf("BackupRetentionDays", "is %d: %s accepts %d–35; use 7 or more in production", r, a.Engine, minRetention)
	} else if r == 0 && a.ReadReplicas > 0 {
		l.Addf("BackupRetentionDays", "is 0 with %d %s: a replica's source needs automated backups (retention > 0); set it to 1 or more", a.ReadReplicas, fielderr.Ref("ReadReplicas"))
	}
	// Aurora's standby is a reader in another AZ (Aurora user guide, "High availability for Aurora").
	if spec.Aurora && *a.MultiAZ && a.ReadReplicas == 0 {
		l.Addf("MultiAZ", "is true with %[1]s 0: an Aurora cluster fails over to a reader in another AZ; set %[1]s to 1 or more, or %[2]s to false", fielderr.Ref("ReadReplicas"), fielderr.Ref("MultiAZ"))
	}
	if spec.Aurora && a.ReplicaMultiAZ {
		l.Addf("ReplicaMultiAZ", "is RDS only: Aurora readers already share the cluster's Multi-AZ storage; leave it false")
	}
}

// validateNetwork checks the subnet group's AZs and subnets, the VPC, the peers and the port.
func (a RdsWithReplicasArgs) validateNetwork(spec engineSpec, l *fielderr.List) {
	// CreateDBSubnetGroup: a DB subnet group must cover at least two AZs (DBSubnetGroupDoesNotCoverEnoughAZs).
	if n := len(slices.Compact(slices.Sorted(slices.Values(a.AvailabilityZones)))); n < 2 {
		l.Addf("AvailabilityZones", "lists %d distinct AZs: a DB subnet group must cover at least 2; pass the network's AZ names", n)
	}
	if len(a.SubnetIDs) < 2 {
		l.Addf("SubnetIDs", "has %d subnets: a DB subnet group needs subnets in at least 2 AZs; pass the network's isolated subnet IDs", len(a.SubnetIDs))
	}
	fielderr.NoNil(l, "SubnetIDs", a.SubnetIDs, "a subnet ID")
	l.Required("VpcID", a.VpcID != nil, "pass the network's VPC ID")
	fielderr.NoNil(l, "AllowedSecurityGroupIDs", a.AllowedSecurityGroupIDs, "a security group ID")
	// CreateDBInstance Port: 1150–65535 for MySQL and PostgreSQL.
	if a.Port < 1150 || a.Port > 65535 {
		l.Addf("Port", "is %d: RDS accepts 1150–65535; leave it 0 for the engine's default %d", a.Port, spec.Port)
	}
}

// validateClasses checks the instance classes, and that Aurora offers them.
func (a RdsWithReplicasArgs) validateClasses(spec engineSpec, l *fielderr.List) {
	if !instanceRE.MatchString(a.InstanceClass) {
		l.Addf("InstanceClass", "%q is not a DB instance class: use one such as %q", a.InstanceClass, spec.DefaultInstanceClass)
	}
	if a.ReplicaInstanceClass != a.InstanceClass && !instanceRE.MatchString(a.ReplicaInstanceClass) {
		l.Addf("ReplicaInstanceClass", "%q is not a DB instance class: use one such as %q", a.ReplicaInstanceClass, spec.DefaultInstanceClass)
	}
	if !spec.Aurora {
		return
	}
	// Aurora user guide, "Supported DB engines for DB instance classes": Aurora's smallest classes
	// are db.t3.medium and db.t4g.medium, and it offers no db.m classes.
	for _, f := range []struct{ field, class string }{{"InstanceClass", a.InstanceClass}, {"ReplicaInstanceClass", a.ReplicaInstanceClass}} {
		if strings.HasSuffix(f.class, ".micro") || strings.HasSuffix(f.class, ".small") || strings.HasPrefix(f.class, "db.m") {
			l.Addf(f.field, "%q is not offered by Aurora: use db.t4g.medium or larger for dev, a db.r class for production", f.class)
		}
	}
}

// validateNames checks the master user and the database name.
func (a RdsWithReplicasArgs) validateNames(spec engineSpec, l *fielderr.List) {
	// CreateDBInstance MasterUsername: 1–16 (MySQL) or 1–63 (PostgreSQL) letters, digits or
	// underscores, starting with a letter; "rdsadmin" is reserved.
	if !usernameRE.MatchString(a.Username) || len(a.Username) > spec.MaxUsernameLength {
		l.Addf("Username", "%q: %s master users are 1–%d letters, digits or underscores starting with a letter", a.Username, a.Engine, spec.MaxUsernameLength)
	} else if strings.EqualFold(a.Username, "rdsadmin") || strings.EqualFold(a.Username, "rdsrepladmin") {
		l.Addf("Username", "%q is reserved by RDS: pick another", a.Username)
	}
	// CreateDBInstance DBName: 1–63 (PostgreSQL) or 1–64 (MySQL) letters, digits or underscores, starting with a letter.
	if !databaseNameRE.MatchString(a.DatabaseName) || len(a.DatabaseName) > spec.MaxDatabaseNameLength {
		l.Addf("DatabaseName", "%q: %s database names are 1–%d letters, digits or underscores starting with a letter", a.DatabaseName, a.Engine, spec.MaxDatabaseNameLength)
	}
}

// validateStorage checks the RDS storage size and its autoscaling ceiling, which Aurora does not
// take.
func (a RdsWithReplicasArgs) validateStorage(spec engineSpec, l *fielderr.List) {
	if spec.Aurora {
		// Aurora user guide, "Amazon Aurora storage": the cluster volume grows by itself.
		for _, f := range []struct {
			field string
			gib   int
		}{{"AllocatedStorageGiB", a.AllocatedStorageGiB}, {"MaxAllocatedStorageGiB", a.MaxAllocatedStorageGiB}} {
			if f.gib != 0 {
				l.Addf(f.field, "is %d but is RDS only: Aurora storage grows by itself; leave it 0", f.gib)
			}
		}
		return
	}
	// RDS user guide, "Amazon RDS DB instance storage": gp3 takes 20–65536 GiB.
	if a.AllocatedStorageGiB < MinAllocatedStorageGiB || a.AllocatedStorageGiB > MaxAllocatedStorageGiB {
		l.Addf("AllocatedStorageGiB", "is %d: gp3 storage is %d–%d GiB", a.AllocatedStorageGiB, MinAllocatedStorageGiB, MaxAllocatedStorageGiB)
	}
	// RDS user guide, "Managing capacity automatically with storage autoscaling": the maximum
	// storage threshold must be at least 10% more than the allocated storage.
	if least := (a.AllocatedStorageGiB*11 + 9) / 10; a.MaxAllocatedStorageGiB < least || a.MaxAllocatedStorageGiB > MaxAllocatedStorageGiB {
		l.Addf("MaxAllocatedStorageGiB", "is %d: the autoscaling ceiling must be %d–%d GiB (at least 10%% above %s %d); raise it or leave it 0", a.MaxAllocatedStorageGiB, least, MaxAllocatedStorageGiB, fielderr.Ref("AllocatedStorageGiB"), a.AllocatedStorageGiB)
	}
}
