package cache

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/outputs"
	"github.com/tenkstack/tenk/components/internal/protect"
)

// Token is CacheCluster's type token; it is part of every child's URN, so it never changes.
const Token = "tenk:cache:CacheCluster"

// Fixed suffixes of the stateful children. They name the resource whatever the engine version or
// node count, so changing those never replaces the cache.
const (
	rgSuffix        = "-rg"
	memcachedSuffix = "-memcached"
)

// CacheCluster is an ElastiCache replication group (Valkey, Redis OSS) or Memcached cluster with
// its subnet group, security group, AUTH secret and alarms.
type CacheCluster struct {
	pulumi.ResourceState

	// Engine is the engine the cache runs.
	Engine Engine
	// Port is the port clients connect to.
	Port int
	// PrimaryEndpoint is the host name of the replication group's primary, for writes
	// (Valkey/Redis OSS; empty for Memcached). It follows failovers.
	PrimaryEndpoint pulumi.StringOutput
	// ReaderEndpoint is the host name that spreads reads over the replicas (Valkey/Redis OSS;
	// empty for Memcached).
	ReaderEndpoint pulumi.StringOutput
	// ConfigurationEndpoint is the Memcached cluster's auto-discovery host name (empty for
	// Valkey/Redis OSS).
	ConfigurationEndpoint pulumi.StringOutput
	// AuthSecretArn is the Secrets Manager secret holding {"token","host","readerHost","port"}
	// as JSON (Valkey/Redis OSS; empty for Memcached, which has no AUTH).
	AuthSecretArn pulumi.StringOutput
	// SecurityGroupID is the cache's security group; admit more clients with ingress rules on it.
	SecurityGroupID pulumi.StringOutput
	// CacheClusterIDs are the CacheClusterId values the cache's metrics carry: one per
	// replication group member (Valkey/Redis OSS), or the Memcached cluster's ID.
	CacheClusterIDs pulumi.StringArrayOutput
	// AlarmArns are the ARNs of the cache's alarms, for dashboards.
	AlarmArns pulumi.StringArrayOutput
	// ReplicationGroup is the Valkey/Redis OSS replication group (nil for Memcached).
	ReplicationGroup *elasticache.ReplicationGroup
	// Cluster is the Memcached cluster (nil for Valkey/Redis OSS).
	Cluster *elasticache.Cluster
}

// NewCacheCluster validates args, then builds the cache and everything around it as children of
// one CacheCluster component. Invalid args register nothing.
func NewCacheCluster(ctx *pulumi.Context, name string, args *CacheClusterArgs, opts ...pulumi.ResourceOption) (*CacheCluster, error) {
	if args == nil {
		args = &CacheClusterArgs{}
	}
	a := args.withDefaults()
	if err := errors.Join(ValidateName(name, a.Engine), args.Validate()); err != nil {
		return nil, fmt.Errorf("cache %q: %w", name, err)
	}
	spec := engines[a.Engine]

	c := &CacheCluster{Engine: a.Engine, Port: spec.port}
	if err := ctx.RegisterComponentResource(Token, name, c, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	cm, err := c.sharedChildren(ctx, name, a)
	if err != nil {
		return nil, err
	}

	var dimensions []pulumi.StringInput
	if spec.replicated {
		dimensions, err = c.replicationGroup(ctx, a, cm)
	} else {
		dimensions, err = c.memcached(ctx, a, cm)
	}
	if err != nil {
		return nil, err
	}

	var list []alarms.Alarm
	if alarms.On(a.Alarms) {
		list = alarmList(a, dimensions)
	}
	created, err := alarms.Create(ctx, name, list, a.AlarmTopicArn, cm.tags, cm.parent)
	if err != nil {
		return nil, err
	}
	c.CacheClusterIDs = pulumi.StringArray(dimensions).ToStringArrayOutput()
	c.AlarmArns = alarms.ARNs(created)

	if err := outputs.Register(ctx, c); err != nil {
		return nil, err
	}
	return c, nil
}

// common carries what both engines' builders share.
type common struct {
	name, description string
	tags              pulumi.StringMap
	parent            pulumi.ResourceOption
	securityGroupID   pulumi.StringInput
	subnetGroup       pulumi.StringInput
	parameterGroup    pulumi.StringPtrInput
	notify            pulumi.StringPtrInput
}
