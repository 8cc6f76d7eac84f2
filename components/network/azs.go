package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AvailabilityZoneShortageError says that fewer AZs offer the required instance types than the
// network should span. Callers that map NetworkArgs from their own configuration (tenk's stacks)
// read its fields to name their own keys.
type AvailabilityZoneShortageError struct {
	// Wanted is AvailabilityZoneCount.
	Wanted int
	// Region is the region looked up.
	Region string
	// InstanceTypes are the RequiredInstanceTypes.
	InstanceTypes []string
	// Offering are the AZs (sorted) that offer every required type; Lacking are the others.
	Offering, Lacking []string
}

// Error names the NetworkArgs fields to change.
func (e *AvailabilityZoneShortageError) Error() string {
	fix := "choose RequiredInstanceTypes offered in more AZs, or set AvailabilityZoneNames"
	if len(e.Offering) >= MinAvailabilityZones {
		fix = fmt.Sprintf("lower AvailabilityZoneCount to %d, %s", len(e.Offering), fix)
	}
	return fmt.Sprintf("AvailabilityZoneCount is %d but only %d AZs of %s offer %s (%s): %s",
		e.Wanted, len(e.Offering), e.Region, strings.Join(e.InstanceTypes, ", "), e.Describe(), fix)
}

// Describe lists which AZs offer the types and which lack them.
func (e *AvailabilityZoneShortageError) Describe() string {
	offering := "none offers them"
	if len(e.Offering) > 0 {
		offering = "offered in " + strings.Join(e.Offering, ", ")
	}
	if len(e.Lacking) == 0 {
		return offering
	}
	return offering + "; not in " + strings.Join(e.Lacking, ", ")
}

// chooseAvailabilityZones picks count AZs from names (sorted first, so the choice does not
// depend on the order an API returns them in) that offer every one of instanceTypes; offered
// maps an AZ name to the instance types it offers. With no instanceTypes, the first count AZs.
func chooseAvailabilityZones(region string, names []string, offered map[string][]string, instanceTypes []string, count int) ([]string, error) {
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	var ok, lacking []string
	for _, az := range sorted {
		if offersAll(offered[az], instanceTypes) {
			ok = append(ok, az)
		} else {
			lacking = append(lacking, az)
		}
	}
	if len(ok) >= count {
		return ok[:count], nil
	}
	if len(instanceTypes) == 0 {
		return nil, fmt.Errorf("AvailabilityZoneCount is %d but %s offers %d AZs without opt-in: lower it or set AvailabilityZoneNames", count, region, len(ok))
	}
	return nil, &AvailabilityZoneShortageError{Wanted: count, Region: region, InstanceTypes: instanceTypes, Offering: ok, Lacking: lacking}
}

func offersAll(have, want []string) bool {
	for _, t := range want {
		if !slices.Contains(have, t) {
			return false
		}
	}
	return true
}

// lookupAvailabilityZones chooses the network's AZs: the region's AZs that need no opt-in (Local
// and Wavelength Zones do, and cannot host every service) and, when instanceTypes is set, offer
// every one of them. Two invokes at most: getAvailabilityZones and getInstanceTypeOfferings.
func lookupAvailabilityZones(ctx *pulumi.Context, count int, instanceTypes []string, opts ...pulumi.InvokeOption) ([]string, error) {
	zones, err := aws.GetAvailabilityZones(ctx, &aws.GetAvailabilityZonesArgs{
		State: pulumi.StringRef("available"),
		Filters: []aws.GetAvailabilityZonesFilter{
			{Name: "opt-in-status", Values: []string{"opt-in-not-required"}},
		},
	}, opts...)
	if err != nil {
		return nil, fmt.Errorf("looking up availability zones: %w", err)
	}
	var offered map[string][]string
	if len(instanceTypes) > 0 {
		// Not every AZ offers every instance type (in us-east-1, use1-az3 lacks current families),
		// and zone IDs map to different names per account, so ask by AZ name, as awsx is given.
		// Source: EC2 DescribeInstanceTypeOfferings, LocationType availability-zone
		// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeInstanceTypeOfferings.html).
		res, err := awsec2.GetInstanceTypeOfferings(ctx, &awsec2.GetInstanceTypeOfferingsArgs{
			LocationType: pulumi.StringRef("availability-zone"),
			Filters: []awsec2.GetInstanceTypeOfferingsFilter{
				{Name: "instance-type", Values: instanceTypes},
			},
		}, opts...)
		if err != nil {
			return nil, fmt.Errorf("looking up which AZs offer %s: %w", strings.Join(instanceTypes, ", "), err)
		}
		if len(res.Locations) != len(res.InstanceTypes) {
			return nil, fmt.Errorf("instance type offerings: %d locations for %d instance types", len(res.Locations), len(res.InstanceTypes))
		}
		offered = map[string][]string{}
		for i, az := range res.Locations {
			offered[az] = append(offered[az], res.InstanceTypes[i])
		}
	}
	regionName := zones.Id // the provider's ID for this data source is the region
	if regionName == "" && len(zones.Names) > 0 {
		regionName = region(zones.Names[0])
	}
	return chooseAvailabilityZones(regionName, zones.Names, offered, instanceTypes, count)
}
