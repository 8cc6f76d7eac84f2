package stacks

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tenkstack/tenk/components/network"
)

// webInstanceTypes are the instance types every AZ of the network must offer: the web tier's
// (tenk:web.instanceType), so the Auto Scaling group can launch in each AZ it spans.
func webInstanceTypes(cfg Config) []string {
	if cfg.Web.InstanceType == "" {
		return nil // the web tier's own validation reports the missing type
	}
	return []string{cfg.Web.InstanceType}
}

// networkError rewrites the Network's AZ errors in config keys: the user set
// tenk:network.availabilityZoneCount, tenk:web.instanceType and aws:region, not the component's fields.
func networkError(err error) error {
	var region *network.VpcOriginRegionError
	if errors.As(err, &region) {
		return fmt.Errorf("aws:region is %s, where CloudFront VPC origins (CloudFront's private path to the load balancer) are not available: set aws:region to one of %s",
			region.Region, strings.Join(network.VpcOriginRegions(), ", "))
	}
	var short *network.AvailabilityZoneShortageError
	if !errors.As(err, &short) {
		return err
	}
	fixes := []string{fmt.Sprintf("set tenk:web.instanceType to a type offered in %d AZs", short.Wanted)}
	if len(short.InstanceTypes) > 0 && len(short.Lacking) == 0 {
		fixes = []string{"deploy to another aws:region"} // only VPC origins are missing
	}
	if len(short.Offering) >= network.MinAvailabilityZones {
		fixes = append([]string{fmt.Sprintf("set tenk:network.availabilityZoneCount to %d", len(short.Offering))}, fixes...)
	}
	needs := "tenk:web.instanceType " + strings.Join(short.InstanceTypes, ", ")
	if len(short.NoVpcOrigin) > 0 {
		needs += " and CloudFront VPC origins"
	}
	return fmt.Errorf("tenk:network.availabilityZoneCount is %d but only %d AZs of %s offer %s (%s): %s",
		short.Wanted, len(short.Offering), short.Region, needs, short.Describe(), strings.Join(fixes, ", or "))
}
