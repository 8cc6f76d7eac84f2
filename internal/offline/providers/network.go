package providers

import (
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// The AZs the getAvailabilityZones stub answers for us-east-1, with their zone IDs.
var (
	usEast1Zones   = []string{"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"}
	usEast1ZoneIDs = []string{"use1-az1", "use1-az2", "use1-az4", "use1-az6", "use1-az3", "use1-az5"}
)

// ZoneID is the zone ID the getAvailabilityZones stub gives a us-east-1 AZ name, as an account
// maps them ("us-east-1e" → "use1-az3", the AZ without current instance families or CloudFront
// VPC origins); "" for a name it does not answer.
func ZoneID(name string) string {
	if i := slices.Index(usEast1Zones, name); i >= 0 {
		return usEast1ZoneIDs[i]
	}
	return ""
}

// Stubs for components/network's lookups: the Region's AZs and which AZs offer an instance type.
var networkStubs = []monitor.Stub{
	{Token: "aws:index/getAvailabilityZones:getAvailabilityZones", Invoke: func(*monitor.Mocks, resource.PropertyMap) (resource.PropertyMap, error) {
		return resource.NewPropertyMapFromMap(map[string]any{
			"names":   usEast1Zones,
			"zoneIds": usEast1ZoneIDs,
			"id":      "us-east-1",
		}), nil
	}},
	{Token: "aws:ec2/getInstanceTypeOfferings:getInstanceTypeOfferings", Invoke: instanceTypeOfferings},
}

// InstanceTypeAZs says which us-east-1 AZs offer an instance type, for the
// getInstanceTypeOfferings stub. A type not listed is offered in every AZ but us-east-1e
// (use1-az3 in this account's mapping), which, like the real use1-az3, lacks current families
// (Graviton t4g/m7g, m6i, …). Types listed only in some AZs stand for scarce ones.
var InstanceTypeAZs = map[string][]string{
	// Older families use1-az3 still offers.
	"t2.micro": usEast1Zones,
	"m5.large": usEast1Zones,
	// A scarce accelerated type: two AZs.
	"p5.48xlarge": {"us-east-1a", "us-east-1c"},
	// Offered nowhere (a typo of m7g.large): the API answers with no offering, not an error.
	"m7g.lrage": {},
}

// instanceTypeOfferings answers getInstanceTypeOfferings as EC2's DescribeInstanceTypeOfferings
// does with LocationType availability-zone and an instance-type filter: one (type, AZ) pair per
// offering, AZs by name.
func instanceTypeOfferings(_ *monitor.Mocks, args resource.PropertyMap) (resource.PropertyMap, error) {
	var types []string
	if f, ok := args["filters"]; ok && f.IsArray() {
		for _, filter := range f.ArrayValue() {
			obj := filter.ObjectValue()
			if obj["name"].StringValue() != "instance-type" {
				continue
			}
			for _, v := range obj["values"].ArrayValue() {
				types = append(types, v.StringValue())
			}
		}
	}
	var instanceTypes, locations, locationTypes []string
	for _, t := range types {
		azs, ok := InstanceTypeAZs[t]
		if !ok {
			azs = slices.DeleteFunc(slices.Clone(usEast1Zones), func(az string) bool { return az == "us-east-1e" })
		}
		for _, az := range azs {
			instanceTypes = append(instanceTypes, t)
			locations = append(locations, az)
			locationTypes = append(locationTypes, "availability-zone")
		}
	}
	return resource.NewPropertyMapFromMap(map[string]any{
		"instanceTypes": instanceTypes,
		"locations":     locations,
		"locationTypes": locationTypes,
		"id":            "us-east-1",
	}), nil
}
