package webtier

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/ingress"
)

type groups struct {
	loadBalancer *ec2.SecurityGroup
	instances    *ec2.SecurityGroup
}

// listenerPort is the one port callers reach the ALB on: 443 with a certificate, 80 without.
func listenerPort(a *MultiAZWebTierArgs) int {
	if a.hasCertificate() {
		return 443
	}
	return 80
}

// securityGroups creates the ALB's and the instances' groups and the rules between them, one
// vpc.SecurityGroupIngressRule/EgressRule per peer (never inline rules, which fight standalone
// ones):
//
//	internet → ALB  443 and 80 from 0.0.0.0/0 and ::/0 (IngressInternet only)
//	CloudFront → ALB  one port from the origin-facing prefix list (IngressCloudFront)
//	peer SGs → ALB  one port from each AllowedSecurityGroupIDs entry (IngressInternal)
//	ALB → instances  AppPort only, both as ALB egress and as instance ingress
//	instances → 443 anywhere (SSM, AWS APIs, packages through NAT), and the VPC when VpcCidrBlock is set
func securityGroups(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, tags pulumi.StringMap, opts ...pulumi.ResourceOption) (*groups, error) {
	// The provider deletes the allow-all egress rule AWS adds to new groups, so each group starts
	// closed in both directions.
	albSG, err := ec2.NewSecurityGroup(ctx, name+"-alb-sg", &ec2.SecurityGroupArgs{
		VpcId:               a.VpcID,
		Description:         pulumi.String("tenk web tier load balancer"),
		RevokeRulesOnDelete: pulumi.Bool(true),
		Tags:                tags,
	}, opts...)
	if err != nil {
		return nil, err
	}
	instSG, err := ec2.NewSecurityGroup(ctx, name+"-instance-sg", &ec2.SecurityGroupArgs{
		VpcId:               a.VpcID,
		Description:         pulumi.String("tenk web tier instances"),
		RevokeRulesOnDelete: pulumi.Bool(true),
		Tags:                tags,
	}, opts...)
	if err != nil {
		return nil, err
	}

	if err := loadBalancerIngress(ctx, name, a, albSG, tags, opts...); err != nil {
		return nil, err
	}
	if err := instanceRules(ctx, name, a, albSG, instSG, tags, opts...); err != nil {
		return nil, err
	}
	return &groups{loadBalancer: albSG, instances: instSG}, nil
}

// loadBalancerIngress admits the callers Ingress names to the ALB, one rule per peer.
func loadBalancerIngress(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, albSG *ec2.SecurityGroup, tags pulumi.StringMap, opts ...pulumi.ResourceOption) error {
	port := listenerPort(a)
	switch a.Ingress {
	case IngressInternet:
		ports := []int{443, 80} // Validate requires a certificate; 80 only redirects to 443
		for _, p := range ports {
			for _, cidr := range []struct{ suffix, v4, v6 string }{{"ipv4", "0.0.0.0/0", ""}, {"ipv6", "", "::/0"}} {
				args := &vpc.SecurityGroupIngressRuleArgs{
					SecurityGroupId: albSG.ID(),
					IpProtocol:      pulumi.String("tcp"),
					FromPort:        pulumi.Int(p),
					ToPort:          pulumi.Int(p),
					Description:     pulumi.String("internet to the load balancer"),
					Tags:            tags,
				}
				if cidr.v4 != "" {
					args.CidrIpv4 = pulumi.String(cidr.v4)
				} else {
					args.CidrIpv6 = pulumi.String(cidr.v6)
				}
				if _, err := vpc.NewSecurityGroupIngressRule(ctx, fmt.Sprintf("%s-alb-in-%d-%s", name, p, cidr.suffix), args, opts...); err != nil {
					return err
				}
			}
		}
	case IngressCloudFront:
		// VPC "AWS-managed prefix lists": this list weighs ~55 of the default 60 inbound rules per
		// security group, so exactly one port is admitted (no port-80 redirect listener here).
		list := ec2.LookupManagedPrefixListOutput(ctx, ec2.LookupManagedPrefixListOutputArgs{
			Name: pulumi.String(CloudFrontPrefixList),
		}, pulumi.Parent(albSG))
		if _, err := vpc.NewSecurityGroupIngressRule(ctx, name+"-alb-in-cloudfront", &vpc.SecurityGroupIngressRuleArgs{
			SecurityGroupId: albSG.ID(),
			PrefixListId:    list.Id(),
			IpProtocol:      pulumi.String("tcp"),
			FromPort:        pulumi.Int(port),
			ToPort:          pulumi.Int(port),
			Description:     pulumi.String("CloudFront origin-facing servers to the load balancer"),
			Tags:            tags,
		}, opts...); err != nil {
			return err
		}
	case IngressInternal:
		if _, err := ingress.FromSecurityGroups(ctx, name+"-alb-in", albSG.ID(), a.AllowedSecurityGroupIDs, port,
			"allowed peer to the internal load balancer", opts...); err != nil {
			return err
		}
	}
	return nil
}

// instanceRules open AppPort from the ALB to the instances (its egress, their ingress) and the
// instances' way out: HTTPS anywhere, and TCP to the VPC when VpcCidrBlock is set.
func instanceRules(ctx *pulumi.Context, name string, a *MultiAZWebTierArgs, albSG, instSG *ec2.SecurityGroup, tags pulumi.StringMap, opts ...pulumi.ResourceOption) error {
	if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-alb-to-instances", &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId:           albSG.ID(),
		ReferencedSecurityGroupId: instSG.ID(),
		IpProtocol:                pulumi.String("tcp"),
		FromPort:                  pulumi.Int(a.AppPort),
		ToPort:                    pulumi.Int(a.AppPort),
		Description:               pulumi.String("load balancer to instances (traffic and health checks)"),
		Tags:                      tags,
	}, opts...); err != nil {
		return err
	}
	if _, err := ingress.FromSecurityGroups(ctx, name+"-instance-in", instSG.ID(), []pulumi.StringInput{albSG.ID()}, a.AppPort,
		"load balancer to instances", opts...); err != nil {
		return err
	}

	if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-instance-out-https", &vpc.SecurityGroupEgressRuleArgs{
		SecurityGroupId: instSG.ID(),
		CidrIpv4:        pulumi.String("0.0.0.0/0"),
		IpProtocol:      pulumi.String("tcp"),
		FromPort:        pulumi.Int(443),
		ToPort:          pulumi.Int(443),
		Description:     pulumi.String("HTTPS out: SSM Session Manager, AWS APIs, package repositories"),
		Tags:            tags,
	}, opts...); err != nil {
		return err
	}
	if a.VpcCidrBlock != nil {
		if _, err := vpc.NewSecurityGroupEgressRule(ctx, name+"-instance-out-vpc", &vpc.SecurityGroupEgressRuleArgs{
			SecurityGroupId: instSG.ID(),
			CidrIpv4:        a.VpcCidrBlock,
			IpProtocol:      pulumi.String("tcp"),
			FromPort:        pulumi.Int(0),
			ToPort:          pulumi.Int(65535),
			Description:     pulumi.String("TCP to the VPC: data tiers, which admit only the groups they are given"),
			Tags:            tags,
		}, opts...); err != nil {
			return err
		}
	}
	return nil
}
