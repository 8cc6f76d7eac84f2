package network

import "fmt"

// Layout is the subnet plan for a VPC CIDR block: each AZ gets a quarter of the VPC, split into
// one private subnet (half of the AZ's range, for instances), one public subnet (an eighth, for
// load balancers and NAT gateways) and one isolated subnet (an eighth, for databases and caches).
// Masks are absolute prefix lengths.
type Layout struct {
	AvailabilityZoneMask int
	PublicMask           int
	PrivateMask          int
	IsolatedMask         int
}

// Layout bounds: AWS allows VPCs from /16 to /28; tenk stops at /20 so the smallest subnet
// (/26, 59 usable addresses) still holds a load balancer's or a database's network interfaces.
const (
	LargestVpcPrefix  = 16
	SmallestVpcPrefix = 20
)

// LayoutFor returns the pinned subnet layout for a VPC CIDR block. It is pure and deterministic:
// the same block always gives the same subnets, whatever awsx's own defaults become.
func LayoutFor(cidr string) (Layout, error) {
	p, err := prefixOf(cidr)
	if err != nil {
		return Layout{}, err
	}
	bits := p.Bits()
	if bits < LargestVpcPrefix || bits > SmallestVpcPrefix {
		return Layout{}, fmt.Errorf("CidrBlock %q is a /%d: use a block from /%d to /%d (AWS allows at most /16; smaller than /%d leaves subnets too small)",
			cidr, bits, LargestVpcPrefix, SmallestVpcPrefix, SmallestVpcPrefix)
	}
	az := bits + 2 // room for four AZs
	return Layout{
		AvailabilityZoneMask: az,
		PrivateMask:          az + 1,
		PublicMask:           az + 3,
		IsolatedMask:         az + 3,
	}, nil
}
