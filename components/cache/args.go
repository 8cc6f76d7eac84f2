package cache

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/components/internal/logretention"
	"github.com/tenkstack/tenk/components/internal/window"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// Limits ElastiCache puts on node counts.
const (
	// MaxReplicationGroupNodes is a replication group's most members without cluster mode: one
	// primary and five replicas (CreateReplicationGroup NumCacheClusters: "2 to 6" with failover).
	MaxReplicationGroupNodes = 6
	// MaxMemcachedNodes is CreateCacheCluster's NumCacheNodes limit for Memcached ("between 1 and
	// 40"; more needs a limit increase from AWS).
	MaxMemcachedNodes = 40
	// MaxSnapshotRetentionDays is the longest automatic snapshot retention ElastiCache accepts.
	MaxSnapshotRetentionDays = 35
	// MinAuthTokenLength and MaxAuthTokenLength bound an AUTH token (CreateReplicationGroup
	// AuthToken: "at least 16 characters and no more than 128").
	MinAuthTokenLength = 16
	MaxAuthTokenLength = 128
)

// AuthTokenSpecials are the only special characters an AUTH token may hold (CreateReplicationGroup
// AuthToken: "The only permitted printable special characters are !, &, #, $, ^, <, >, and -").
const AuthTokenSpecials = "!&#$^<>-"

// CacheClusterArgs configures a CacheCluster. VpcID, SubnetIDs and AvailabilityZones are required;
// every other field's zero value is the production default: Valkey, two nodes in distinct AZs with
// automatic failover and Multi-AZ, TLS, AUTH, 7-day snapshots, a final snapshot and logs. A dev
// cache sets NodeCount 1 and FinalSnapshot false; encryption and AUTH have no off switch.
type CacheClusterArgs struct {
	// Engine is EngineValkey, EngineRedis (Redis OSS) or EngineMemcached. Default: EngineValkey,
	// Redis-compatible and cheaper per node-hour than Redis OSS.
	Engine Engine
	// EngineVersion is "major.minor" for Valkey and Redis OSS and "major.minor.patch" for
	// Memcached. Default: "8.0" (Valkey), "7.1" (Redis OSS), "1.6.22" (Memcached). Minimum: 7.2,
	// 6.2 and 1.6.12 respectively; Redis OSS stops at 7.x.
	EngineVersion string
	// NodeType is the node instance class. Default: "cache.r7g.large" (13 GiB, Graviton).
	NodeType string
	// NodeCount is a replication group's members, 1–6, one primary and the rest replicas
	// (Valkey/Redis OSS), or a Memcached cluster's nodes, 1–40. Changing it adds or removes nodes
	// in place. Default: 2.
	NodeCount int

	// VpcID is the VPC the security group is created in. Required.
	VpcID pulumi.StringInput
	// SubnetIDs are the subnets of the subnet group, at least one per entry of AvailabilityZones
	// (the network's isolated or private subnets). Required; two or more with automatic failover.
	SubnetIDs []pulumi.StringInput
	// AvailabilityZones are the AZs the subnets cover, such as the network's
	// AvailabilityZoneNames. Nodes are placed round-robin over them, so members land in distinct
	// AZs. Required; two or more with automatic failover or Multi-AZ.
	AvailabilityZones []string
	// AllowedSecurityGroupIDs are the security groups (the web tier's) admitted on the engine's
	// port, one ingress rule each; nothing else is. Append new peers at the end. Default: none, so
	// nothing can connect until a group is added here or to SecurityGroupID by the caller.
	AllowedSecurityGroupIDs []pulumi.StringInput

	// AutomaticFailover promotes a replica when the primary fails (Valkey/Redis OSS only; needs
	// NodeCount >= 2). Default: true when NodeCount >= 2.
	AutomaticFailover *bool
	// MultiAZ keeps the primary and replicas in different AZs and fails over across them
	// (Valkey/Redis OSS only; needs AutomaticFailover). Default: AutomaticFailover's value.
	MultiAZ *bool
	// AuthTokenLength is the length of the generated AUTH token, 16–128 (Valkey/Redis OSS only).
	// Default: 64.
	AuthTokenLength int
	// KmsKeyID encrypts data at rest with this customer-managed KMS key (Valkey/Redis OSS only).
	// Default: nil, the ElastiCache-owned key. At-rest encryption is on either way.
	KmsKeyID pulumi.StringInput

	// SnapshotRetentionDays keeps daily automatic snapshots this many days, 0–35; 0 turns them
	// off (Valkey/Redis OSS only). Default: 7.
	SnapshotRetentionDays *int
	// SnapshotWindow is the daily UTC range, "hh24:mi-hh24:mi" and at least 60 minutes, in which
	// snapshots start; it must not overlap MaintenanceWindow (Valkey/Redis OSS only).
	// Default: "03:00-04:00".
	SnapshotWindow string
	// MaintenanceWindow is the weekly UTC range, "ddd:hh24:mi-ddd:hh24:mi" and at least 60
	// minutes, for patching. Default: "sun:05:00-sun:06:00".
	MaintenanceWindow string
	// FinalSnapshot takes a snapshot, under a name unique to this cache, when the replication
	// group is deleted (Valkey/Redis OSS only). Default: true.
	FinalSnapshot *bool
	// Logs delivers the slow log and the engine log, as JSON, to two CloudWatch Logs groups
	// (Valkey/Redis OSS only). Default: true.
	Logs *bool
	// LogRetentionDays is how long the log groups keep events, one of the values
	// PutRetentionPolicy accepts (1, 3, 5, 7, 14, 30, 60, 90, … 3653). Default: 30.
	LogRetentionDays int

	// Parameters, when set, go into a parameter group of this engine version's family, attached
	// to the cache. Default: none, the engine's default parameter group.
	Parameters map[string]string
	// Description describes the replication group or cluster. Default: "tenk cache <name>".
	Description string
	// ApplyImmediately applies changes now instead of in the next maintenance window.
	// Default: false.
	ApplyImmediately bool

	// Alarms creates the CloudWatch alarms (AlarmThresholds). Default: true.
	Alarms *bool
	// AlarmThresholds are the alarms' thresholds; zero fields take their defaults.
	AlarmThresholds AlarmThresholds
	// AlarmTopicArn is the SNS topic notified when an alarm fires or recovers. Default: nil,
	// alarms without actions.
	AlarmTopicArn pulumi.StringInput
	// EventTopicArn is the SNS topic ElastiCache sends its events to (failover, node
	// replacement, maintenance). ElastiCache cannot publish to a KMS-encrypted topic and needs a
	// topic policy that admits it with AWS:SourceOwner, so this is not the alarm topic:
	// alerts.AlarmTopicArgs.EventTopic creates one that qualifies. Default: nil, no event
	// notifications.
	EventTopicArn pulumi.StringInput
	// Tags are added to every resource that takes tags. Default: none.
	Tags map[string]string
	// Protect marks the stateful children pulumi.Protect (the replication group or cluster and
	// the AUTH secret: tenk's one list, internal/stateful), so `pulumi destroy` refuses to delete
	// them. Default: false.
	Protect bool
}

// withDefaults returns a copy of args with every unset field at its documented default. Defaults
// that only replicated engines support stay off for Memcached.
func (a CacheClusterArgs) withDefaults() CacheClusterArgs {
	argutil.Default(&a.Engine, EngineValkey)
	replicated := a.Engine != EngineMemcached
	argutil.Default(&a.EngineVersion, DefaultVersion(a.Engine))
	argutil.Default(&a.NodeType, "cache.r7g.large")
	argutil.Default(&a.NodeCount, 2)
	argutil.DefaultPtr(&a.AutomaticFailover, replicated && a.NodeCount >= 2)
	argutil.DefaultPtr(&a.MultiAZ, *a.AutomaticFailover)
	snapshotDays := 0
	if replicated {
		argutil.Default(&a.AuthTokenLength, 64)
		argutil.Default(&a.SnapshotWindow, window.DefaultDaily)
		snapshotDays = 7
	}
	argutil.DefaultPtr(&a.SnapshotRetentionDays, snapshotDays)
	argutil.Default(&a.MaintenanceWindow, window.DefaultWeekly)
	argutil.DefaultPtr(&a.FinalSnapshot, replicated)
	argutil.DefaultPtr(&a.Logs, replicated)
	argutil.Default(&a.LogRetentionDays, 30)
	a.AlarmThresholds = a.AlarmThresholds.withDefaults()
	return a
}

// Validate reports every problem ElastiCache would reject, each naming the field, the limit and
// the fix. It runs before any resource is registered.
func (a CacheClusterArgs) Validate() error {
	user := a // what the caller set explicitly, for the Memcached checks
	a = a.withDefaults()
	var l fielderr.List

	spec, known := engines[a.Engine]
	if !known {
		l.Addf("Engine", "is %q, which is unknown: use %q (default), %q or %q", a.Engine, EngineValkey, EngineRedis, EngineMemcached)
	} else if _, err := checkVersion(a.Engine, a.EngineVersion); err != nil {
		l.Append(err)
	}
	if !strings.HasPrefix(a.NodeType, "cache.") {
		l.Addf("NodeType", "%q is not an ElastiCache node type: use one such as \"cache.r7g.large\" or \"cache.t4g.micro\"", a.NodeType)
	}

	// Network.
	l.Required("VpcID", a.VpcID != nil, "pass the network's VPC ID")
	if len(a.SubnetIDs) == 0 {
		l.Addf("SubnetIDs", "is empty: pass the network's isolated (or private) subnet IDs, one per AZ")
	}
	fielderr.NoNil(&l, "SubnetIDs", a.SubnetIDs, "a subnet ID")
	if len(a.AvailabilityZones) == 0 {
		l.Addf("AvailabilityZones", "is empty: pass the AZ names the subnets cover, such as the network's AvailabilityZoneNames")
	}
	if dup := argutil.FirstDuplicate(a.AvailabilityZones); dup != "" {
		l.Addf("AvailabilityZones", "lists %q twice: name each AZ once", dup)
	}
	if len(a.SubnetIDs) > 0 && len(a.SubnetIDs) < len(a.AvailabilityZones) {
		// A node placed in an AZ the subnet group does not cover fails to create.
		l.Addf("AvailabilityZones", "lists %d AZs but %s has %d subnets: the subnet group needs a subnet in every AZ a node is placed in; add the missing subnets or drop AZs", len(a.AvailabilityZones), fielderr.Ref("SubnetIDs"), len(a.SubnetIDs))
	}
	fielderr.NoNil(&l, "AllowedSecurityGroupIDs", a.AllowedSecurityGroupIDs, "a security group ID")

	if known && spec.replicated {
		a.validateReplicated(&l)
	}
	if a.Engine == EngineMemcached {
		user.validateMemcached(a, &l)
	}

	l.Append(logretention.Check("LogRetentionDays", a.LogRetentionDays))
	if a.Engine != EngineMemcached && *a.SnapshotRetentionDays > 0 {
		for _, err := range windowRules.Check("SnapshotWindow", a.SnapshotWindow, "MaintenanceWindow", a.MaintenanceWindow) {
			l.Append(err)
		}
	} else if _, err := windowRules.Weekly("MaintenanceWindow", a.MaintenanceWindow); err != nil {
		l.Append(err) // no snapshots: the snapshot window is not used
	}
	a.AlarmThresholds.validate("AlarmThresholds", &l)
	return l.Err()
}

// validateReplicated checks the Valkey/Redis OSS rules of CreateReplicationGroup (NumCacheClusters,
// AutomaticFailoverEnabled, MultiAZEnabled, AuthToken; ElastiCache API Reference).
func (a CacheClusterArgs) validateReplicated(l *fielderr.List) {
	if a.NodeCount < 1 || a.NodeCount > MaxReplicationGroupNodes {
		// CreateReplicationGroup NumCacheClusters: a primary plus at most five replicas.
		l.Addf("NodeCount", "is %d: a %s replication group has 1–%d nodes (a primary and up to 5 replicas); set it within that range", a.NodeCount, a.Engine, MaxReplicationGroupNodes)
	}
	if *a.AutomaticFailover && a.NodeCount < 2 {
		// CreateReplicationGroup AutomaticFailoverEnabled: needs at least one replica.
		l.Addf("AutomaticFailover", "is on with %[1]s %[2]d: failover needs a replica to promote; set %[1]s to 2 or more, or %[3]s to false", fielderr.Ref("NodeCount"), a.NodeCount, fielderr.Ref("AutomaticFailover"))
	}
	if *a.MultiAZ && !*a.AutomaticFailover && a.NodeCount < 2 {
		// CreateReplicationGroup MultiAZEnabled: Multi-AZ requires automatic failover, and failover
		// a replica; said in terms of the node count when that is what turned failover off.
		l.Addf("MultiAZ", "is true with %[1]s %[2]d: Multi-AZ needs automatic failover, which needs at least 2 nodes; set %[1]s to 2 or more, or %[3]s to false", fielderr.Ref("NodeCount"), a.NodeCount, fielderr.Ref("MultiAZ"))
	} else if *a.MultiAZ && !*a.AutomaticFailover {
		// CreateReplicationGroup MultiAZEnabled: Multi-AZ requires automatic failover.
		l.Addf("MultiAZ", "is on but %[1]s is off: Multi-AZ needs automatic failover; turn %[1]s on or %[2]s off", fielderr.Ref("AutomaticFailover"), fielderr.Ref("MultiAZ"))
	}
	if (*a.AutomaticFailover || *a.MultiAZ) && len(a.AvailabilityZones) == 1 {
		// A Multi-AZ / failover group needs its subnet group to span two AZs.
		l.Addf("AvailabilityZones", "lists %d AZ: automatic failover and Multi-AZ need nodes in at least 2 AZs; pass two or more AZs (and their subnets)", len(a.AvailabilityZones))
	}
	if a.AuthTokenLength < MinAuthTokenLength || a.AuthTokenLength > MaxAuthTokenLength {
		// CreateReplicationGroup AuthToken: 16–128 printable characters.
		l.Addf("AuthTokenLength", "is %d: an AUTH token has %d–%d characters; leave it unset for 64", a.AuthTokenLength, MinAuthTokenLength, MaxAuthTokenLength)
	}
	if r := *a.SnapshotRetentionDays; r < 0 || r > MaxSnapshotRetentionDays {
		l.Addf("SnapshotRetentionDays", "is %d: ElastiCache keeps automatic snapshots 0–%d days; set it within that range (0 turns snapshots off)", r, MaxSnapshotRetentionDays)
	}
}

// validateMemcached rejects what Memcached does not have (ElastiCache user guide, "Comparing
// Valkey, Memcached, and Redis OSS"): replication, failover, Multi-AZ, AUTH, snapshots, log
// delivery and at-rest encryption. user holds only what
// the caller set; a holds the defaults applied.
func (user CacheClusterArgs) validateMemcached(a CacheClusterArgs, l *fielderr.List) {
	reject := func(field, fix string) {
		l.Addf(field, "is set but Memcached has no %s: leave it unset, or use %s %q", fix, fielderr.Ref("Engine"), EngineValkey)
	}
	if a.NodeCount < 1 || a.NodeCount > MaxMemcachedNodes {
		// CreateCacheCluster NumCacheNodes: "between 1 and 40" for Memcached.
		l.Addf("NodeCount", "is %d: a Memcached cluster has 1–%d nodes (more needs an AWS limit increase); set it within that range", a.NodeCount, MaxMemcachedNodes)
	}
	if user.AutomaticFailover != nil && *user.AutomaticFailover {
		reject("AutomaticFailover", "replication or failover")
	}
	if user.MultiAZ != nil && *user.MultiAZ {
		reject("MultiAZ", "replicas (its nodes are spread with cross-az mode instead)")
	}
	if user.AuthTokenLength != 0 {
		reject("AuthTokenLength", "AUTH")
	}
	if user.KmsKeyID != nil {
		reject("KmsKeyID", "at-rest encryption")
	}
	if user.SnapshotRetentionDays != nil && *user.SnapshotRetentionDays != 0 {
		reject("SnapshotRetentionDays", "snapshots")
	}
	if user.SnapshotWindow != "" {
		reject("SnapshotWindow", "snapshots")
	}
	if user.FinalSnapshot != nil && *user.FinalSnapshot {
		reject("FinalSnapshot", "snapshots")
	}
	if user.Logs != nil && *user.Logs {
		reject("Logs", "slow-log or engine-log delivery")
	}
}

// resourceNameLimits are the identifier limits of the children auto-named from the component
// name: Pulumi appends "-" and 7 random characters, and ElastiCache caps replication group IDs at
// 40 characters and cluster IDs at 50 (CreateReplicationGroup ReplicationGroupId,
// CreateCacheCluster CacheClusterId).
const (
	autoNameSuffixLen        = 8
	maxReplicationGroupIDLen = 40
	maxCacheClusterIDLen     = 50
)

// identifier is what ElastiCache accepts in an ID: a letter first, then letters, digits and single
// hyphens, not ending in a hyphen.
var identifier = regexp.MustCompile(`^[A-Za-z](-?[A-Za-z0-9])*$`)

// ValidateName checks that the component name yields a valid ElastiCache identifier once Pulumi
// auto-names the replication group or cluster from it (CreateReplicationGroup
// ReplicationGroupId, CreateCacheCluster CacheClusterId).
func ValidateName(name string, engine Engine) error {
	if !identifier.MatchString(name) {
		return fmt.Errorf("name %q: ElastiCache identifiers start with a letter and hold only letters, digits and single hyphens, not at the end; rename the component", name)
	}
	suffix, limit := rgSuffix, maxReplicationGroupIDLen
	if engine == EngineMemcached {
		suffix, limit = memcachedSuffix, maxCacheClusterIDLen
	}
	if maxLen := limit - len(suffix) - autoNameSuffixLen; len(name) > maxLen {
		return fmt.Errorf("name %q has %d characters: the auto-named ID %q plus 8 random characters must fit ElastiCache's %d-character limit; shorten the name to %d characters or fewer",
			name, len(name), strings.ToLower(name)+suffix, limit, maxLen)
	}
	return nil
}
