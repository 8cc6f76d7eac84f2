package network

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AvailabilityZoneShortageError says that fewer AZs offer the required instance types (and, with
// CloudFrontVpcOrigin, CloudFront VPC origins) than the network should span. Callers that map
// NetworkArgs from their own configuration (tenk's stacks) read its fields to name their own keys.
type AvailabilityZoneShortageError struct {
	// Wanted is AvailabilityZoneCount.
	Wanted int
	// Region is the region looked up.
	Region string
	// InstanceTypes are the RequiredInstanceTypes.
	InstanceTypes []string
	// Offering are the AZs (sorted) that offer every requirement; Lacking are those without
	// every required instance type.
	Offering, Lacking []string
	// NoVpcOrigin are the AZs, as "name (zone ID)", that offer the types but not CloudFront VPC
	// origins (CloudFrontVpcOrigin only).
	NoVpcOrigin []string
}

// Error names the NetworkArgs fields to change.
func (e *AvailabilityZoneShortageError) Error() string {
	fix := "choose RequiredInstanceTypes offered in more AZs, or set AvailabilityZoneNames"
	if len(e.InstanceTypes) == 0 {
		fix = "set AvailabilityZoneNames, or deploy to a Region with more AZs that have them"
	}
	if len(e.Offering) >= MinAvailabilityZones {
		fix = fmt.Sprintf("lower AvailabilityZoneCount to %d, %s", len(e.Offering), fix)
	}
	return fmt.Sprintf("AvailabilityZoneCount is %d but only %d AZs of %s offer %s (%s): %s",
		e.Wanted, len(e.Offering), e.Region, e.Needs(), e.Describe(), fix)
}

// Needs says what every AZ had to offer: the instance types, and CloudFront VPC origins.
func (e *AvailabilityZoneShortageError) Needs() string {
	var needs []string
	if len(e.InstanceTypes) > 0 {
		needs = append(needs, strings.Join(e.InstanceTypes, ", "))
	}
	if len(e.NoVpcOrigin) > 0 {
		needs = append(needs, "CloudFront VPC origins")
	}
	return strings.Join(needs, " and ")
}

// Describe lists which AZs qualify and which lack what.
func (e *AvailabilityZoneShortageError) Describe() string {
	offering := "none offers them"
	if len(e.Offering) > 0 {
		offering = "offered in " + strings.Join(e.Offering, ", ")
	}
	if len(e.Lacking) > 0 {
		offering += "; not in " + strings.Join(e.Lacking, ", ")
	}
	if len(e.NoVpcOrigin) > 0 {
		offering += "; no CloudFront VPC origins in " + strings.Join(e.NoVpcOrigin, ", ")
	}
	return offering
}

// zone is one AZ of the Region: its name in this account and its ID (the same zone in every
// account).
type zone struct{ name, id string }

// azNeeds are what every chosen AZ must offer.
type azNeeds struct {
	// instanceTypes must all be offered; offered maps an AZ name to the types it offers.
	instanceTypes []string
	offered       map[string][]string
	// vpcOrigins: CloudFront VPC origins must be available (by zone ID, vpcOriginAZ).
	vpcOrigins bool
}

// chooseAvailabilityZones picks count AZs of zones (sorted by name first, so the choice does not
// depend on the order an API returns them in) that meet needs. With no needs, the first count AZs.
func chooseAvailabilityZones(region string, zones []zone, needs azNeeds, count int) ([]string, error) {
	sorted := slices.Clone(zones)
	slices.SortFunc(sorted, func(a, b zone) int { return strings.Compare(a.name, b.name) })
	sorted = slices.CompactFunc(sorted, func(a, b zone) bool { return a.name == b.name })
	short := &AvailabilityZoneShortageError{Wanted: count, Region: region, InstanceTypes: needs.instanceTypes}
	for _, z := range sorted {
		switch {
		case !offersAll(needs.offered[z.name], needs.instanceTypes):
			short.Lacking = append(short.Lacking, z.name)
		case needs.vpcOrigins && !vpcOriginAZ(region, z.id):
			short.NoVpcOrigin = append(short.NoVpcOrigin, fmt.Sprintf("%s (%s)", z.name, z.id))
		default:
			short.Offering = append(short.Offering, z.name)
		}
	}
	if len(short.Offering) >= count {
		return short.Offering[:count], nil
	}
	if len(needs.instanceTypes) == 0 && len(short.NoVpcOrigin) == 0 {
		return nil, fmt.Errorf("AvailabilityZoneCount is %d but %s offers %d AZs without opt-in: lower it or set AvailabilityZoneNames", count, region, len(short.Offering))
	}
	return nil, short
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
// and Wavelength Zones do, and cannot host every service), that offer every one of instanceTypes
// and, with vpcOrigins, CloudFront VPC origins. Two invokes at most: getAvailabilityZones and getInstanceTypeOfferings.
func lookupAvailabilityZones(ctx *pulumi.Context, count int, instanceTypes []string, vpcOrigins bool, opts ...pulumi.InvokeOption) ([]string, error) {
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
	if vpcOrigins {
		if err := checkVpcOriginRegion(regionName); err != nil {
			return nil, err
		}
		if len(zones.ZoneIds) != len(zones.Names) {
			return nil, fmt.Errorf("availability zones of %s: %d zone IDs for %d names, so CloudFront VPC origin support cannot be checked", regionName, len(zones.ZoneIds), len(zones.Names))
		}
	}
	list := make([]zone, len(zones.Names))
	for i, name := range zones.Names {
		list[i].name = name
		if i < len(zones.ZoneIds) {
			list[i].id = zones.ZoneIds[i]
		}
	}
	return chooseAvailabilityZones(regionName, list, azNeeds{instanceTypes: instanceTypes, offered: offered, vpcOrigins: vpcOrigins}, count)
}
