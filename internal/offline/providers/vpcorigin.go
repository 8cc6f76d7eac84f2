package providers

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

const (
	vpcOriginType         = "aws:cloudfront/vpcOrigin:VpcOrigin"
	getSecurityGroupToken = "aws:ec2/getSecurityGroup:getSecurityGroup"
	// VpcOriginSecurityGroupName is the group CloudFront creates in a VPC with its first VPC origin.
	VpcOriginSecurityGroupName = "CloudFront-VPCOrigins-Service-SG"
	// VpcOriginSecurityGroupID is the ID the lookup of VpcOriginSecurityGroupName answers with.
	VpcOriginSecurityGroupID = "sg-cloudfront-vpc-origins"
)

// Stubs for CloudFront VPC origins: the outputs CloudFront computes for a VpcOrigin, and the
// security-group lookup, which finds CloudFront-VPCOrigins-Service-SG only once a VPC origin has
// been registered in the run, as in AWS, where the group appears when the first VPC origin of the
// VPC is deployed. A lookup made too early fails the run, as it would fail a first deploy.
var vpcOriginStubs = []monitor.Stub{
	{Token: vpcOriginType, Outputs: func(r monitor.Resource) resource.PropertyMap {
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn":    "arn:aws:cloudfront::" + MockAccountID + ":vpcorigin/" + r.Name,
			"etag":   "E2QWRUHAPOMQZL",
			"status": "Deployed",
		})
	}},
	{Token: getSecurityGroupToken, Invoke: securityGroupLookup},
}

// securityGroupLookup answers aws:ec2/getSecurityGroup for CloudFront's VPC-origin group, by name
// and VPC, once a VPC origin exists; any other lookup fails, so a new one gets its own stub.
func securityGroupLookup(m *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	str := func(key resource.PropertyKey) string {
		if v, ok := args[key]; ok && v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	name, vpcID := str("name"), str("vpcId")
	if name != VpcOriginSecurityGroupName {
		return nil, fmt.Errorf("providers: no stub for a security group lookup by %v: add one", args.Mappable())
	}
	if vpcID == "" {
		return nil, fmt.Errorf("providers: the lookup of %s has no vpcId: CloudFront creates one such group per VPC, so without the VPC it is ambiguous", name)
	}
	if len(m.ByType(vpcOriginType)) == 0 {
		return nil, fmt.Errorf("no matching SecurityGroup found: %s does not exist in %s before a CloudFront VPC origin there is deployed (look it up after the VPC origin)", name, vpcID)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"id":          VpcOriginSecurityGroupID,
		"arn":         "arn:aws:ec2:" + m.Region + ":" + MockAccountID + ":security-group/" + VpcOriginSecurityGroupID,
		"name":        name,
		"vpcId":       vpcID,
		"description": "CloudFront VPC Origins service security group",
		"tags":        map[string]any{},
		"filters":     []any{},
	}), nil
}
