package providers

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// Stubs for awsx's remote Vpc, which mocks register as one resource: the subnet IDs it would
// output, the checks it would make at preview (ReplayAwsxVpc), and the route tables a lookup in
// its VPC finds.
var awsxStubs = []monitor.Stub{
	{
		Token:    "awsx:ec2:Vpc",
		Outputs:  awsxVpcOutputs,
		Validate: func(r monitor.Resource) error { _, err := ReplayAwsxVpc(r); return err },
	},
	{Token: "aws:ec2/getRouteTables:getRouteTables", Invoke: routeTables},
}

// awsxVpcOutputs stands in for awsx's remote Vpc: the IDs of the subnets awsx v2.21.0 creates for
// these inputs (ReplayAwsxVpc: same names, one per spec and AZ, in AZ order per tier), as
// "subnet-<awsx subnet name>".
func awsxVpcOutputs(r monitor.Resource) resource.PropertyMap {
	ids := map[string][]string{"public": {}, "private": {}, "isolated": {}}
	subnets, _ := ReplayAwsxVpc(r) // a rejected Vpc fails the run in the Validate stub
	for _, s := range subnets {
		typ := strings.ToLower(s.Type)
		ids[typ] = append(ids[typ], "subnet-"+s.Name)
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"vpcId":             awsxVpcID(r),
		"publicSubnetIds":   ids["public"],
		"privateSubnetIds":  ids["private"],
		"isolatedSubnetIds": ids["isolated"],
	})
}

func awsxVpcID(r monitor.Resource) string { return r.Name + "-vpc-id" }

// routeTables answers getRouteTables for a VPC the run registered through awsx, as EC2's
// DescribeRouteTables does with a vpc-id filter: the VPC's main route table, which AWS creates
// with the VPC, and the one route table awsx creates per subnet, named like the subnet
// (awsx/ec2/vpc.ts), as "rtb-<awsx subnet name>".
func routeTables(m *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	vpcID := args["vpcId"].StringValue()
	for _, r := range m.ByType("awsx:ec2:Vpc") {
		if awsxVpcID(r) != vpcID {
			continue
		}
		subnets, err := ReplayAwsxVpc(r)
		if err != nil {
			return nil, err
		}
		ids := []string{"rtb-main-" + r.Name}
		for _, s := range subnets {
			ids = append(ids, "rtb-"+s.Name)
		}
		return resource.NewPropertyMapFromMap(map[string]any{"ids": ids, "id": vpcID}), nil
	}
	return nil, fmt.Errorf("providers: getRouteTables for %q, which no awsx Vpc of this run has", vpcID)
}
