package sessions

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/argutil"
	"github.com/tenkstack/tenk/internal/fielderr"
)

// StreamViewType is what a DynamoDB stream record carries for each changed item.
type StreamViewType string

const (
	// StreamKeysOnly records only the key attributes of the changed item.
	StreamKeysOnly StreamViewType = "KEYS_ONLY"
	// StreamNewImage records the item as it is after the change.
	StreamNewImage StreamViewType = "NEW_IMAGE"
	// StreamOldImage records the item as it was before the change.
	StreamOldImage StreamViewType = "OLD_IMAGE"
	// StreamNewAndOldImages records the item before and after the change.
	StreamNewAndOldImages StreamViewType = "NEW_AND_OLD_IMAGES"
)

// Limits DynamoDB and Application Auto Scaling put on the args.
const (
	// MaxAttributeNameBytes bounds key and TTL attribute names (CreateTable KeySchemaElement and
	// UpdateTimeToLive AttributeName: 1–255 bytes).
	MaxAttributeNameBytes = 255
	// MinTableNameLength and MaxTableNameLength bound an explicit table name (CreateTable TableName).
	MinTableNameLength = 3
	MaxTableNameLength = 255
	// MaxRecoveryPeriodDays is the longest point-in-time recovery window (PointInTimeRecoverySpecification).
	MaxRecoveryPeriodDays = 35
	// MinTargetUtilization and MaxTargetUtilization bound DynamoDB autoscaling's target utilisation
	// (DynamoDB Developer Guide, "Managing throughput capacity automatically with DynamoDB auto scaling").
	MinTargetUtilization = 20
	MaxTargetUtilization = 90
	// MaxTags is DynamoDB's tag limit per resource (DynamoDB Developer Guide, "Tagging restrictions").
	MaxTags = 50
)

// tableNamePattern is CreateTable's TableName pattern.
var tableNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]+$`)

// SessionTableArgs configures a SessionTable. The zero value is a valid production table:
// on-demand, TTL on ExpiresAt, PITR (35 days), deletion protection, AWS-managed KMS encryption.
type SessionTableArgs struct {
	// TableName is the table's name, 3–255 characters of a-z, A-Z, 0-9, '_', '-' and '.'.
	// Default: Pulumi auto-naming (the logical name plus a random suffix), so two stacks in one
	// account never collide and a replacement can be created before the old table is deleted.
	TableName string
	// PartitionKey is the name of the string (S) partition key holding the session ID, 1–255 bytes.
	// Default: "SessionId".
	PartitionKey string
	// TTLAttribute is the Number attribute holding each session's expiry time in epoch seconds,
	// 1–255 bytes and different from PartitionKey. DynamoDB deletes expired items best-effort
	// (typically within a few days), so readers must still check it. Default: "ExpiresAt".
	TTLAttribute string
	// Provisioned switches the table to PROVISIONED billing with target-tracking autoscaling of
	// reads and writes. Default: nil, on-demand (PAY_PER_REQUEST) billing, which suits spiky
	// session traffic and needs no capacity planning.
	Provisioned *ProvisionedCapacity
	// MaxReadRequestUnits caps an on-demand table's read request units per second (a cost guard
	// for dev); must be ≥ 1 when set and is not allowed with Provisioned. Default: 0, uncapped.
	MaxReadRequestUnits int
	// MaxWriteRequestUnits caps an on-demand table's write request units per second; must be ≥ 1
	// when set and is not allowed with Provisioned. Default: 0, uncapped.
	MaxWriteRequestUnits int
	// PointInTimeRecovery keeps continuous backups restorable to any second of the recovery
	// window. Default: true. Dev may set it to false.
	PointInTimeRecovery *bool
	// PointInTimeRecoveryDays is the recovery window, 1–35 days; only with PointInTimeRecovery.
	// Default: 35.
	PointInTimeRecoveryDays int
	// DeletionProtection makes DynamoDB refuse to delete the table until it is switched off.
	// Default: true. Dev may set it to false.
	DeletionProtection *bool
	// Protect marks the table pulumi.Protect (tenk's one list of stateful types,
	// internal/stateful), so `pulumi destroy` refuses to delete it. Default: false.
	Protect bool
	// KmsKeyArn is a customer managed KMS key to encrypt the table with; the managed policy then
	// also allows the web tier to use that key through DynamoDB. Default: nil, the AWS-managed
	// aws/dynamodb key (no monthly fee, and its use is visible in CloudTrail). Encryption is always
	// on: there is no switch to the AWS-owned key.
	KmsKeyArn pulumi.StringInput
	// StreamViewType turns on a DynamoDB stream of session changes with this view. Default: "",
	// no stream.
	StreamViewType StreamViewType
	// Alarms creates the CloudWatch alarms (throttled reads and writes, system errors per
	// operation). Default: true.
	Alarms *bool
	// AlarmTopicArn is an SNS topic notified when an alarm fires and recovers. Default: nil, the
	// alarms exist without actions.
	AlarmTopicArn pulumi.StringInput
	// Tags are added to every resource that takes tags; at most 50, keys 1–128 characters not
	// starting with "aws:", values ≤ 256 characters. Default: none.
	Tags map[string]string
}

// ProvisionedCapacity sizes a PROVISIONED table. The table starts at the minimums and
// Application Auto Scaling moves reads and writes between minimum and maximum to hold
// TargetUtilization; the component then ignores capacity drift so `pulumi up` never resets it.
type ProvisionedCapacity struct {
	// MinReadCapacity is the lowest read capacity (RCUs) and the initial one; ≥ 1. Default: 5.
	MinReadCapacity int
	// MaxReadCapacity is the highest read capacity autoscaling may set; ≥ MinReadCapacity.
	// Default: 10 × MinReadCapacity.
	MaxReadCapacity int
	// MinWriteCapacity is the lowest write capacity (WCUs) and the initial one; ≥ 1. Default: 5.
	MinWriteCapacity int
	// MaxWriteCapacity is the highest write capacity autoscaling may set; ≥ MinWriteCapacity.
	// Default: 10 × MinWriteCapacity.
	MaxWriteCapacity int
	// TargetUtilization is the consumed/provisioned percentage autoscaling holds, 20–90.
	// Default: 70 (DynamoDB's console default).
	TargetUtilization float64
}

// withDefaults returns a copy of args with every unset field at its documented default. It never
// modifies the caller's args.
func (a SessionTableArgs) withDefaults() SessionTableArgs {
	argutil.Default(&a.PartitionKey, "SessionId")
	argutil.Default(&a.TTLAttribute, "ExpiresAt")
	argutil.DefaultPtr(&a.PointInTimeRecovery, true)
	if a.PointInTimeRecoveryDays == 0 && *a.PointInTimeRecovery {
		a.PointInTimeRecoveryDays = MaxRecoveryPeriodDays
	}
	argutil.DefaultPtr(&a.DeletionProtection, true)
	if a.Provisioned != nil {
		p := *a.Provisioned
		argutil.Default(&p.MinReadCapacity, 5)
		argutil.Default(&p.MaxReadCapacity, 10*p.MinReadCapacity)
		argutil.Default(&p.MinWriteCapacity, 5)
		argutil.Default(&p.MaxWriteCapacity, 10*p.MinWriteCapacity)
		argutil.Default(&p.TargetUtilization, 70)
		a.Provisioned = &p
	}
	return a
}

// Validate reports every problem DynamoDB, IAM or Application Auto Scaling would reject (or that
// would silently break sessions), each naming the field, the limit and the fix. It runs before any
// resource is registered.
func (a SessionTableArgs) Validate() error {
	a = a.withDefaults()
	var l fielderr.List
	if a.TableName != "" {
		// CreateTable TableName: 3–255 characters, [a-zA-Z0-9_.-]+.
		if n := len(a.TableName); n < MinTableNameLength || n > MaxTableNameLength || !tableNamePattern.MatchString(a.TableName) {
			l.Addf("TableName", "%q is not a DynamoDB table name: use %d–%d characters of a-z, A-Z, 0-9, '_', '-' and '.', or leave it empty for auto-naming", a.TableName, MinTableNameLength, MaxTableNameLength)
		}
	}
	// CreateTable KeySchemaElement AttributeName and UpdateTimeToLive AttributeName: 1–255 bytes.
	attributeName(&l, "PartitionKey", a.PartitionKey)
	attributeName(&l, "TTLAttribute", a.TTLAttribute)
	if a.PartitionKey == a.TTLAttribute {
		// DynamoDB TTL only acts on a Number attribute holding epoch seconds; the key is a String.
		l.Addf("TTLAttribute", "and %s are both %q: TTL needs a separate Number attribute holding epoch seconds; use another name such as \"ExpiresAt\"", fielderr.Ref("PartitionKey"), a.TTLAttribute)
	}
	if p := a.Provisioned; p != nil {
		capacityRange(&l, "Provisioned", "Read", p.MinReadCapacity, p.MaxReadCapacity)
		capacityRange(&l, "Provisioned", "Write", p.MinWriteCapacity, p.MaxWriteCapacity)
		// DynamoDB auto scaling accepts a target utilisation of 20–90 percent.
		if p.TargetUtilization < MinTargetUtilization || p.TargetUtilization > MaxTargetUtilization {
			l.Addf("Provisioned.TargetUtilization", "is %g: DynamoDB autoscaling accepts %d–%d percent; 70 is a good start", p.TargetUtilization, MinTargetUtilization, MaxTargetUtilization)
		}
		// OnDemandThroughput applies only to PAY_PER_REQUEST tables (CreateTable OnDemandThroughput).
		for _, f := range []struct {
			field string
			value int
		}{{"MaxReadRequestUnits", a.MaxReadRequestUnits}, {"MaxWriteRequestUnits", a.MaxWriteRequestUnits}} {
			if f.value != 0 {
				l.Addf(f.field, "caps on-demand tables only: with %s, cap throughput with its Max%sCapacity instead", fielderr.Ref("Provisioned"), strings.TrimSuffix(strings.TrimPrefix(f.field, "Max"), "RequestUnits"))
			}
		}
	}
	// OnDemandThroughput MaxReadRequestUnits/MaxWriteRequestUnits: at least 1 when set.
	for _, f := range []struct {
		field string
		value int
	}{{"MaxReadRequestUnits", a.MaxReadRequestUnits}, {"MaxWriteRequestUnits", a.MaxWriteRequestUnits}} {
		if f.value < 0 {
			l.Addf(f.field, "is %d: it must be at least 1, or 0 for no cap", f.value)
		}
	}
	// PointInTimeRecoverySpecification RecoveryPeriodInDays: 1–35, only with PITR enabled.
	if *a.PointInTimeRecovery {
		if a.PointInTimeRecoveryDays < 1 || a.PointInTimeRecoveryDays > MaxRecoveryPeriodDays {
			l.Addf("PointInTimeRecoveryDays", "is %d: DynamoDB keeps 1–%d days; leave it 0 for %d", a.PointInTimeRecoveryDays, MaxRecoveryPeriodDays, MaxRecoveryPeriodDays)
		}
	} else if a.PointInTimeRecoveryDays != 0 {
		l.Addf("PointInTimeRecoveryDays", "is %d but %s is false: drop the days or turn recovery on", a.PointInTimeRecoveryDays, fielderr.Ref("PointInTimeRecovery"))
	}
	// StreamSpecification StreamViewType: one of four values.
	if a.StreamViewType != "" {
		fielderr.OneOf(&l, "StreamViewType", a.StreamViewType, StreamKeysOnly, StreamNewImage, StreamOldImage, StreamNewAndOldImages)
	}
	l.Tags("Tags", a.Tags, MaxTags, "DynamoDB tables")
	return l.Err()
}

// attributeName checks a key or TTL attribute name: 1–255 bytes of UTF-8.
func attributeName(l *fielderr.List, field, name string) {
	if !utf8.ValidString(name) || len(name) > MaxAttributeNameBytes {
		l.Addf(field, "%q is not a DynamoDB key or TTL attribute name: use 1–%d bytes of UTF-8", name, MaxAttributeNameBytes)
	}
}

// capacityRange checks one autoscaled dimension of the struct at path: RegisterScalableTarget
// needs min ≥ 1 for a DynamoDB table and max ≥ min.
func capacityRange(l *fielderr.List, path, dimension string, lo, hi int) {
	minField := fielderr.Field(path, "Min"+dimension+"Capacity")
	if lo < 1 {
		l.Addf(minField, "is %d: a provisioned table needs at least 1 capacity unit; set 1 or more", lo)
	}
	if hi < lo {
		l.Addf(fielderr.Field(path, "Max"+dimension+"Capacity"), "is %d, below %s %d: autoscaling needs max ≥ min; raise the maximum", hi, fielderr.Ref(minField), lo)
	}
}
