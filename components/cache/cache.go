package cache

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/alarms"
	"github.com/tenkstack/tenk/components/internal/ingress"
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
	family, _ := parameterGroupFamily(a.Engine, a.EngineVersion) // validated above

	c := &CacheCluster{Engine: a.Engine, Port: spec.port}
	if err := ctx.RegisterComponentResource(Token, name, c, protect.Register(a.Protect, opts)...); err != nil {
		return nil, err
	}
	parent := pulumi.Parent(c)
	tags := pulumi.ToStringMap(a.Tags)
	description := a.Description
	if description == "" {
		description = "tenk cache " + name
	}

	sg, err := ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		VpcId: a.VpcID,
		// Fixed text: a security group's description cannot change without replacing it, and it
		// accepts fewer characters than the cache's Description.
		Description: pulumi.Sprintf("tenk cache %s: only the admitted security groups, on the cache port", name),
		// No egress: ElastiCache nodes open no outbound connections, and the provider removes
		// AWS's default allow-all egress rule when it creates the group.
		Tags: tags,
	}, parent)
	if err != nil {
		return nil, err
	}
	c.SecurityGroupID = sg.ID().ToStringOutput()
	if _, err := ingress.FromSecurityGroups(ctx, name, sg.ID(), a.AllowedSecurityGroupIDs, spec.port,
		fmt.Sprintf("%s clients", a.Engine), parent); err != nil {
		return nil, err
	}

	subnets, err := elasticache.NewSubnetGroup(ctx, name+"-subnets", &elasticache.SubnetGroupArgs{
		Description: pulumi.String(description),
		SubnetIds:   pulumi.StringArray(a.SubnetIDs),
		Tags:        tags,
	}, parent)
	if err != nil {
		return nil, err
	}

	var parameterGroup pulumi.StringPtrInput
	if len(a.Parameters) > 0 {
		pg, err := elasticache.NewParameterGroup(ctx, name+"-params", &elasticache.ParameterGroupArgs{
			Family:      pulumi.String(family),
			Description: pulumi.String(description),
			Parameters:  parameters(a.Parameters),
			Tags:        tags,
		}, parent)
		if err != nil {
			return nil, err
		}
		parameterGroup = pg.Name
	}

	var notify pulumi.StringPtrInput
	if a.EventTopicArn != nil {
		notify = a.EventTopicArn.ToStringOutput().ToStringPtrOutput()
	}
	shared := common{
		name: name, description: description, tags: tags, parent: parent,
		securityGroupID: sg.ID(), subnetGroup: subnets.Name, parameterGroup: parameterGroup, notify: notify,
	}

	var dimensions []pulumi.StringInput
	if spec.replicated {
		if dimensions, err = c.replicationGroup(ctx, a, shared); err != nil {
			return nil, err
		}
	} else {
		if dimensions, err = c.memcached(ctx, a, shared); err != nil {
			return nil, err
		}
	}

	var list []alarms.Alarm
	if alarms.On(a.Alarms) {
		list = alarmList(a, dimensions)
	}
	created, err := alarms.Create(ctx, name, list, a.AlarmTopicArn, tags, parent)
	if err != nil {
		return nil, err
	}
	c.CacheClusterIDs = pulumi.StringArray(dimensions).ToStringArrayOutput()
	c.AlarmArns = alarms.ARNs(created)

	if err := ctx.RegisterResourceOutputs(c, pulumi.Map{
		"engine":                pulumi.String(string(a.Engine)),
		"port":                  pulumi.Int(spec.port),
		"primaryEndpoint":       c.PrimaryEndpoint,
		"readerEndpoint":        c.ReaderEndpoint,
		"configurationEndpoint": c.ConfigurationEndpoint,
		"authSecretArn":         c.AuthSecretArn,
		"securityGroupId":       c.SecurityGroupID,
		"cacheClusterIds":       c.CacheClusterIDs,
		"alarmArns":             c.AlarmArns,
	}); err != nil {
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

// replicationGroup builds the Valkey/Redis OSS replication group, its AUTH token and secret, its
// final-snapshot name and log groups. It returns each member's cache cluster ID, for the alarms.
func (c *CacheCluster) replicationGroup(ctx *pulumi.Context, a CacheClusterArgs, cm common) ([]pulumi.StringInput, error) {
	// The token goes to AUTH, so it may hold only the specials ElastiCache accepts (CreateReplicationGroup
	// AuthToken); one of each class keeps it from being all letters.
	token, err := random.NewRandomPassword(ctx, cm.name+"-auth-token", &random.RandomPasswordArgs{
		Length:          pulumi.Int(a.AuthTokenLength),
		Special:         pulumi.Bool(true),
		OverrideSpecial: pulumi.String(AuthTokenSpecials),
		MinLower:        pulumi.Int(1),
		MinUpper:        pulumi.Int(1),
		MinNumeric:      pulumi.Int(1),
	}, cm.parent)
	if err != nil {
		return nil, err
	}

	var finalSnapshot pulumi.StringPtrInput
	if *a.FinalSnapshot {
		// Created once and kept, so the name is stable across updates and unique per cache: a
		// second cache of the same name never collides with an earlier final snapshot.
		suffix, err := random.NewRandomId(ctx, cm.name+"-final-snapshot", &random.RandomIdArgs{
			ByteLength: pulumi.Int(4),
		}, cm.parent)
		if err != nil {
			return nil, err
		}
		finalSnapshot = pulumi.Sprintf("%s-final-%s", strings.ToLower(cm.name), suffix.Hex)
	}

	var logs elasticache.ReplicationGroupLogDeliveryConfigurationArray
	if *a.Logs {
		for _, logType := range []string{"slow-log", "engine-log"} {
			group, err := cloudwatch.NewLogGroup(ctx, cm.name+"-"+logType, &cloudwatch.LogGroupArgs{
				RetentionInDays: pulumi.Int(a.LogRetentionDays),
				Tags:            cm.tags,
			}, cm.parent)
			if err != nil {
				return nil, err
			}
			logs = append(logs, elasticache.ReplicationGroupLogDeliveryConfigurationArgs{
				Destination:     group.Name,
				DestinationType: pulumi.String("cloudwatch-logs"),
				LogFormat:       pulumi.String("json"),
				LogType:         pulumi.String(logType),
			})
		}
	}

	rgArgs := &elasticache.ReplicationGroupArgs{
		// Required by the API (aws-constraints 19); the ID itself is auto-named from the name.
		Description:   pulumi.String(cm.description),
		Engine:        pulumi.String(string(a.Engine)),
		EngineVersion: pulumi.String(a.EngineVersion),
		NodeType:      pulumi.String(a.NodeType),
		Port:          pulumi.Int(engines[a.Engine].port),
		// Members in distinct AZs, primary first (aws-constraints 18).
		NumCacheClusters:         pulumi.Int(a.NodeCount),
		PreferredCacheClusterAzs: pulumi.ToStringArray(placement(a.AvailabilityZones, a.NodeCount)),
		AutomaticFailoverEnabled: pulumi.Bool(*a.AutomaticFailover),
		MultiAzEnabled:           pulumi.Bool(*a.MultiAZ),
		SubnetGroupName:          cm.subnetGroup,
		SecurityGroupIds:         pulumi.StringArray{cm.securityGroupID},
		ParameterGroupName:       cm.parameterGroup,
		// TLS is decided at creation: switching it on later is a two-step migration
		// (aws-constraints 21), and AUTH requires it (aws-constraints 17). No switch turns it off.
		TransitEncryptionEnabled: pulumi.Bool(true),
		AtRestEncryptionEnabled:  pulumi.Bool(true),
		AuthToken:                token.Result,
		// ROTATE keeps the old token valid next to a new one until the next change, so clients
		// reading the secret are not cut off mid-rollout.
		AuthTokenUpdateStrategy:   pulumi.String("ROTATE"),
		SnapshotRetentionLimit:    pulumi.Int(*a.SnapshotRetentionDays),
		MaintenanceWindow:         pulumi.String(a.MaintenanceWindow),
		FinalSnapshotIdentifier:   finalSnapshot,
		LogDeliveryConfigurations: logs,
		NotificationTopicArn:      cm.notify,
		ApplyImmediately:          pulumi.Bool(a.ApplyImmediately),
		Tags:                      cm.tags,
	}
	if *a.SnapshotRetentionDays > 0 {
		rgArgs.SnapshotWindow = pulumi.String(a.SnapshotWindow)
	}
	if a.KmsKeyID != nil {
		rgArgs.KmsKeyId = a.KmsKeyID.ToStringOutput().ToStringPtrOutput()
	}
	rg, err := elasticache.NewReplicationGroup(ctx, cm.name+rgSuffix, rgArgs, cm.parent)
	if err != nil {
		return nil, err
	}
	c.ReplicationGroup = rg
	c.PrimaryEndpoint = rg.PrimaryEndpointAddress
	c.ReaderEndpoint = rg.ReaderEndpointAddress
	c.ConfigurationEndpoint = pulumi.String("").ToStringOutput()

	secret, err := secretsmanager.NewSecret(ctx, cm.name+"-auth", &secretsmanager.SecretArgs{
		Description: pulumi.Sprintf("%s: AUTH token and endpoints (JSON: token, host, readerHost, port)", cm.description),
		Tags:        cm.tags,
	}, cm.parent)
	if err != nil {
		return nil, err
	}
	if _, err := secretsmanager.NewSecretVersion(ctx, cm.name+"-auth", &secretsmanager.SecretVersionArgs{
		SecretId: secret.ID(),
		SecretString: pulumi.JSONMarshal(pulumi.Map{
			"token":      token.Result,
			"host":       rg.PrimaryEndpointAddress,
			"readerHost": rg.ReaderEndpointAddress,
			"port":       pulumi.Int(engines[a.Engine].port),
		}).ToStringPtrOutput(),
	}, cm.parent); err != nil {
		return nil, err
	}
	c.AuthSecretArn = secret.Arn

	members := make([]pulumi.StringInput, a.NodeCount)
	for i := range members {
		members[i] = rg.MemberClusters.Index(pulumi.Int(i))
	}
	return members, nil
}

// memcached builds the Memcached cluster, spread over the AZs with cross-az mode. It returns the
// cluster's ID, for the alarms.
func (c *CacheCluster) memcached(ctx *pulumi.Context, a CacheClusterArgs, cm common) ([]pulumi.StringInput, error) {
	// Without cross-az, ElastiCache puts every node in one AZ (aws-constraints 20).
	azMode := "single-az"
	if a.NodeCount > 1 && len(a.AvailabilityZones) > 1 {
		azMode = "cross-az"
	}
	cluster, err := elasticache.NewCluster(ctx, cm.name+memcachedSuffix, &elasticache.ClusterArgs{
		Engine:                     pulumi.String(string(EngineMemcached)),
		EngineVersion:              pulumi.String(a.EngineVersion),
		NodeType:                   pulumi.String(a.NodeType),
		NumCacheNodes:              pulumi.Int(a.NodeCount),
		AzMode:                     pulumi.String(azMode),
		PreferredAvailabilityZones: pulumi.ToStringArray(placement(a.AvailabilityZones, a.NodeCount)),
		Port:                       pulumi.Int(engines[EngineMemcached].port),
		SubnetGroupName:            cm.subnetGroup,
		SecurityGroupIds:           pulumi.StringArray{cm.securityGroupID},
		ParameterGroupName:         cm.parameterGroup,
		// Memcached has TLS from 1.6.12 (the minimum tenk accepts) and no AUTH, so TLS plus the
		// security group is its protection; like the other engines, it is fixed at creation.
		TransitEncryptionEnabled: pulumi.Bool(true),
		MaintenanceWindow:        pulumi.String(a.MaintenanceWindow),
		NotificationTopicArn:     cm.notify,
		ApplyImmediately:         pulumi.Bool(a.ApplyImmediately),
		Tags:                     cm.tags,
	}, cm.parent)
	if err != nil {
		return nil, err
	}
	c.Cluster = cluster
	c.ConfigurationEndpoint = cluster.ClusterAddress
	c.PrimaryEndpoint = pulumi.String("").ToStringOutput()
	c.ReaderEndpoint = pulumi.String("").ToStringOutput()
	c.AuthSecretArn = pulumi.String("").ToStringOutput()
	return []pulumi.StringInput{cluster.ID().ToStringOutput()}, nil
}

// parameters turns the map into parameter blocks sorted by name, so the order never causes a diff.
func parameters(m map[string]string) elasticache.ParameterGroupParameterArray {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make(elasticache.ParameterGroupParameterArray, 0, len(names))
	for _, k := range names {
		out = append(out, elasticache.ParameterGroupParameterArgs{Name: pulumi.String(k), Value: pulumi.String(m[k])})
	}
	return out
}
