package plan

import (
	"strconv"
	"strings"

	"github.com/tenkstack/tenk/internal/stateful"
)

// IsStateful reports whether a type token holds data: tenk's one list, internal/stateful, which
// the components' Protect and the posture tests use too.
func IsStateful(typ string) bool { return stateful.Is(typ) }

// replaceOnChange lists, per stateful type, the top-level inputs AWS cannot update in place: a
// change replaces the resource (delete and create, data lost without a snapshot). Any other
// changed input is an in-place update.
//
// Source: the "ForceNew" attributes of the Terraform AWS provider that pulumi-aws v6 bridges
// (hashicorp/terraform-provider-aws, internal/service/<svc>/<resource>.go, schema fields marked
// ForceNew: true), which pulumi-aws's schema surfaces as replaceOnChanges; cross-checked with the
// AWS API references (ModifyDBInstance, ModifyReplicationGroup, UpdateTable have no parameter for
// them).
var replaceOnChange = map[string]map[string]string{
	"aws:rds/instance:Instance": {
		"engine":                   "the engine cannot change in place",
		"storageEncrypted":         "encryption at rest is fixed at creation",
		"kmsKeyId":                 "the KMS key is fixed at creation",
		"dbSubnetGroupName":        "moving to another subnet group recreates the instance",
		"availabilityZone":         "a single-AZ instance cannot move AZ in place",
		"identifier":               "the identifier names the instance",
		"identifierPrefix":         "the identifier names the instance",
		"dbName":                   "the initial database is fixed at creation",
		"username":                 "the master user is fixed at creation",
		"characterSetName":         "the character set is fixed at creation",
		"ncharCharacterSetName":    "the character set is fixed at creation",
		"snapshotIdentifier":       "restoring from a snapshot creates a new instance",
		"restoreToPointInTime":     "a point-in-time restore creates a new instance",
		"timezone":                 "the time zone is fixed at creation",
		"customIamInstanceProfile": "fixed at creation",
	},
	"aws:rds/cluster:Cluster": {
		"engine":             "the engine cannot change in place",
		"engineMode":         "the engine mode cannot change in place",
		"clusterIdentifier":  "the identifier names the cluster",
		"databaseName":       "the initial database is fixed at creation",
		"masterUsername":     "the master user is fixed at creation",
		"storageEncrypted":   "encryption at rest is fixed at creation",
		"kmsKeyId":           "the KMS key is fixed at creation",
		"dbSubnetGroupName":  "moving to another subnet group recreates the cluster",
		"availabilityZones":  "the cluster's AZs are fixed at creation",
		"snapshotIdentifier": "restoring from a snapshot creates a new cluster",
	},
	"aws:rds/clusterInstance:ClusterInstance": {
		"identifier":        "the identifier names the instance",
		"clusterIdentifier": "an instance cannot move to another cluster",
		"engine":            "the engine cannot change in place",
		"availabilityZone":  "an instance cannot move AZ in place",
		"dbSubnetGroupName": "moving to another subnet group recreates the instance",
	},
	"aws:elasticache/replicationGroup:ReplicationGroup": {
		"replicationGroupId":       "the ID names the group",
		"engine":                   "only redis → valkey upgrades in place; any other engine change recreates the group",
		"transitEncryptionEnabled": "recreates the group on Redis OSS before 7.0.5",
		"atRestEncryptionEnabled":  "encryption at rest is fixed at creation",
		"kmsKeyId":                 "the KMS key is fixed at creation",
		"subnetGroupName":          "the subnet group is fixed at creation",
		"port":                     "the port is fixed at creation",
		"snapshotArns":             "seeding from a snapshot creates a new group",
		"snapshotName":             "seeding from a snapshot creates a new group",
	},
	"aws:elasticache/cluster:Cluster": {
		"clusterId":        "the ID names the cluster",
		"engine":           "the engine cannot change in place",
		"port":             "the port is fixed at creation",
		"subnetGroupName":  "the subnet group is fixed at creation",
		"availabilityZone": "the AZ is fixed at creation",
	},
	"aws:dynamodb/table:Table": {
		"name":                  "the name identifies the table",
		"hashKey":               "the partition key is fixed at creation",
		"rangeKey":              "the sort key is fixed at creation",
		"localSecondaryIndexes": "local secondary indexes are fixed at creation",
	},
	"aws:s3/bucketV2:BucketV2": {
		"bucket":            "the name identifies the bucket",
		"bucketPrefix":      "the name identifies the bucket",
		"objectLockEnabled": "object lock is set at creation",
	},
	"aws:s3/bucket:Bucket": {
		"bucket":       "the name identifies the bucket",
		"bucketPrefix": "the name identifies the bucket",
	},
	"aws:secretsmanager/secret:Secret": {
		"name":       "the name identifies the secret",
		"namePrefix": "the name identifies the secret",
	},
}

// replaceReason returns why changing input key of r (as it is after the change) replaces it, or
// "" for an in-place update.
func replaceReason(r *Resource, key string) string {
	reason := replaceOnChange[r.Type][key]
	if reason == "" {
		return ""
	}
	if r.Type == "aws:elasticache/replicationGroup:ReplicationGroup" {
		switch key {
		case "transitEncryptionEnabled":
			// ModifyReplicationGroup TransitEncryptionEnabled: in place from Redis OSS 7.0.5 and
			// on every Valkey version.
			if r.String("engine") == "valkey" || majorVersion(r.String("engineVersion")) >= 7 {
				return ""
			}
		case "engine":
			// ElastiCache "Upgrading engine versions": Redis OSS → Valkey is an in-place upgrade.
			if r.String("engine") == "valkey" {
				return ""
			}
		}
	}
	return reason
}

// majorVersion parses "7.1" → 7; 0 when unknown.
func majorVersion(v string) int {
	n, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	return n
}
