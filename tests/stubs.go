package tests

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// DefaultOutputStubs add, per type token, the outputs a provider or remote component would
// compute. Component packages' stubs live in stubs_*.go files beside this one.
var DefaultOutputStubs = map[string]OutputStub{
	"awsx:ec2:Vpc": awsxVpcOutputs,
}

// DefaultInvokeStubs answer the invokes tenk makes.
var DefaultInvokeStubs = map[string]InvokeStub{
	"aws:index/getAvailabilityZones:getAvailabilityZones": func(resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.NewPropertyMapFromMap(map[string]any{
			"names":   usEast1Zones,
			"zoneIds": usEast1ZoneIDs,
			"id":      "us-east-1",
		}), nil
	},
	"aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings": instanceTypeOfferings,
}

// DefaultValidators reject at registration what the real remote component would reject at
// preview.
var DefaultValidators = map[string]Validator{
	"awsx:ec2:Vpc": func(r Resource) error { _, err := ReplayAwsxVpc(r); return err },
}

// registrationInvokeStubs answer invokes from what the run registered before them.
var registrationInvokeStubs = map[string]func(m *Mocks) InvokeStub{
	"aws:ec2/getRouteTables:getRouteTables": func(m *Mocks) InvokeStub {
		return func(args resource.PropertyMap) (resource.PropertyMap, error) { return m.routeTables(args) }
	},
}

// awsxVpcOutputs stands in for awsx's remote Vpc: the IDs of the subnets awsx v2.21.0 creates for
// these inputs (ReplayAwsxVpc: same names, one per spec and AZ, in AZ order per tier), as
// "subnet-<awsx subnet name>".
func awsxVpcOutputs(r Resource) resource.PropertyMap {
	ids := map[string][]string{"public": {}, "private": {}, "isolated": {}}
	subnets, _ := ReplayAwsxVpc(r) // a rejected Vpc fails the run in DefaultValidators
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

func awsxVpcID(r Resource) string { return r.Name + "-vpc-id" }

// routeTables answers getRouteTables for a VPC the run registered through awsx, as EC2's
// DescribeRouteTables does with a vpc-id filter: the VPC's main route table, which AWS creates
// with the VPC, and the one route table awsx creates per subnet, named like the subnet
// (awsx/ec2/vpc.ts), as "rtb-<awsx subnet name>".
func (m *Mocks) routeTables(args resource.PropertyMap) (resource.PropertyMap, error) {
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
	return nil, fmt.Errorf("tests: getRouteTables for %q, which no awsx Vpc of this run has", vpcID)
}
