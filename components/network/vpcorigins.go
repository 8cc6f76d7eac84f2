package network

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// vpcOriginRegions are the commercial Regions where CloudFront VPC origins are available, each
// with the AZ IDs where they are not: CloudFront Developer Guide, "Restrict access with VPC
// origins", "Supported AWS Regions for VPC origins" (read December 2026). By AZ ID, since AZ names
// map to different zones in different accounts.
var vpcOriginRegions = map[string][]string{
	"us-east-1": {"use1-az3"}, "us-east-2": nil, "us-west-1": {"usw1-az2"}, "us-west-2": nil,
	"af-south-1": nil, "ap-east-1": nil, "ap-east-2": nil, "ap-south-1": nil, "ap-south-2": nil,
	"ap-southeast-1": nil, "ap-southeast-2": nil, "ap-southeast-3": nil, "ap-southeast-4": nil,
	"ap-southeast-5": nil, "ap-southeast-7": nil, "ap-northeast-1": {"apne1-az3"},
	"ap-northeast-2": nil, "ap-northeast-3": nil, "ca-central-1": {"cac1-az3"}, "ca-west-1": nil,
	"eu-central-1": nil, "eu-central-2": nil, "eu-north-1": nil, "eu-south-1": nil,
	"eu-south-2": nil, "eu-west-1": nil, "eu-west-2": nil, "eu-west-3": nil, "il-central-1": nil,
	"me-central-1": nil, "me-south-1": nil, "mx-central-1": nil, "sa-east-1": nil,
}

// VpcOriginRegionError says that CloudFront VPC origins are not available in a Region at all.
type VpcOriginRegionError struct {
	// Region is the network's Region.
	Region string
}

// Error names the Regions that have VPC origins.
func (e *VpcOriginRegionError) Error() string {
	return fmt.Sprintf("CloudFront VPC origins are not available in %s (CloudFront Developer Guide, \"Supported AWS Regions for VPC origins\"): deploy to one of %s, or set CloudFrontVpcOrigin to false and reach the load balancer another way",
		e.Region, strings.Join(VpcOriginRegions(), ", "))
}

// VpcOriginRegions lists the Regions where CloudFront VPC origins are available, sorted.
func VpcOriginRegions() []string {
	out := make([]string, 0, len(vpcOriginRegions))
	for r := range vpcOriginRegions {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// checkVpcOriginRegion reports a Region without CloudFront VPC origins.
func checkVpcOriginRegion(region string) error {
	if _, ok := vpcOriginRegions[region]; !ok {
		return &VpcOriginRegionError{Region: region}
	}
	return nil
}

// vpcOriginAZ reports whether CloudFront VPC origins are available in the AZ with ID zoneID of
// region (whose availability checkVpcOriginRegion has confirmed).
func vpcOriginAZ(region, zoneID string) bool {
	return zoneID != "" && !slices.Contains(vpcOriginRegions[region], zoneID)
}
