// Package ingress admits peers to a security group, one vpc.SecurityGroupIngressRule per peer, so
// adding or removing a peer never rewrites the other rules.
package ingress

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// FromSecurityGroups admits each peer security group to securityGroupID on one TCP port. Rules are
// named "<name>-from-sg-<i>" in peer order, so append new peers at the end.
func FromSecurityGroups(ctx *pulumi.Context, name string, securityGroupID pulumi.StringInput, peers []pulumi.StringInput, port int, description string, opts ...pulumi.ResourceOption) ([]*vpc.SecurityGroupIngressRule, error) {
	out := make([]*vpc.SecurityGroupIngressRule, 0, len(peers))
	for i, peer := range peers {
		rule, err := vpc.NewSecurityGroupIngressRule(ctx, fmt.Sprintf("%s-from-sg-%d", name, i), &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId:           securityGroupID,
			ReferencedSecurityGroupId: peer,
			IpProtocol:                pulumi.String("tcp"),
			FromPort:                  pulumi.Int(port),
			ToPort:                    pulumi.Int(port),
			Description:               pulumi.String(description),
		}, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, rule)
	}
	return out, nil
}
