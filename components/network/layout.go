package network

import (
	"fmt"
	"net/netip"

	"github.com/tenkstack/tenk/internal/fielderr"
)

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
// (/25, 123 usable addresses) still holds a load balancer's or a database's network interfaces.
const (
	LargestVpcPrefix  = 16
	SmallestVpcPrefix = 20
)

// LayoutAvailabilityZones is how many AZ blocks the VPC is cut into: four quarters, so a fourth
// AZ can be added later without moving any existing subnet.
const LayoutAvailabilityZones = 4

// placement says where a tier sits inside its AZ block, in eighths of the block. The private
// subnet (the largest) comes first so every subnet is aligned on its own size; public and
// isolated follow it, and the last quarter of each AZ block (eighths 6–7) stays free for a
// future tier.
type placement struct {
	tier          Tier
	offsetEighths int
	sizeEighths   int
}

// placements are listed in the order awsx creates a tier's subnets (public, private, isolated).
var placements = []placement{
	{TierPublic, 4, 1},
	{TierPrivate, 0, 4},
	{TierIsolated, 5, 1},
}

// eighthBits is log2(8): the AZ block is cut into eighths.
const eighthBits = 3

// maskFor is the prefix length of a tier whose size is sizeEighths eighths of an AZ block.
func maskFor(azMask, sizeEighths int) int {
	bits := 0
	for s := sizeEighths; s > 1; s >>= 1 {
		bits++
	}
	return azMask + eighthBits - bits
}

// layoutFor returns the pinned subnet layout for a VPC CIDR block. It is pure and deterministic:
// the same block always gives the same subnets, whatever awsx's own defaults become.
func layoutFor(cidr string) (Layout, error) {
	p, err := prefixOf(cidr)
	if err != nil {
		return Layout{}, err
	}
	bits := p.Bits()
	if bits < LargestVpcPrefix || bits > SmallestVpcPrefix {
		return Layout{}, fielderr.New("CidrBlock", "%q is a /%d: use a block from /%d to /%d (AWS allows at most /16; smaller than /%d leaves subnets too small)", cidr, bits, LargestVpcPrefix, SmallestVpcPrefix, SmallestVpcPrefix)
	}
	az := bits + 2 // log2(LayoutAvailabilityZones): room for four AZs
	l := Layout{AvailabilityZoneMask: az}
	for _, pl := range placements {
		m := maskFor(az, pl.sizeEighths)
		switch pl.tier {
		case TierPublic:
			l.PublicMask = m
		case TierPrivate:
			l.PrivateMask = m
		case TierIsolated:
			l.IsolatedMask = m
		}
	}
	return l, nil
}

// SubnetLayout computes every subnet of a VPC: for the i-th AZ of azs, the i-th quarter of the
// VPC, cut as placements says. Subnets come in AZ order, and within an AZ public, private,
// isolated (the order awsx creates them). It is pure Go, known when the program registers its
// resources, and the only place tenk decides a subnet's CIDR block: the Network component hands
// exactly these blocks to awsx, and `tenkctl plan` lists them.
func SubnetLayout(cidr string, azs []string) ([]Subnet, error) {
	layout, err := layoutFor(cidr)
	if err != nil {
		return nil, err
	}
	if len(azs) == 0 || len(azs) > LayoutAvailabilityZones {
		return nil, fmt.Errorf("the subnet layout has room for 1–%d AZs, not %d", LayoutAvailabilityZones, len(azs))
	}
	vpc, _ := prefixOf(cidr) // checked by layoutFor
	azSize := uint32(1) << (32 - layout.AvailabilityZoneMask)
	eighth := azSize / 8
	base := addrToUint(vpc.Addr())
	subnets := make([]Subnet, 0, len(azs)*len(placements))
	for i, az := range azs {
		azBase := base + uint32(i)*azSize
		for _, pl := range placements {
			start := uintToAddr(azBase + uint32(pl.offsetEighths)*eighth)
			subnets = append(subnets, Subnet{
				Tier:             pl.tier,
				AvailabilityZone: az,
				CidrBlock:        netip.PrefixFrom(start, maskFor(layout.AvailabilityZoneMask, pl.sizeEighths)).String(),
			})
		}
	}
	return subnets, nil
}

// AvailabilityZoneBlock returns the CIDR block reserved for the i-th AZ (0-based) of a VPC.
func AvailabilityZoneBlock(cidr string, i int) (string, error) {
	layout, err := layoutFor(cidr)
	if err != nil {
		return "", err
	}
	if i < 0 || i >= LayoutAvailabilityZones {
		return "", fielderr.New("AZ", "index %d is outside the layout's %d AZ blocks", i, LayoutAvailabilityZones)
	}
	vpc, _ := prefixOf(cidr)
	azSize := uint32(1) << (32 - layout.AvailabilityZoneMask)
	start := uintToAddr(addrToUint(vpc.Addr()) + uint32(i)*azSize)
	return netip.PrefixFrom(start, layout.AvailabilityZoneMask).String(), nil
}

func addrToUint(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func uintToAddr(u uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}
