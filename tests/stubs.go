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
		names := []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}
		return resource.NewPropertyMapFromMap(map[string]any{
			"names":   names,
			"zoneIds": []string{"use1-az1", "use1-az2", "use1-az4", "use1-az6", "use1-az3", "use1-az5"},
			"id":      "us-east-1",
		}), nil
	},
	"aws:ec2/getRouteTables:getRouteTables": func(args resource.PropertyMap) (resource.PropertyMap, error) {
		vpcID := args["vpcId"].StringValue()
		return resource.NewPropertyMapFromMap(map[string]any{
			"ids": []string{vpcID + "-rtb-main", vpcID + "-rtb-private-1", vpcID + "-rtb-private-2"},
			"id":  vpcID,
		}), nil
	},
}

// awsxVpcOutputs stands in for awsx's remote Vpc: one subnet ID per AZ for each subnet spec
// type it was given, named like awsx names them ("<vpc>-<spec>-<n>").
func awsxVpcOutputs(r Resource) resource.PropertyMap {
	azs := r.Strings("availabilityZoneNames")
	if n := int(r.Number("numberOfAvailabilityZones")); len(azs) == 0 && n > 0 {
		for i := 0; i < n; i++ {
			azs = append(azs, fmt.Sprintf("us-east-1%c", 'a'+i))
		}
	}
	ids := map[string][]string{"public": {}, "private": {}, "isolated": {}}
	specs, _ := r.Get("subnetSpecs")
	list, _ := specs.([]any)
	for _, s := range list {
		spec, _ := s.(map[string]any)
		typ, _ := spec["type"].(string)
		name, _ := spec["name"].(string)
		if name == "" {
			name = strings.ToLower(typ)
		}
		for i := range azs {
			id := fmt.Sprintf("subnet-%s-%s-%d", r.Name, name, i+1)
			ids[strings.ToLower(typ)] = append(ids[strings.ToLower(typ)], id)
		}
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"vpcId":             r.Name + "-vpc-id",
		"publicSubnetIds":   ids["public"],
		"privateSubnetIds":  ids["private"],
		"isolatedSubnetIds": ids["isolated"],
	})
}
