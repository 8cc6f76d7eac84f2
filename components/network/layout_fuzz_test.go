package network

import (
	"net/netip"
	"testing"
)

// FuzzSubnetLayout checks the layout's invariants for any IPv4 block and AZ count: a block the
// layout accepts (a masked /16–/20, 1–4 AZs) gives one aligned subnet per tier and AZ, each inside
// the VPC and its AZ block, none overlapping another; any other input is refused. `go test` runs
// the seeds; `go test ./components/network -run '^$' -fuzz FuzzSubnetLayout` explores further.
func FuzzSubnetLayout(f *testing.F) {
	f.Add(uint32(10)<<24, uint8(16), uint8(3))
	f.Add(uint32(172)<<24|31<<16, uint8(20), uint8(2))
	f.Add(uint32(192)<<24|168<<16|16<<8, uint8(20), uint8(4))
	f.Add(uint32(10)<<24|1, uint8(16), uint8(2)) // host bits set
	f.Add(uint32(10)<<24, uint8(24), uint8(2))   // too small
	f.Add(uint32(10)<<24, uint8(8), uint8(3))    // too large
	f.Add(uint32(10)<<24, uint8(18), uint8(0))   // no AZ
	f.Add(uint32(10)<<24, uint8(18), uint8(5))   // more AZs than blocks
	f.Fuzz(func(t *testing.T, addr uint32, bits, azCount uint8) {
		bits %= 33
		azs := []string{"az-a", "az-b", "az-c", "az-d", "az-e", "az-f"}[:azCount%7]
		vpc := netip.PrefixFrom(uintToAddr(addr), int(bits))
		cidr := vpc.String()

		got, err := SubnetLayout(cidr, azs)
		valid := vpc.Masked() == vpc && bits >= LargestVpcPrefix && bits <= SmallestVpcPrefix &&
			len(azs) >= 1 && len(azs) <= LayoutAvailabilityZones
		if !valid {
			if err == nil {
				t.Fatalf("SubnetLayout(%s, %d AZs) accepted a block or AZ count outside the layout", cidr, len(azs))
			}
			return
		}
		if err != nil {
			t.Fatalf("SubnetLayout(%s, %d AZs): %v", cidr, len(azs), err)
		}
		if len(got) != len(azs)*len(placements) {
			t.Fatalf("SubnetLayout(%s, %d AZs) gave %d subnets, want one per tier and AZ", cidr, len(azs), len(got))
		}
		prefixes := make([]netip.Prefix, len(got))
		for i, s := range got {
			p, err := netip.ParsePrefix(s.CidrBlock)
			if err != nil {
				t.Fatalf("subnet %d: %v", i, err)
			}
			prefixes[i] = p
			if p.Masked() != p {
				t.Errorf("%s is not aligned on its own size", p)
			}
			if !vpc.Contains(p.Addr()) || p.Bits() < vpc.Bits() {
				t.Errorf("%s is outside the VPC %s", p, vpc)
			}
			azBlock, err := AvailabilityZoneBlock(cidr, i/len(placements))
			if err != nil {
				t.Fatalf("AZ block %d: %v", i/len(placements), err)
			}
			if ab := netip.MustParsePrefix(azBlock); !ab.Contains(p.Addr()) || p.Bits() < ab.Bits() {
				t.Errorf("%s (%s) is outside its AZ block %s", p, s.AvailabilityZone, ab)
			}
			if s.UsableAddresses() < 1 {
				t.Errorf("%s has no usable address", p)
			}
		}
		for i := range prefixes {
			for j := i + 1; j < len(prefixes); j++ {
				if prefixes[i].Overlaps(prefixes[j]) {
					t.Errorf("%s overlaps %s", prefixes[i], prefixes[j])
				}
			}
		}
	})
}
