package webtier

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// VpcOriginSecurityGroupName is the security group CloudFront creates in a VPC when the first VPC
// origin there is deployed; CloudFront's network interfaces in the VPC carry it, so an internal
// ALB behind a VPC origin admits exactly this group (CloudFront Developer Guide, "Restrict access
// with VPC origins"). Neither the VPC's CIDR (requests time out: 504) nor the origin-facing prefix
// list (every distribution of every account) is the right peer.
const VpcOriginSecurityGroupName = "CloudFront-VPCOrigins-Service-SG"

// LookupVpcOriginSecurityGroup returns the ID of VpcOriginSecurityGroupName in vpcID, read only
// once vpcOrigin (the cloudfront.VpcOrigin in front of the ALB) exists: the group does not exist
// before it. On a preview before the first deploy the VPC origin has no ID yet, so the lookup is
// skipped and the ID is unknown, instead of failing (pulumi sdk v3.274.1, Context.InvokeOutput:
// an output invoke waits for its DependsOn and resolves unknown while one is pending creation).
// Pass the result as AllowedSecurityGroupIDs of an IngressInternal tier.
func LookupVpcOriginSecurityGroup(ctx *pulumi.Context, vpcID pulumi.StringInput, vpcOrigin pulumi.Resource, opts ...pulumi.InvokeOption) pulumi.StringOutput {
	opts = append(opts, pulumi.DependsOn([]pulumi.Resource{vpcOrigin}))
	return ec2.LookupSecurityGroupOutput(ctx, ec2.LookupSecurityGroupOutputArgs{
		Name:  pulumi.String(VpcOriginSecurityGroupName),
		VpcId: vpcID,
	}, opts...).Id()
}
