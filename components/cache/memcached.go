package cache

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// memcached builds the Memcached cluster, spread over the AZs with cross-az mode. It returns the
// cluster's ID, for the alarms.
func (c *CacheCluster) memcached(ctx *pulumi.Context, a CacheClusterArgs, cm common) ([]pulumi.StringInput, error) {
	// Without AZMode cross-az, ElastiCache puts every node in one AZ (CreateCacheCluster AZMode:
	// "If the AZMode and PreferredAvailabilityZones are not specified, ElastiCache assumes
	// single-az mode").
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
