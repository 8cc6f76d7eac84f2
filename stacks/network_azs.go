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

// networkError rewrites the Network's AZ-shortage error in config keys: the user set
// tenk:network.availabilityZoneCount and tenk:web.instanceType, not the component's fields.
func networkError(err error) error {
	var short *network.AvailabilityZoneShortageError
	if !errors.As(err, &short) {
		return err
	}
	fixes := []string{fmt.Sprintf("set tenk:web.instanceType to a type offered in %d AZs", short.Wanted)}
	if len(short.Offering) >= network.MinAvailabilityZones {
		fixes = append([]string{fmt.Sprintf("set tenk:network.availabilityZoneCount to %d", len(short.Offering))}, fixes...)
	}
	return fmt.Errorf("tenk:network.availabilityZoneCount is %d but only %d AZs of %s offer tenk:web.instanceType %s (%s): %s",
		short.Wanted, len(short.Offering), short.Region, strings.Join(short.InstanceTypes, ", "), short.Describe(), strings.Join(fixes, ", or "))
}
