package database

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// pendingReboot is every parameter's apply method: always accepted, static or dynamic, and a new
// instance starts with the group applied.
var pendingReboot = pulumi.String("pending-reboot")

// parameterGroup creates the group holding the engine's Parameters (TLS required first) and
// returns its name: a DB parameter group for RDS instances ("<name>-params"), a cluster parameter
// group for Aurora ("<name>-cluster-params"), whose instances take the cluster's.
func (s *shared) parameterGroup(ctx *pulumi.Context) (pulumi.StringOutput, error) {
	family := pulumi.String(s.family)
	description := pulumi.String("tenk database " + s.name + ": TLS required")
	var instanceParams rds.ParameterGroupParameterArray
	var clusterParams rds.ClusterParameterGroupParameterArray
	for _, p := range s.spec.Parameters {
		name, value := pulumi.String(p.Name), pulumi.String(p.Value)
		instanceParams = append(instanceParams, rds.ParameterGroupParameterArgs{Name: name, Value: value, ApplyMethod: pendingReboot})
		clusterParams = append(clusterParams, rds.ClusterParameterGroupParameterArgs{Name: name, Value: value, ApplyMethod: pendingReboot})
	}
	if s.spec.Aurora {
		group, err := rds.NewClusterParameterGroup(ctx, s.name+"-cluster-params", &rds.ClusterParameterGroupArgs{Family: family, Description: description, Parameters: clusterParams, Tags: s.tags}, s.parent)
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		return group.Name, nil
	}
	group, err := rds.NewParameterGroup(ctx, s.name+"-params", &rds.ParameterGroupArgs{Family: family, Description: description, Parameters: instanceParams, Tags: s.tags}, s.parent)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return group.Name, nil
}
