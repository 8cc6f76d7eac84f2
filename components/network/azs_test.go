package network

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// usEast1ZoneIDs maps the mocks' us-east-1 AZ names to their zone IDs (internal/offline/providers).
var usEast1ZoneIDs = map[string]string{
	"us-east-1a": "use1-az1", "us-east-1b": "use1-az2", "us-east-1c": "use1-az4",
	"us-east-1d": "use1-az6", "us-east-1e": "use1-az3", "us-east-1f": "use1-az5",
}

// zonesOf gives each AZ name its zone ID in usEast1ZoneIDs ("" for other Regions).
func zonesOf(names ...string) []zone {
	out := make([]zone, len(names))
	for i, n := range names {
		out[i] = zone{name: n, id: usEast1ZoneIDs[n]}
	}
	return out
}

func TestChooseAvailabilityZones(t *testing.T) {
	names := []string{"us-east-1f", "us-east-1a", "us-east-1e", "us-east-1b", "us-east-1c", "us-east-1d"}
	zones := zonesOf(names...)
	allBut := func(skip string, typ string) map[string][]string {
		out := map[string][]string{}
		for _, az := range names {
			if az != skip {
				out[az] = append(out[az], typ)
			}
		}
		return out
	}
	t.Run("no required types: first by name", func(t *testing.T) {
		got, err := chooseAvailabilityZones("us-east-1", zones, azNeeds{}, 3)
		require.NoError(t, err)
		assert.Equal(t, []string{"us-east-1a", "us-east-1b", "us-east-1c"}, got)
	})
	t.Run("skips an AZ without the type", func(t *testing.T) {
		offered := allBut("us-east-1b", "m7g.large")
		got, err := chooseAvailabilityZones("us-east-1", zones, azNeeds{instanceTypes: []string{"m7g.large"}, offered: offered}, 3)
		require.NoError(t, err)
		assert.Equal(t, []string{"us-east-1a", "us-east-1c", "us-east-1d"}, got)
	})
	t.Run("every type must be offered", func(t *testing.T) {
		offered := allBut("us-east-1a", "m7g.large")
		for _, az := range names {
			if az != "us-east-1c" {
				offered[az] = append(offered[az], "c7g.large")
			}
		}
		got, err := chooseAvailabilityZones("us-east-1", zones, azNeeds{instanceTypes: []string{"m7g.large", "c7g.large"}, offered: offered}, 2)
		require.NoError(t, err)
		assert.Equal(t, []string{"us-east-1b", "us-east-1d"}, got)
	})
	t.Run("too few", func(t *testing.T) {
		offered := map[string][]string{"us-east-1c": {"p5.48xlarge"}, "us-east-1a": {"p5.48xlarge"}}
		_, err := chooseAvailabilityZones("us-east-1", zones, azNeeds{instanceTypes: []string{"p5.48xlarge"}, offered: offered}, 3)
		var short *AvailabilityZoneShortageError
		require.ErrorAs(t, err, &short)
		assert.Equal(t, []string{"us-east-1a", "us-east-1c"}, short.Offering)
		assert.Equal(t, "AvailabilityZoneCount is 3 but only 2 AZs of us-east-1 offer p5.48xlarge (offered in us-east-1a, us-east-1c; not in us-east-1b, us-east-1d, us-east-1e, us-east-1f): lower AvailabilityZoneCount to 2, choose RequiredInstanceTypes offered in more AZs, or set AvailabilityZoneNames", err.Error())
	})
	t.Run("too few without types", func(t *testing.T) {
		_, err := chooseAvailabilityZones("eu-south-2", zonesOf("eu-south-2a", "eu-south-2b"), azNeeds{}, 3)
		assert.EqualError(t, err, "AvailabilityZoneCount is 3 but eu-south-2 offers 2 AZs without opt-in: lower it or set AvailabilityZoneNames")
	})
}

// TestVpcOriginAZs: with vpcOrigins, an AZ whose ID lacks CloudFront VPC origins (use1-az3 in
// us-east-1, CloudFront Developer Guide, "Supported AWS Regions for VPC origins") is skipped even
// when it offers the instance types, and a shortage names it with its ID.
func TestVpcOriginAZs(t *testing.T) {
	all := map[string][]string{}
	for name := range usEast1ZoneIDs {
		all[name] = []string{"t2.micro"}
	}
	needs := azNeeds{instanceTypes: []string{"t2.micro"}, offered: all, vpcOrigins: true}
	got, err := chooseAvailabilityZones("us-east-1", zonesOf("us-east-1e", "us-east-1f", "us-east-1d"), needs, 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"us-east-1d", "us-east-1f"}, got, "us-east-1e is use1-az3")

	needs.vpcOrigins = false
	got, err = chooseAvailabilityZones("us-east-1", zonesOf("us-east-1e", "us-east-1f", "us-east-1d"), needs, 2)
	require.NoError(t, err)
	assert.Equal(t, []string{"us-east-1d", "us-east-1e"}, got, "without VPC origins, use1-az3 qualifies")

	needs.vpcOrigins = true
	_, err = chooseAvailabilityZones("us-east-1", zonesOf("us-east-1a", "us-east-1b", "us-east-1e"), needs, 3)
	var short *AvailabilityZoneShortageError
	require.ErrorAs(t, err, &short)
	assert.Equal(t, []string{"us-east-1a", "us-east-1b"}, short.Offering)
	assert.Equal(t, []string{"us-east-1e (use1-az3)"}, short.NoVpcOrigin)
	assert.Equal(t, "AvailabilityZoneCount is 3 but only 2 AZs of us-east-1 offer t2.micro and CloudFront VPC origins (offered in us-east-1a, us-east-1b; no CloudFront VPC origins in us-east-1e (use1-az3)): lower AvailabilityZoneCount to 2, choose RequiredInstanceTypes offered in more AZs, or set AvailabilityZoneNames", err.Error())

	// Without instance types, VPC origins alone still make a shortage error.
	_, err = chooseAvailabilityZones("us-east-1", zonesOf("us-east-1a", "us-east-1b", "us-east-1e"), azNeeds{vpcOrigins: true}, 3)
	require.ErrorAs(t, err, &short)
	assert.Contains(t, err.Error(), "offer CloudFront VPC origins (offered in us-east-1a, us-east-1b; no CloudFront VPC origins in us-east-1e (use1-az3)): lower AvailabilityZoneCount to 2")
}

// TestVpcOriginRegions: every Region of the guide's list is known, with its excluded AZ IDs, and
// a Region outside it is an error naming the Regions to use.
func TestVpcOriginRegions(t *testing.T) {
	assert.Len(t, VpcOriginRegions(), 33)
	for region, id := range map[string]string{"us-east-1": "use1-az3", "us-west-1": "usw1-az2", "ap-northeast-1": "apne1-az3", "ca-central-1": "cac1-az3"} {
		require.NoError(t, checkVpcOriginRegion(region))
		assert.False(t, vpcOriginAZ(region, id), id)
		assert.True(t, vpcOriginAZ(region, region[:2]+"x-az1"))
	}
	assert.True(t, vpcOriginAZ("eu-west-1", "euw1-az3"))
	assert.False(t, vpcOriginAZ("eu-west-1", ""), "an AZ without an ID cannot be checked")
	err := checkVpcOriginRegion("us-gov-west-1")
	var regionErr *VpcOriginRegionError
	require.ErrorAs(t, err, &regionErr)
	assert.Contains(t, err.Error(), "CloudFront VPC origins are not available in us-gov-west-1")
	assert.Contains(t, err.Error(), "deploy to one of af-south-1, ap-east-1,")
}
