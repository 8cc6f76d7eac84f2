// Package stateful is tenk's one list of the resource types that hold data a replacement or a
// deletion loses: databases, caches, tables, buckets (the assets bucket and the access-log
// buckets alike) and secrets (a deleted secret takes its generated password with it). The
// components protect exactly these (components/internal/protect), the plan CLI flags their
// replacements (internal/plan) and the posture tests check both (tests/).
package stateful

import "slices"

// types are the Pulumi type tokens of stateful resources, sorted.
var types = []string{
	"aws:dynamodb/table:Table",
	"aws:elasticache/cluster:Cluster",
	"aws:elasticache/replicationGroup:ReplicationGroup",
	"aws:rds/cluster:Cluster",
	"aws:rds/clusterInstance:ClusterInstance",
	"aws:rds/instance:Instance",
	"aws:s3/bucket:Bucket",
	"aws:s3/bucketV2:BucketV2",
	"aws:secretsmanager/secret:Secret",
}

// Is reports whether resources of the type token typ hold data.
func Is(typ string) bool {
	_, found := slices.BinarySearch(types, typ)
	return found
}

// Types returns the stateful type tokens, sorted.
func Types() []string { return slices.Clone(types) }
