package cache

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/ingress"
)

// sharedChildren builds what every engine uses, in this order: the security group and its
// ingress rules, the subnet group, and the parameter group when Parameters is set. It sets
// SecurityGroupID and returns what the engine's builder needs.
func (c *CacheCluster) sharedChildren(ctx *pulumi.Context, name string, a CacheClusterArgs) (common, error) {
	cm := common{name: name, description: a.Description, tags: pulumi.ToStringMap(a.Tags), parent: pulumi.Parent(c)}
	if cm.description == "" {
		cm.description = "tenk cache " + name
	}
	sg, err := securityGroup(ctx, a, cm)
	if err != nil {
		return cm, err
	}
	c.SecurityGroupID = sg.ID().ToStringOutput()
	cm.securityGroupID = sg.ID()

	subnets, err := elasticache.NewSubnetGroup(ctx, name+"-subnets", &elasticache.SubnetGroupArgs{
		Description: pulumi.String(cm.description),
		SubnetIds:   pulumi.StringArray(a.SubnetIDs),
		Tags:        cm.tags,
	}, cm.parent)
	if err != nil {
		return cm, err
	}
	cm.subnetGroup = subnets.Name

	if cm.parameterGroup, err = parameterGroup(ctx, a, cm); err != nil {
		return cm, err
	}
	if a.EventTopicArn != nil {
		cm.notify = a.EventTopicArn.ToStringOutput().ToStringPtrOutput()
	}
	return cm, nil
}

// securityGroup creates the cache's security group and admits each allowed group on the
// engine's port, one rule per peer.
func securityGroup(ctx *pulumi.Context, a CacheClusterArgs, cm common) (*ec2.SecurityGroup, error) {
	sg, err := ec2.NewSecurityGroup(ctx, cm.name+"-sg", &ec2.SecurityGroupArgs{
		VpcId: a.VpcID,
		// Fixed text: a security group's description cannot change without replacing it, and it
		// accepts fewer characters than the cache's Description.
		Description: pulumi.Sprintf("tenk cache %s: only the admitted security groups, on the cache port", cm.name),
		// No egress: ElastiCache nodes open no outbound connections, and the provider removes
		// AWS's default allow-all egress rule when it creates the group.
		Tags: cm.tags,
	}, cm.parent)
	if err != nil {
		return nil, err
	}
	port := engines[a.Engine].port
	if _, err := ingress.FromSecurityGroups(ctx, cm.name, sg.ID(), a.AllowedSecurityGroupIDs, port,
		fmt.Sprintf("%s clients", a.Engine), cm.parent); err != nil {
		return nil, err
	}
	return sg, nil
}

// parameterGroup creates a parameter group of the engine version's family holding Parameters,
// or returns nil (the engine's default group) when there are none.
func parameterGroup(ctx *pulumi.Context, a CacheClusterArgs, cm common) (pulumi.StringPtrInput, error) {
	if len(a.Parameters) == 0 {
		return nil, nil
	}
	family, _ := parameterGroupFamily(a.Engine, a.EngineVersion) // validated before registering
	pg, err := elasticache.NewParameterGroup(ctx, cm.name+"-params", &elasticache.ParameterGroupArgs{
		Family:      pulumi.String(family),
		Description: pulumi.String(cm.description),
		Parameters:  parameters(a.Parameters),
		Tags:        cm.tags,
	}, cm.parent)
	if err != nil {
		return nil, err
	}
	return pg.Name, nil
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
