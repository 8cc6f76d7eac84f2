package network

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLayoutFor(t *testing.T) {
	for _, tc := range []struct {
		cidr string
		want Layout
	}{
		{"10.0.0.0/16", Layout{AvailabilityZoneMask: 18, PrivateMask: 19, PublicMask: 21, IsolatedMask: 21}},
		{"172.16.0.0/20", Layout{AvailabilityZoneMask: 22, PrivateMask: 23, PublicMask: 25, IsolatedMask: 25}},
	} {
		got, err := layoutFor(tc.cidr)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, tc.cidr)
		// Per AZ: half private, an eighth public, an eighth isolated: never more than the AZ's range.
		azSize := 1 << (32 - got.AvailabilityZoneMask)
		used := 1<<(32-got.PrivateMask) + 1<<(32-got.PublicMask) + 1<<(32-got.IsolatedMask)
		assert.LessOrEqual(t, used, azSize)
	}
}

// The documented layout, written out for the stacks' VPC: reviewers read these blocks in
// README.md, and a change of any of them replaces subnets.
func TestSubnetLayoutOfTheStacksVpc(t *testing.T) {
	got, err := SubnetLayout("10.0.0.0/16", []string{"us-east-1a", "us-east-1b", "us-east-1c"})
	require.NoError(t, err)
	want := []Subnet{
		{TierPublic, "us-east-1a", "10.0.32.0/21"},
		{TierPrivate, "us-east-1a", "10.0.0.0/19"},
		{TierIsolated, "us-east-1a", "10.0.40.0/21"},
		{TierPublic, "us-east-1b", "10.0.96.0/21"},
		{TierPrivate, "us-east-1b", "10.0.64.0/19"},
		{TierIsolated, "us-east-1b", "10.0.104.0/21"},
		{TierPublic, "us-east-1c", "10.0.160.0/21"},
		{TierPrivate, "us-east-1c", "10.0.128.0/19"},
		{TierIsolated, "us-east-1c", "10.0.168.0/21"},
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 8187, got[1].UsableAddresses(), "a /19 less the 5 addresses AWS reserves")
	assert.Equal(t, 2043, got[0].UsableAddresses(), "a /21 less 5")
}

// Every supported VPC prefix × AZ count: no two subnets overlap, each lies inside its AZ block
// and the VPC, the sizes are the documented ones, and the result is the same run to run.
func TestSubnetLayoutInvariants(t *testing.T) {
	for _, base := range []string{"10.0.0.0", "172.31.0.0", "192.168.0.0"} {
		for prefix := LargestVpcPrefix; prefix <= SmallestVpcPrefix; prefix++ {
			for _, azCount := range []int{MinAvailabilityZones, MaxAvailabilityZones} {
				vpc := netip.PrefixFrom(netip.MustParseAddr(base), prefix).Masked()
				cidr := vpc.String()
				azs := []string{"eu-west-1a", "eu-west-1b", "eu-west-1c"}[:azCount]
				t.Run(fmt.Sprintf("%s/%dAZ", cidr, azCount), func(t *testing.T) {
					got, err := SubnetLayout(cidr, azs)
					require.NoError(t, err)
					again, err := SubnetLayout(cidr, azs)
					require.NoError(t, err)
					assert.Equal(t, got, again, "the layout is deterministic")
					require.Len(t, got, 3*azCount, "one subnet per tier and AZ")

					azMask := prefix + 2 // a quarter of the VPC
					wantMask := map[Tier]int{TierPrivate: azMask + 1, TierPublic: azMask + 3, TierIsolated: azMask + 3}
					perTier := map[Tier]int{}
					for i, s := range got {
						p := netip.MustParsePrefix(s.CidrBlock)
						assert.Equal(t, p.Masked(), p, "%s has no host bits", s.CidrBlock)
						assert.Equal(t, wantMask[s.Tier], p.Bits(), "%s %s size", s.Tier, s.CidrBlock)
						assert.True(t, vpc.Contains(p.Addr()) && p.Bits() >= vpc.Bits(), "%s inside the VPC %s", s.CidrBlock, cidr)
						azIndex := i / 3
						assert.Equal(t, azs[azIndex], s.AvailabilityZone)
						azBlock, err := AvailabilityZoneBlock(cidr, azIndex)
						require.NoError(t, err)
						ab := netip.MustParsePrefix(azBlock)
						assert.Equal(t, azMask, ab.Bits())
						assert.True(t, ab.Contains(p.Addr()) && p.Bits() >= ab.Bits(), "%s inside its AZ block %s", s.CidrBlock, azBlock)
						assert.Equal(t, 1<<(32-p.Bits())-AwsReservedAddresses, s.UsableAddresses())
						assert.GreaterOrEqual(t, s.UsableAddresses(), 123, "the smallest subnet (/25) keeps 123 addresses")
						perTier[s.Tier]++
						for _, other := range got[i+1:] {
							assert.False(t, p.Overlaps(netip.MustParsePrefix(other.CidrBlock)), "%s overlaps %s", s.CidrBlock, other.CidrBlock)
						}
					}
					assert.Equal(t, map[Tier]int{TierPublic: azCount, TierPrivate: azCount, TierIsolated: azCount}, perTier)
				})
			}
		}
	}
}

func TestSubnetLayoutRejects(t *testing.T) {
	_, err := SubnetLayout("10.0.0.0/16", nil)
	assert.ErrorContains(t, err, "room for 1–4 AZs, not 0")
	_, err = SubnetLayout("10.0.0.0/16", []string{"a", "b", "c", "d", "e"})
	assert.ErrorContains(t, err, "not 5")
	_, err = SubnetLayout("10.0.0.0/24", []string{"a", "b"})
	assert.ErrorContains(t, err, "use a block from /16 to /20")
	_, err = AvailabilityZoneBlock("10.0.0.0/16", 4)
	assert.ErrorContains(t, err, "outside the layout's 4 AZ blocks")
}

func TestRegionFromAvailabilityZone(t *testing.T) {
	assert.Equal(t, "us-east-1", region("us-east-1a"))
	assert.Equal(t, "ap-southeast-2", region("ap-southeast-2c"))
}
