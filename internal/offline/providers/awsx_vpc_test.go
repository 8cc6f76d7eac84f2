package providers_test

import (
	"net/netip"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
)

// vpcInputs builds a registration of awsx's Vpc as the mock monitor records it.
func vpcInputs(name string, inputs map[string]any) monitor.Resource {
	return monitor.Resource{Type: "awsx:ec2:Vpc", Name: name, Remote: true, Inputs: inputs}
}

func spec(typ string, extra map[string]any) map[string]any {
	out := map[string]any{"type": typ}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

func cidrs(list ...string) []any {
	out := make([]any, len(list))
	for i, c := range list {
		out[i] = c
	}
	return out
}

// The inputs tenk's Network passed before issue 11 (strategy Auto, public /21, private /19,
// isolated /21, AZ mask /18): the replay must reject them as awsx v2.21.0 does, naming the
// overlapping subnets the issue lists.
func TestReplayRejectsTheOldAutoLayout(t *testing.T) {
	old := func(azs ...string) monitor.Resource {
		return vpcInputs("tenk-vpc", map[string]any{
			"cidrBlock":                "10.0.0.0/16",
			"availabilityZoneNames":    cidrs(azs...),
			"subnetStrategy":           "Auto",
			"availabilityZoneCidrMask": float64(18),
			"natGateways":              map[string]any{"strategy": "Single"},
			"subnetSpecs": []any{
				spec("Public", map[string]any{"name": "public", "cidrMask": float64(21)}),
				spec("Private", map[string]any{"name": "private", "cidrMask": float64(19)}),
				spec("Isolated", map[string]any{"name": "isolated", "cidrMask": float64(21)}),
			},
		})
	}
	_, err := providers.ReplayAwsxVpc(old("us-east-1a", "us-east-1b"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "The following subnets overlap")
	assert.Contains(t, err.Error(), "tenk-vpc-isolated-1: 10.0.64.0/21")
	assert.Contains(t, err.Error(), "tenk-vpc-public-2: 10.0.64.0/21")

	_, err = providers.ReplayAwsxVpc(old("us-east-1a", "us-east-1b", "us-east-1c"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "tenk-vpc-isolated-2: 10.0.128.0/21")
	assert.Contains(t, err.Error(), "tenk-vpc-public-3: 10.0.128.0/21")
}

// Cases from awsx v2.21.0's own tests (awsx/ec2/subnetDistributorNew.test.ts), so the replay is
// checked against awsx's expectations, not only against ours.
func TestReplayMatchesAwsxOwnTests(t *testing.T) {
	t.Run("can override az cidr mask", func(t *testing.T) {
		got, err := providers.ReplayAwsxVpc(vpcInputs("vpcName", map[string]any{
			"cidrBlock": "10.0.0.0/16", "availabilityZoneNames": cidrs("us-east-1a"), "subnetStrategy": "Auto",
			"availabilityZoneCidrMask": float64(19), "natGateways": map[string]any{"strategy": "None"},
			"subnetSpecs": []any{spec("Public", nil)},
		}))
		require.NoError(t, err)
		require.Len(t, got, 1)
		assert.Equal(t, "10.0.0.0/19", got[0].CidrBlock)
	})
	t.Run("no layout: single private and public with staggered sizes", func(t *testing.T) {
		for _, mask := range []int{16, 20, 24} {
			cidr := "10.0.0.0/" + itoa(mask)
			got, err := providers.ReplayAwsxVpc(vpcInputs("vpcName", map[string]any{
				"cidrBlock": cidr, "availabilityZoneNames": cidrs("us-east-1a"), "subnetStrategy": "Auto",
			}))
			require.NoError(t, err, cidr)
			require.Len(t, got, 2)
			// Created public first (compareSubnetSpecs); allocated private first.
			assert.Equal(t, "Public", got[0].Type)
			assert.Equal(t, "10.0.0.0/"+itoa(mask+1), got[1].CidrBlock, "private of %s", cidr)
			assert.Equal(t, "vpcName-private-1", got[1].Name)
			assert.Equal(t, mask+2, bitsOf(got[0].CidrBlock), "public of %s", cidr)
		}
	})
	t.Run("explicit layout keeps the blocks in AZ order", func(t *testing.T) {
		got, err := providers.ReplayAwsxVpc(vpcInputs("vpcName", map[string]any{
			"cidrBlock": "10.0.0.0/16", "availabilityZoneNames": cidrs("us-east-1a", "us-east-1b"), "subnetStrategy": "Auto",
			"subnetSpecs": []any{
				spec("Public", map[string]any{"cidrBlocks": cidrs("10.0.0.0/18", "10.0.64.0/19")}),
				spec("Private", map[string]any{"cidrBlocks": cidrs("10.0.96.0/19", "10.0.128.0/20")}),
			},
		}))
		require.NoError(t, err)
		want := []providers.AwsxSubnet{
			{Name: "vpcName-public-1", Type: "Public", AvailabilityZone: "us-east-1a", CidrBlock: "10.0.0.0/18"},
			{Name: "vpcName-private-1", Type: "Private", AvailabilityZone: "us-east-1a", CidrBlock: "10.0.96.0/19"},
			{Name: "vpcName-public-2", Type: "Public", AvailabilityZone: "us-east-1b", CidrBlock: "10.0.64.0/19"},
			{Name: "vpcName-private-2", Type: "Private", AvailabilityZone: "us-east-1b", CidrBlock: "10.0.128.0/20"},
		}
		assert.Equal(t, want, got)
	})
	t.Run("exact layouts reject gaps", func(t *testing.T) {
		_, err := providers.ReplayAwsxVpc(vpcInputs("v", map[string]any{
			"cidrBlock": "10.0.0.0/16", "availabilityZoneNames": cidrs("us-east-1a"), "subnetStrategy": "Exact",
			"natGateways": map[string]any{"strategy": "None"},
			"subnetSpecs": []any{spec("Public", map[string]any{"cidrMask": float64(18)}), spec("Private", map[string]any{"cidrMask": float64(17)})},
		}))
		require.Error(t, err)
		assert.Contains(t, err.Error(), "There are gaps in the subnet ranges")
	})
}

func TestReplayRejectsWhatAwsxRejects(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{
			"cidrBlock": "10.0.0.0/16", "availabilityZoneNames": cidrs("us-east-1a", "us-east-1b"), "subnetStrategy": "Auto",
			"subnetSpecs": []any{
				spec("Public", map[string]any{"cidrBlocks": cidrs("10.0.0.0/20", "10.0.16.0/20")}),
				spec("Private", map[string]any{"cidrBlocks": cidrs("10.0.32.0/19", "10.0.64.0/19")}),
			},
		}
	}
	_, err := providers.ReplayAwsxVpc(vpcInputs("v", base()))
	require.NoError(t, err, "the base case is valid")

	for name, tc := range map[string]struct {
		change func(in map[string]any)
		want   string
	}{
		"one spec without blocks": {func(in map[string]any) {
			in["subnetSpecs"] = append(in["subnetSpecs"].([]any), spec("Isolated", nil))
		}, "all subnets must have explicit cidrBlocks"},
		"blocks not one per AZ": {func(in map[string]any) {
			in["subnetSpecs"].([]any)[0].(map[string]any)["cidrBlocks"] = cidrs("10.0.0.0/20")
		}, "must match the number of availability zones (2)"},
		"mask disagrees with blocks": {func(in map[string]any) {
			in["subnetSpecs"].([]any)[0].(map[string]any)["cidrMask"] = float64(21)
		}, "cidrMask in subnetSpecs[0] must match all cidrBlocks"},
		"overlap": {func(in map[string]any) {
			in["subnetSpecs"].([]any)[0].(map[string]any)["cidrBlocks"] = cidrs("10.0.0.0/20", "10.0.32.0/20")
		}, "v-public-2: 10.0.32.0/20"},
		"Legacy ignores the blocks": {func(in map[string]any) { delete(in, "subnetStrategy") }, "Legacy allocator"},
		"NAT without a public subnet": {func(in map[string]any) {
			in["subnetSpecs"] = in["subnetSpecs"].([]any)[1:]
		}, "both private and public subnets must be declared"},
		"outside the VPC": {func(in map[string]any) {
			in["subnetSpecs"].([]any)[0].(map[string]any)["cidrBlocks"] = cidrs("10.0.0.0/20", "10.1.0.0/20")
		}, "lies outside the VPC's 10.0.0.0/16"},
	} {
		t.Run(name, func(t *testing.T) {
			in := base()
			tc.change(in)
			_, err := providers.ReplayAwsxVpc(vpcInputs("v", in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

func bitsOf(cidr string) int { return netip.MustParsePrefix(cidr).Bits() }
