package providerstubs

import (
	"slices"

	"github.com/tenkstack/tenk/internal/mockmonitor"
)

// All returns every stub tenk's program needs, one per token: pass them to mockmonitor.NewMocks,
// followed by any a run should answer differently.
func All() []mockmonitor.Stub {
	return slices.Concat(awsxStubs, networkStubs, webtierStubs, vpcOriginStubs, cdnStubs, wafv2Stubs,
		rdsStubs, elasticacheStubs, dynamodbStubs, kmsStubs, ssmStubs, randomStubs)
}
